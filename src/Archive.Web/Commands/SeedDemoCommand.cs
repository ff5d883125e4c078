using System.Diagnostics;
using Archive.Web.Database;
using Archive.Web.Search;
using Archive.Web.Tags;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Commands;

/// <summary>
/// `seed-demo --works N`: fills the database with N realistic works for demos and benchmarks, in set-based SQL:
/// a long tail of fandoms (a few huge, most tiny), characters and relationships per fandom, shared additional tags,
/// some unwrangled spellings, 1 to 6 chapters per work, 20,000 demo users (writers and readers, each with a default
/// pseud), and for each work long-tailed kudos (users and guests), bookmarks and comment threads (some from guests,
/// a few screened), most works getting a few and popular ones many. Adds to what is there; run it again to grow the archive.
/// <para>
/// Works are made in batches of up to 100,000, each in its own transaction, two batches at a time on two connections.
/// A failed or interrupted run therefore leaves the batches it finished (whole, consistent works), never half a batch.
/// Every count the app keeps on a work (tags, chapters, words, search text, kudos, bookmarks) is computed the way
/// posting computes it (WorkQueries.RecountAsync, FilterTags) before the work is inserted, so no row is written twice.
/// </para>
/// </summary>
public static class SeedDemoCommand
{
    const int Fandoms = 250;
    /// <summary>People 1..Writers are demo_writer_N, the rest demo_reader_N.</summary>
    const int Writers = 5_000;
    const int People = 20_000;
    /// <summary>A step that visits every other person once (coprime to People - 1 = 7 × 2857), so a work's readers are distinct.</summary>
    const int ReaderStep = 7_919;
    /// <summary>Guests are network addresses 10.x.y.z; a step coprime to their number makes a work's guests distinct.</summary>
    const int GuestAddresses = 200_000;
    const int GuestStep = 104_729;
    const int BatchSize = 100_000;
    const int Connections = 2;
    const string Sentence = "The tide came in over the stones and the keeper watched it rise. ";
    const int WordsPerSentence = 13;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        if (args is not ["--works", var count] || !int.TryParse(count, out var works) || works < 0 || works > 5_000_000)
        {
            errors.WriteLine("Usage: seed-demo --works N (0 to 5,000,000; 0 only says how many the archive has)");
            return 2;
        }
        if (works == 0)
        {
            await using var scope = services.CreateAsyncScope();
            output.WriteLine($"Added no works; the archive has {await Connect(scope).Works.CountAsync():N0} works.");
            return 0;
        }
        var clock = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        await using (var scope = services.CreateAsyncScope())
            await CreateTagsAndPeopleAsync(Connect(scope), now);

        // At least two batches, so that even a small seed uses both connections.
        var batchCount = Math.Max(Math.Min(works, Connections), (works + BatchSize - 1) / BatchSize);
        var batches = new System.Collections.Concurrent.ConcurrentQueue<(int Number, int Size)>(
            Enumerable.Range(0, batchCount).Select(i => (i + 1, works / batchCount + (i < works % batchCount ? 1 : 0))));
        var added = 0;
        var failed = false;
        async Task WorkThroughBatchesAsync()
        {
            await using var scope = services.CreateAsyncScope();
            var db = Connect(scope);
            while (!Volatile.Read(ref failed) && batches.TryDequeue(out var batch))
            {
                var batchClock = Stopwatch.StartNew();
                try { await SeedBatchAsync(db, batch.Size, now); }
                catch { Volatile.Write(ref failed, true); throw; }
                Interlocked.Add(ref added, batch.Size);
                lock (output) output.WriteLine($"Batch {batch.Number} of {batchCount}: {batch.Size:N0} works in {batchClock.Elapsed.TotalSeconds:0.0}s.");
            }
        }
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Min(Connections, batchCount)).Select(_ => Task.Run(WorkThroughBatchesAsync)));
        }
        catch (Exception e)
        {
            await ForgetCachedPagesAsync(services);
            errors.WriteLine($"Seeding stopped: {e.Message}");
            errors.WriteLine($"The {added:N0} works of the batches that finished are kept; nothing of the failed batch is.");
            return 1;
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = Connect(scope);
            // Every tag's count of visible works, from the works themselves; works can't change meanwhile, so the changes
            // waiting to be folded are all in it.
            await using (var recount = await db.Database.BeginTransactionAsync())
            {
                await db.Database.ExecuteSqlRawAsync("""
                    LOCK TABLE works IN SHARE MODE;
                    DELETE FROM tag_count_changes;
                    UPDATE tags SET works_count = counted.n
                    FROM (SELECT t.id, COALESCE(c.n, 0) AS n FROM tags t LEFT JOIN (
                            SELECT f.tag_id, count(*)::int AS n FROM works w, unnest(w.filter_tag_ids) AS f(tag_id) WHERE w.hidden_at IS NULL GROUP BY f.tag_id) c
                          ON c.tag_id = t.id) counted
                    WHERE tags.id = counted.id AND tags.works_count <> counted.n;
                    """);
                await recount.CommitAsync();
            }
            // Fresh statistics so the planner knows the archive's new shape; the GIN indexes' pending entries merged
            // now rather than read by every search until autovacuum gets to them (only their owner may do that).
            await db.Database.ExecuteSqlRawAsync("""
                SELECT gin_clean_pending_list(c.oid) FROM pg_class c
                WHERE c.oid IN (to_regclass('ix_works_search_vector'), to_regclass('ix_works_filter_tag_ids')) AND pg_has_role(c.relowner, 'USAGE');
                ANALYZE works; ANALYZE work_stats; ANALYZE work_tags; ANALYZE work_creators; ANALYZE tags; ANALYZE chapters; ANALYZE bookmarks;
                ANALYZE kudos; ANALYZE comments; ANALYZE users; ANALYZE pseuds;
                """);
            // A site running on this database shows the new works at once.
            await ForgetCachedPagesAsync(services);
            var total = await db.Works.CountAsync();
            output.WriteLine($"Added {works:N0} demo works in {clock.Elapsed.TotalSeconds:0.0}s; the archive has {total:N0} works.");
        }
        return 0;
    }

    static Task ForgetCachedPagesAsync(IServiceProvider services) =>
        services.GetRequiredService<Caching.PageCacheEvictions>().EvictAsync([Caching.CacheTags.Everything]);

    static ArchiveDbContext Connect(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<ArchiveDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        return db;
    }

    /// <summary>Tags and demo users, once per run; ON CONFLICT keeps reruns idempotent.</summary>
    static async Task CreateTagsAndPeopleAsync(ArchiveDbContext db, DateTimeOffset now)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var (type, names) in new[] { (TagType.Rating, Ratings.All), (TagType.ArchiveWarning, ArchiveWarnings.All), (TagType.Category, Categories.All) })
            foreach (var name in names)
                await db.Database.ExecuteSqlAsync($"INSERT INTO tags (name, normalized_name, type, is_canonical, created_at) VALUES ({name}, {Tag.Normalize(name)}, {(int)type}, true, {now}) ON CONFLICT (normalized_name) DO NOTHING");
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO tags (name, normalized_name, type, is_canonical, created_at)
            SELECT 'Demo Fandom ' || f, upper('Demo Fandom ' || f), 3, true, {now} FROM generate_series(1, {Fandoms}) f
            ON CONFLICT (normalized_name) DO NOTHING;
            INSERT INTO tags (name, normalized_name, type, is_canonical, created_at)
            SELECT 'Character ' || c || ' of ' || f, upper('Character ' || c || ' of ' || f), 5, true, {now} FROM generate_series(1, {Fandoms}) f, generate_series(1, 12) c
            ON CONFLICT (normalized_name) DO NOTHING;
            INSERT INTO tags (name, normalized_name, type, is_canonical, relationship_key, created_at)
            SELECT 'Character ' || c || ' of ' || f || '/Character ' || (c + 1) || ' of ' || f, upper('Character ' || c || ' of ' || f || '/Character ' || (c + 1) || ' of ' || f), 4, c % 4 <> 0,
                   'character ' || c || ' of ' || f || '/character ' || (c + 1) || ' of ' || f, {now}
            FROM generate_series(1, {Fandoms}) f, generate_series(1, 8) c
            ON CONFLICT (normalized_name) DO NOTHING;
            INSERT INTO tags (name, normalized_name, type, is_canonical, created_at)
            SELECT 'Demo Trope ' || t, upper('Demo Trope ' || t), 6, t <= 300, {now} FROM generate_series(1, 600) t
            ON CONFLICT (normalized_name) DO NOTHING;
            INSERT INTO tag_parents (tag_id, parent_id)
            SELECT c.id, f.id FROM tags c JOIN tags f ON f.type = 3 AND f.name = 'Demo Fandom ' || split_part(c.name, ' of ', 2)
            WHERE c.type = 5 AND c.name LIKE 'Character % of %'
            ON CONFLICT DO NOTHING;
            """);
        // Writers and readers, each with a default pseud; they can't log in (no password). Joined before any of their works.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO users (user_name, normalized_user_name, email, normalized_email, email_confirmed, security_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, created_at)
            SELECT name, upper(name), name || '@example.invalid', upper(name || '@example.invalid'), true, md5(name), false, false, true, 0, {now} - interval '16 years' + i * interval '1 minute'
            FROM (SELECT i, CASE WHEN i <= {Writers} THEN 'demo_writer_' || i ELSE 'demo_reader_' || (i - {Writers}) END AS name FROM generate_series(1, {People}) i) people
            ON CONFLICT DO NOTHING;
            INSERT INTO pseuds (user_id, name, normalized_name, is_default, created_at)
            SELECT id, user_name, normalized_user_name, true, created_at FROM users u
            WHERE (user_name LIKE 'demo_writer_%' OR user_name LIKE 'demo_reader_%') AND NOT EXISTS (SELECT 1 FROM pseuds p WHERE p.user_id = u.id);
            """);
        await transaction.CommitAsync();
    }

    /// <summary>
    /// One batch of works with everything that hangs off them, in one transaction. Ids come from the tables' own
    /// sequences up front, so every row (and every count on the work) is computed before it is written, and written once.
    /// </summary>
    static async Task SeedBatchAsync(ArchiveDbContext db, int works, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Sorts and hashes of a batch fit in memory; a lost commit of demo data costs nothing.
        // Tags' work counts are counted once at the end, instead of a change row per work and tag.
        await db.Database.ExecuteSqlRawAsync("SET LOCAL work_mem = '256MB'; SET LOCAL synchronous_commit = off; SET LOCAL archive.bulk_load = on;");

        // The demo people and tags by their numbers, so the rest joins on integers instead of building names per row.
        await db.Database.ExecuteSqlAsync($"""
            CREATE TEMP TABLE people ON COMMIT DROP AS
            SELECT d.idx, u.id AS user_id, p.id AS pseud_id, u.user_name, p.name AS pseud_name
            FROM (SELECT i AS idx, CASE WHEN i <= {Writers} THEN 'DEMO_WRITER_' || i ELSE 'DEMO_READER_' || (i - {Writers}) END AS name FROM generate_series(1, {People}) i) d
            JOIN users u ON u.normalized_user_name = d.name JOIN pseuds p ON p.user_id = u.id AND p.is_default;
            ALTER TABLE people ADD PRIMARY KEY (idx);
            """);
        // kind: 0 rating, 1 warning, 2 category (a = 1-based place in the app's list), 3 fandom a, 4 relationship b of fandom a,
        // 5 character b of fandom a, 6 trope a. A wrangler may since have merged one into a canonical tag: filters and search follow that.
        await db.Database.ExecuteSqlAsync($"""
            CREATE TEMP TABLE demo_tags ON COMMIT DROP AS
            SELECT k.kind, k.a, k.b, t.id AS tag_id, t.type, t.name, m.name AS merger_name, COALESCE(t.merger_id, t.id) AS filter_id
            FROM (
                SELECT 0 AS kind, a::int, 0 AS b, name FROM unnest({Ratings.All.ToArray()}::text[]) WITH ORDINALITY r(name, a)
                UNION ALL SELECT 1, a::int, 0, name FROM unnest({ArchiveWarnings.All.ToArray()}::text[]) WITH ORDINALITY w(name, a)
                UNION ALL SELECT 2, a::int, 0, name FROM unnest({Categories.All.ToArray()}::text[]) WITH ORDINALITY c(name, a)
                UNION ALL SELECT 3, f, 0, 'Demo Fandom ' || f FROM generate_series(1, {Fandoms}) f
                UNION ALL SELECT 4, f, c, 'Character ' || c || ' of ' || f || '/Character ' || (c + 1) || ' of ' || f FROM generate_series(1, {Fandoms}) f, generate_series(1, 8) c
                UNION ALL SELECT 5, f, c, 'Character ' || c || ' of ' || f FROM generate_series(1, {Fandoms}) f, generate_series(1, 12) c
                UNION ALL SELECT 6, t, 0, 'Demo Trope ' || t FROM generate_series(1, 600) t
            ) k
            JOIN tags t ON t.normalized_name = upper(k.name)
            LEFT JOIN tags m ON m.id = t.merger_id;
            """);

        // The works to make. Each draws its own dice; popularity is Pareto-distributed (most works a little, a few a lot),
        // and drives kudos, bookmarks and comment threads together, as on a real archive.
        await db.Database.ExecuteSqlAsync($"""
            CREATE TEMP TABLE seed ON COMMIT DROP AS
            SELECT w.*, floor(w.kudos * (0.15 + random() * 0.2))::int AS guest_kudos,
                   (w.published + time '08:00' + random() * interval '14 hours') AT TIME ZONE 'UTC' AS published_at,
                   CASE WHEN w.shape < 0.7 THEN w.chapters WHEN w.shape < 0.85 THEN NULL ELSE w.chapters + 1 + floor(random() * 5)::int END AS expected_chapters,
                   floor(random() * {People - 1})::int AS readers_from, floor(random() * {GuestAddresses})::int AS guests_from
            FROM (
                SELECT v.*,
                       least(3000, floor(2 * v.popularity - 2 + random() * 2))::int AS kudos,
                       least(1000, floor((v.popularity - 1) * 0.4 + random() * 1.6))::int AS bookmarks,
                       CASE WHEN v.comment_permission = 2 THEN 0 ELSE least(300, floor((v.popularity - 1) * 0.5 + random() * 1.3))::int END AS threads
                FROM (
                    SELECT nextval(pg_get_serial_sequence('works', 'id'))::int AS work_id,
                           1 + floor(power(random(), 3) * {Fandoms})::int AS fandom,
                           CASE WHEN random() < 0.05 THEN 1 + floor(power(random(), 3) * {Fandoms})::int END AS fandom2,
                           1 + floor(power(random(), 1.5) * 6)::int AS chapters,
                           1 + floor(power(random(), 2) * {Writers})::int AS writer,
                           {today} - 5500 + floor(random() * 5400)::int AS published,
                           -- Weights as on AO3: General, Teen, Mature, Explicit, Not Rated.
                           1 + width_bucket(random(), ARRAY[0.3, 0.6, 0.75, 0.93]::float8[]) AS rating,
                           -- Chose Not To Use, Violence, Major Character Death, None Apply, Non-Con, Underage.
                           1 + width_bucket(random(), ARRAY[0.35, 0.43, 0.49, 0.97, 0.99]::float8[]) AS warning,
                           -- F/F, F/M, Gen, M/M, Multi, Other.
                           1 + width_bucket(random(), ARRAY[0.10, 0.35, 0.52, 0.92, 0.97]::float8[]) AS category,
                           1 + floor(power(random(), 1.5) * 8)::int AS ship,
                           CASE WHEN random() < 0.25 THEN 1 + floor(random() * 8)::int END AS ship2,
                           1 + floor(random() * 12)::int AS extra_character,
                           floor(random() * 5)::int AS tropes,
                           random() AS shape,
                           CASE WHEN random() < 0.9 THEN 'English' WHEN random() < 0.5 THEN 'Deutsch' ELSE 'Español' END AS language,
                           -- Everyone, registered users only, nobody.
                           width_bucket(random(), ARRAY[0.9, 0.98]::float8[]) AS comment_permission,
                           random() < 0.03 AS screen_comments,
                           power(1 - random(), -1 / 1.3::float8) AS popularity
                    FROM generate_series(1, {works})
                ) v
            ) w;
            """);

        // Tags per work, in the order an author lists them: rating, warning, category, fandoms, relationships, characters, tropes.
        // Stored in (work, tag) order, the order the app's own recount reads them back in for the search text.
        await db.Database.ExecuteSqlAsync($"""
            CREATE TEMP TABLE seed_tags ON COMMIT DROP AS
            SELECT work_id, tag_id, (row_number() OVER (PARTITION BY work_id ORDER BY ord) - 1)::int AS position
            FROM (
                SELECT DISTINCT ON (c.work_id, d.tag_id) c.work_id, d.tag_id, c.ord
                FROM (
                    SELECT work_id, 0 AS kind, rating AS a, 0 AS b, 0 AS ord FROM seed
                    UNION ALL SELECT work_id, 1, warning, 0, 1 FROM seed
                    UNION ALL SELECT work_id, 2, category, 0, 2 FROM seed
                    UNION ALL SELECT work_id, 3, fandom, 0, 3 FROM seed
                    UNION ALL SELECT work_id, 3, fandom2, 0, 4 FROM seed WHERE fandom2 IS NOT NULL
                    UNION ALL SELECT work_id, 4, fandom, ship, 5 FROM seed
                    UNION ALL SELECT work_id, 4, fandom, ship2, 6 FROM seed WHERE ship2 IS NOT NULL
                    UNION ALL SELECT work_id, 5, fandom, ship, 7 FROM seed
                    UNION ALL SELECT work_id, 5, fandom, ship + 1, 8 FROM seed
                    UNION ALL SELECT work_id, 5, fandom, extra_character, 9 FROM seed
                    UNION ALL SELECT s.work_id, 6, 1 + floor(power(random(), 2) * 600)::int, 0, 9 + k FROM seed s, generate_series(1, s.tropes) k
                ) c
                JOIN demo_tags d ON d.kind = c.kind AND d.a = c.a AND d.b = c.b
                ORDER BY c.work_id, d.tag_id, c.ord
            ) chosen;
            """);
        // What FilterTags and the tag part (weight B) of RecountAsync's search text compute from a work's tags.
        await db.Database.ExecuteSqlAsync($"""
            CREATE TEMP TABLE seed_tag_sums ON COMMIT DROP AS
            SELECT st.work_id,
                   array_agg(DISTINCT d.filter_id ORDER BY d.filter_id) AS filter_tag_ids,
                   count(DISTINCT d.filter_id) FILTER (WHERE d.type = 3)::int AS fandom_count,
                   -- "Clark/Lex" would be one token; people are found by their names.
                   setweight(to_tsvector('english', string_agg(translate(d.name || COALESCE(' ' || d.merger_name, ''), '/&', '  '), ' ' ORDER BY st.tag_id)), 'B') AS vector
            FROM seed_tags st JOIN demo_tags d ON d.tag_id = st.tag_id
            GROUP BY st.work_id;
            """);

        // Chapter n of work w has 8 + (w + n) % 30 sentences, so a work's whole text is one of 30 × 6 variants:
        // its search text (weight D) and word count are computed once per variant, not once per work.
        await db.Database.ExecuteSqlAsync($"""
            CREATE TEMP TABLE text_variants ON COMMIT DROP AS
            SELECT start, chapters, sum({WordsPerSentence} * (8 + (start + c) % 30))::int AS words,
                   setweight(to_tsvector('english', left(string_agg(regexp_replace('<p>' || repeat({Sentence}, 8 + (start + c) % 30) || '</p>', '<[^>]*>', ' ', 'g'), ' ' ORDER BY c), 300000)), 'D') AS vector
            FROM generate_series(0, 29) start, generate_series(1, 6) chapters, generate_series(1, chapters) c
            GROUP BY start, chapters;
            CREATE TEMP TABLE summaries ON COMMIT DROP AS
            SELECT k - 1 AS k, text, '<p>' || text || '</p>' AS html,
                   -- Summary, notes and end notes (empty here), as RecountAsync's weight C reads them.
                   setweight(to_tsvector('english', regexp_replace('<p>' || text || '</p>' || ' ' || '' || ' ' || '', '<[^>]*>', ' ', 'g')), 'C') AS vector
            FROM unnest(ARRAY['A story about loyalty.', 'A story about second chances.', 'A story about a storm.', 'A story about old friends.', 'A story about a secret.', 'A story about the sea.']) WITH ORDINALITY s(text, k);
            CREATE TEMP TABLE seed_chapters ON COMMIT DROP AS
            SELECT nextval(pg_get_serial_sequence('chapters', 'id'))::int AS id, s.work_id, c AS position, 8 + (s.work_id + c) % 30 AS sentences,
                   s.published + (c - 1) * 7 AS published_on, s.published_at + (c - 1) * interval '7 days' AS published_at
            FROM seed s, generate_series(1, s.chapters) c;
            """);

        // Bookmarks before works: a work's count of public bookmarks goes in with it. Readers are distinct per work and never its writer.
        await db.Database.ExecuteSqlAsync($"""
            CREATE TEMP TABLE seed_bookmarks ON COMMIT DROP AS
            SELECT s.work_id, p.user_id, random() < 0.12 AS is_private, random() < 0.2 AS is_rec, 1 + floor(random() * 50)::int AS tag,
                   s.published_at + power(random(), 2) * ({now} - s.published_at) AS created_at
            FROM seed s CROSS JOIN LATERAL generate_series(0, s.bookmarks - 1) k
            JOIN people p ON p.idx = 1 + (s.writer + (s.readers_from + 3 + k * {ReaderStep}) % {People - 1}) % {People};
            """);

        // The works, with everything RecountAsync and FilterTags would store. Search text: title and creator (A), tags (B),
        // summary and notes (C), chapter text (D), concatenated in that order as the app does.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO works (id, title, summary_source, summary_html, notes_source, notes_html, end_notes_source, end_notes_html, text_format, sanitizer_version,
                               language, published_on, updated_on, expected_chapters, chapter_count, word_count, created_at, revised_at, external_creators,
                               fandom_count, filter_tag_ids, search_vector, creator_sort, comment_permission, screen_comments)
            SELECT s.work_id, x.title, sm.text, sm.html, '', '', '', '', 0, 1,
                   s.language, s.published, s.published + (s.chapters - 1) * 7, s.expected_chapters, s.chapters, tv.words,
                   s.published_at, s.published_at + (s.chapters - 1) * interval '7 days', ARRAY[]::text[],
                   ts.fandom_count, ts.filter_tag_ids,
                   -- The title, the (empty) outside creators, then each creator's pseud and user name.
                   setweight(to_tsvector('english', x.title || ' ' || '' || ' ' || (
                       SELECT string_agg(CASE WHEN n ~ {SearchWords.UserNamePattern} THEN n || ' ' || n || {SearchWords.Whole} ELSE n END, ' ') FROM unnest(ARRAY[p.pseud_name, p.user_name]) n)), 'A')
                   || ts.vector || sm.vector || tv.vector,
                   left(lower(p.pseud_name), 100), s.comment_permission, s.screen_comments
            FROM seed s
            CROSS JOIN LATERAL (SELECT 'Demo Work ' || s.work_id || ' of the ' || (ARRAY['Lighthouse','Harbour','Winter','Mask','River','Garden','Station','Orchard'])[1 + s.work_id % 8] AS title) x
            JOIN people p ON p.idx = s.writer
            JOIN seed_tag_sums ts ON ts.work_id = s.work_id
            JOIN text_variants tv ON tv.start = s.work_id % 30 AND tv.chapters = s.chapters
            JOIN summaries sm ON sm.k = s.work_id % 6
            ORDER BY s.work_id;
            INSERT INTO work_stats (work_id, kudos_count, bookmarks_count, hits_count, filter_tag_ids)
            SELECT s.work_id, s.kudos, COALESCE(b.public, 0), 0, ts.filter_tag_ids
            FROM seed s
            JOIN seed_tag_sums ts ON ts.work_id = s.work_id
            LEFT JOIN (SELECT work_id, count(*) FILTER (WHERE NOT is_private)::int AS public FROM seed_bookmarks GROUP BY work_id) b ON b.work_id = s.work_id
            ORDER BY s.work_id;
            """);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO work_creators (work_id, pseud_id, position, is_accepted, invited_at)
            SELECT s.work_id, p.pseud_id, 0, true, s.published_at FROM seed s JOIN people p ON p.idx = s.writer ORDER BY s.work_id;
            INSERT INTO work_tags (work_id, tag_id, position)
            SELECT work_id, tag_id, position FROM seed_tags ORDER BY work_id, tag_id;
            INSERT INTO chapters (id, work_id, position, summary_source, summary_html, notes_source, notes_html, end_notes_source, end_notes_html, body_source, body_html,
                                  text_format, sanitizer_version, word_count, published_on, created_at, revised_at)
            SELECT id, work_id, position, '', '', '', '', '', '', '', '<p>' || repeat({Sentence}, sentences) || '</p>', 0, 1, {WordsPerSentence} * sentences, published_on, published_at, published_at
            FROM seed_chapters ORDER BY id;
            INSERT INTO bookmarks (work_id, user_id, notes_source, notes_html, tags, is_private, is_rec, created_at, updated_at)
            SELECT work_id, user_id, CASE WHEN is_rec THEN 'One of my favourites.' ELSE '' END, CASE WHEN is_rec THEN '<p>One of my favourites.</p>' ELSE '' END,
                   ARRAY['Demo Bookmark Tag ' || tag], is_private, is_rec, created_at, created_at
            FROM seed_bookmarks ORDER BY work_id;
            """);

        // Kudos: distinct readers (never the writer) and distinct guest addresses per work, hashed as the app hashes them,
        // mostly soon after the work was posted. Their number is the work's kudos_count.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO kudos (work_id, user_id, guest_address_hash, created_at)
            SELECT s.work_id, p.user_id, NULL, s.published_at + power(random(), 3) * ({now} - s.published_at)
            FROM seed s CROSS JOIN LATERAL generate_series(0, s.kudos - s.guest_kudos - 1) k
            JOIN people p ON p.idx = 1 + (s.writer + (s.readers_from + k * {ReaderStep}) % {People - 1}) % {People};
            INSERT INTO kudos (work_id, user_id, guest_address_hash, created_at)
            SELECT s.work_id, NULL, upper(encode(sha256(convert_to('archive-guest:10.' || g / 65536 || '.' || g / 256 % 256 || '.' || g % 256, 'UTF8')), 'hex')),
                   s.published_at + power(random(), 3) * ({now} - s.published_at)
            FROM seed s CROSS JOIN LATERAL (SELECT (s.guests_from + k * {GuestStep}) % {GuestAddresses} AS g FROM generate_series(0, s.guest_kudos - 1) k) guests;
            """);

        // Comment threads: top-level comments mostly on the first chapters, from readers or (where allowed) guests;
        // on works that screen comments some still wait for approval. Then up to four rounds of replies to visible comments,
        // about half from the work's creator (never screened). Ids come first so replies can name their parents.
        await db.Database.ExecuteSqlAsync($"""
            CREATE TEMP TABLE seed_comments ON COMMIT DROP AS
            SELECT nextval(pg_get_serial_sequence('comments', 'id'))::int AS id, t.work_id, ch.id AS chapter_id, NULL::int AS parent_id, 0 AS depth,
                   CASE WHEN NOT t.is_guest THEN 1 + (t.writer + (t.readers_from + 11 + t.k * {ReaderStep}) % {People - 1}) % {People} END AS person,
                   CASE WHEN t.is_guest THEN (t.guests_from + 17 + t.k * {GuestStep}) % {GuestAddresses} END AS guest,
                   false AS by_creator, t.screen_comments AND random() < 0.3 AS is_screened,
                   ch.published_at + power(random(), 2) * ({now} - ch.published_at) AS created_at
            FROM (SELECT s.work_id, s.writer, s.readers_from, s.guests_from, s.screen_comments, k,
                         1 + floor(power(random(), 1.5) * s.chapters)::int AS position, s.comment_permission = 0 AND random() < 0.2 AS is_guest
                  FROM seed s CROSS JOIN LATERAL generate_series(0, s.threads - 1) k) t
            JOIN seed_chapters ch ON ch.work_id = t.work_id AND ch.position = t.position;
            """);
        for (var depth = 1; depth <= 4; depth++)
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO seed_comments
                SELECT nextval(pg_get_serial_sequence('comments', 'id'))::int, r.work_id, r.chapter_id, r.id, r.depth + 1,
                       CASE WHEN r.by_creator THEN s.writer WHEN NOT g.is_guest THEN 1 + (s.writer + floor(random() * {People - 1})::int) % {People} END,
                       CASE WHEN g.is_guest THEN floor(random() * {GuestAddresses})::int END,
                       r.by_creator, NOT r.by_creator AND s.screen_comments AND random() < 0.3,
                       least({now}, r.created_at + random() * interval '10 days')
                FROM (SELECT c.id, c.work_id, c.chapter_id, c.depth, c.created_at,
                             -- The creator answers readers; readers answer the creator.
                             NOT c.by_creator AND random() < 0.6 AS by_creator, random() < 0.15 AS guest_dice
                      FROM seed_comments c WHERE c.depth = {depth - 1} AND NOT c.is_screened AND random() < 0.4) r
                JOIN seed s ON s.work_id = r.work_id
                CROSS JOIN LATERAL (SELECT NOT r.by_creator AND r.guest_dice AND s.comment_permission = 0 AS is_guest) g;
                """);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO comments (id, work_id, chapter_id, parent_id, depth, user_id, pseud_id, guest_name, guest_email, guest_address_hash,
                                  subject, body_source, body_html, text_format, sanitizer_version, is_screened, is_deleted, is_spam, created_at)
            SELECT c.id, c.work_id, c.chapter_id, c.parent_id, c.depth, p.user_id, p.pseud_id,
                   (ARRAY['anon', 'a lurker', 'Guest', 'quiet reader', 'M.', 'someone who loves this'])[1 + c.guest % 6],
                   'guest' || c.guest || '@example.invalid',
                   upper(encode(sha256(convert_to('archive-guest:10.' || c.guest / 65536 || '.' || c.guest / 256 % 256 || '.' || c.guest % 256, 'UTF8')), 'hex')),
                   '', b.text, '<p>' || b.text || '</p>', 0, 1, c.is_screened, false, false, c.created_at
            FROM seed_comments c
            LEFT JOIN people p ON p.idx = c.person
            CROSS JOIN LATERAL (SELECT CASE WHEN c.by_creator
                THEN (ARRAY['Thank you so much for reading!', 'I''m so glad you liked it.', 'Thank you! The next chapter is on its way.', 'That means a lot, thank you.'])[1 + c.id % 4]
                ELSE (ARRAY['I loved this chapter!', 'The ending made me cry.', 'Can''t wait for more.', 'This is my favourite take on them.', 'The lighthouse scenes are beautiful.',
                            'Oh no, poor Character 2!', 'Rereading this for the third time.', 'Your writing is so vivid.', 'That twist!', 'Kudos forever.'])[1 + c.id % 10] END AS text) b
            ORDER BY c.id;
            """);
        await transaction.CommitAsync();
    }
}
