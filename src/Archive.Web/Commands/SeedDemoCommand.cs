using System.Diagnostics;
using Archive.Web.Database;
using Archive.Web.Tags;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Commands;

/// <summary>
/// `seed-demo --works N`: fills the database with N realistic works for demos and benchmarks, in set-based SQL:
/// a long tail of fandoms (a few huge, most tiny), characters and relationships per fandom, shared additional tags,
/// some unwrangled spellings, 1 to 6 chapters per work. Adds to what is there; run it again to grow the archive.
/// </summary>
public static class SeedDemoCommand
{
    const int Fandoms = 250;
    const int Users = 2000;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        if (args is not ["--works", var count] || !int.TryParse(count, out var works) || works < 1 || works > 5_000_000)
        {
            errors.WriteLine("Usage: seed-demo --works N (1 to 5,000,000)");
            return 2;
        }
        var db = services.GetRequiredService<ArchiveDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        // One connection throughout: the seed table is a temporary table of this session.
        await db.Database.OpenConnectionAsync();
        // All or nothing: a failed seed leaves no half-made works.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var clock = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;

        // Tags: the fixed sets, then fandoms with their people; ON CONFLICT keeps reruns idempotent.
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

        // Writers, each with a default pseud; they can't log in (no password).
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO users (user_name, normalized_user_name, email, normalized_email, email_confirmed, security_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, created_at)
            SELECT 'demo_writer_' || u, upper('demo_writer_' || u), 'demo_writer_' || u || '@example.invalid', upper('demo_writer_' || u || '@example.invalid'), true, md5(u::text), false, false, true, 0, {now}
            FROM generate_series(1, {Users}) u
            ON CONFLICT DO NOTHING;
            INSERT INTO pseuds (user_id, name, normalized_name, is_default, created_at)
            SELECT id, user_name, normalized_user_name, true, {now} FROM users u WHERE user_name LIKE 'demo_writer_%' AND NOT EXISTS (SELECT 1 FROM pseuds p WHERE p.user_id = u.id)
            """);

        // Works: a fandom picked from a long tail (power 3), dates spread over fifteen years.
        await db.Database.ExecuteSqlAsync($"""
            CREATE TEMP TABLE seed AS
            SELECT g AS n, 1 + floor(power(random(), 3) * {Fandoms})::int AS fandom, 1 + floor(random() * 6)::int AS chapters,
                   1 + floor(random() * {Users})::int AS writer, (DATE '2010-01-01' + floor(random() * 5400)::int) AS published, random() AS r
            FROM generate_series(1, {works}) g;
            ALTER TABLE seed ADD COLUMN work_id int;
            WITH inserted AS (
                INSERT INTO works (title, summary_source, summary_html, notes_source, notes_html, end_notes_source, end_notes_html, text_format, sanitizer_version,
                                   language, published_on, updated_on, expected_chapters, chapter_count, word_count, created_at, revised_at, external_creators, import_source)
                SELECT 'Demo Work ' || s.n || ' of the ' || (ARRAY['Lighthouse','Harbour','Winter','Mask','River','Garden','Station','Orchard'])[1 + s.n % 8],
                       'A story about ' || (ARRAY['loyalty','second chances','a storm','old friends','a secret','the sea'])[1 + s.n % 6] || '.',
                       '<p>A story about ' || (ARRAY['loyalty','second chances','a storm','old friends','a secret','the sea'])[1 + s.n % 6] || '.</p>', '', '', '', '', 0, 1,
                       CASE WHEN s.r < 0.9 THEN 'English' WHEN s.r < 0.95 THEN 'Deutsch' ELSE 'Español' END,
                       s.published, s.published, CASE WHEN s.r < 0.7 THEN s.chapters ELSE NULL END, 0, 0, {now}, {now} - (s.n || ' minutes')::interval, ARRAY[]::text[], 'seed:' || s.n
                FROM seed s
                RETURNING id, import_source)
            UPDATE seed SET work_id = inserted.id FROM inserted WHERE inserted.import_source = 'seed:' || seed.n;
            UPDATE works SET import_source = NULL WHERE import_source LIKE 'seed:%';
            """);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO work_creators (work_id, pseud_id, position, is_accepted, invited_at)
            SELECT s.work_id, p.id, 0, true, {now} FROM seed s JOIN users u ON u.user_name = 'demo_writer_' || s.writer JOIN pseuds p ON p.user_id = u.id AND p.is_default;
            INSERT INTO chapters (work_id, position, summary_source, summary_html, notes_source, notes_html, end_notes_source, end_notes_html, body_source, body_html,
                                  text_format, sanitizer_version, word_count, published_on, created_at, revised_at)
            SELECT s.work_id, c, '', '', '', '', '', '', '', '<p>' || repeat('The tide came in over the stones and the keeper watched it rise. ', 8 + (s.n + c) % 30) || '</p>',
                   0, 1, 13 * (8 + (s.n + c) % 30), s.published + c * 7, {now}, {now}
            FROM seed s, generate_series(1, s.chapters) c;
            """);
        // Tags per work: rating, warning, category, its fandom (sometimes two), one or two relationships, characters, tropes.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO work_tags (work_id, tag_id, position)
            SELECT work_id, tag_id, row_number() OVER (PARTITION BY work_id ORDER BY ord) - 1 FROM (
                SELECT s.work_id, t.id AS tag_id, 0 AS ord FROM seed s JOIN tags t ON t.type = 0 AND t.name = (ARRAY['General Audiences','Teen And Up Audiences','Mature','Explicit','Not Rated'])[1 + s.n % 5]
                UNION SELECT s.work_id, t.id, 1 FROM seed s JOIN tags t ON t.type = 1 AND t.name = (ARRAY['No Archive Warnings Apply','Creator Chose Not To Use Archive Warnings','Major Character Death'])[1 + s.n % 3]
                UNION SELECT s.work_id, t.id, 2 FROM seed s JOIN tags t ON t.type = 2 AND t.name = (ARRAY['M/M','F/M','Gen','F/F'])[1 + s.n % 4]
                UNION SELECT s.work_id, t.id, 3 FROM seed s JOIN tags t ON t.type = 3 AND t.name = 'Demo Fandom ' || s.fandom
                UNION SELECT s.work_id, t.id, 4 FROM seed s JOIN tags t ON t.type = 3 AND t.name = 'Demo Fandom ' || (1 + (s.fandom + 7) % {Fandoms}) WHERE s.n % 20 = 0
                UNION SELECT s.work_id, t.id, 5 FROM seed s JOIN tags t ON t.type = 4 AND t.name = 'Character ' || (1 + s.n % 8) || ' of ' || s.fandom || '/Character ' || (2 + s.n % 8) || ' of ' || s.fandom
                UNION SELECT s.work_id, t.id, 6 FROM seed s JOIN tags t ON t.type = 5 AND t.name = 'Character ' || (1 + s.n % 8) || ' of ' || s.fandom
                UNION SELECT s.work_id, t.id, 7 FROM seed s JOIN tags t ON t.type = 5 AND t.name = 'Character ' || (2 + s.n % 8) || ' of ' || s.fandom
                UNION SELECT s.work_id, t.id, 8 FROM seed s JOIN tags t ON t.type = 5 AND t.name = 'Character ' || (1 + (s.n / 7) % 12) || ' of ' || s.fandom
                UNION SELECT s.work_id, t.id, 9 FROM seed s JOIN tags t ON t.type = 6 AND t.name = 'Demo Trope ' || (1 + floor(power(random(), 2) * 600)::int)
                UNION SELECT s.work_id, t.id, 10 FROM seed s JOIN tags t ON t.type = 6 AND t.name = 'Demo Trope ' || (1 + floor(power(random(), 2) * 600)::int)
            ) AS chosen
            ON CONFLICT DO NOTHING;
            """);
        // What posting keeps per work, computed once for all the new works.
        await db.Database.ExecuteSqlAsync($"""
            UPDATE works w SET
                filter_tag_ids = x.ids, fandom_count = x.fandoms
            FROM (SELECT wt.work_id, array_agg(DISTINCT COALESCE(t.merger_id, t.id)) AS ids, count(DISTINCT t.id) FILTER (WHERE t.type = 3) AS fandoms
                  FROM work_tags wt JOIN tags t ON t.id = wt.tag_id JOIN seed s ON s.work_id = wt.work_id GROUP BY wt.work_id) x
            WHERE w.id = x.work_id;
            UPDATE works w SET chapter_count = c.n, word_count = c.words, updated_on = GREATEST(w.published_on, c.latest), creator_sort = s.creator,
                search_vector = setweight(to_tsvector('english', w.title || ' ' || s.creator), 'A') || setweight(to_tsvector('english', w.summary_source), 'C')
                    || setweight(to_tsvector('english', left(c.text, 300000)), 'D')
            FROM (SELECT ch.work_id, count(*)::int AS n, sum(ch.word_count)::int AS words, max(ch.published_on) AS latest,
                         string_agg(regexp_replace(ch.body_html, '<[^>]*>', ' ', 'g'), ' ') AS text
                  FROM chapters ch JOIN seed s ON s.work_id = ch.work_id GROUP BY ch.work_id) c,
                 (SELECT work_id, 'demo_writer_' || writer AS creator FROM seed) s
            WHERE w.id = c.work_id AND s.work_id = w.id;
            """);
        // Readers' bookmarks: none to three per work from other writers, some recs, a few private.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO bookmarks (work_id, user_id, notes_source, notes_html, tags, is_private, is_rec, created_at, updated_at)
            SELECT s.work_id, u.id, '', '', ARRAY['Demo Bookmark Tag ' || (1 + (s.n + k) % 50)], k = 3, k = 1, {now}, {now} - ((s.n * 3 + k) || ' minutes')::interval
            FROM seed s CROSS JOIN LATERAL generate_series(1, s.n % 4) k
            JOIN users u ON u.user_name = 'demo_writer_' || (1 + (s.writer + k * 37) % {Users})
            ON CONFLICT DO NOTHING;
            UPDATE works w SET bookmarks_count = b.n
            FROM (SELECT b.work_id, count(*) FILTER (WHERE NOT b.is_private)::int AS n FROM bookmarks b JOIN seed s ON s.work_id = b.work_id GROUP BY b.work_id) b
            WHERE w.id = b.work_id;
            DROP TABLE seed;
            """);
        await transaction.CommitAsync();
        // Fresh statistics so the planner knows the archive's new shape.
        await db.Database.ExecuteSqlRawAsync("ANALYZE works; ANALYZE work_tags; ANALYZE tags; ANALYZE chapters; ANALYZE bookmarks;");
        var total = await db.Works.CountAsync();
        output.WriteLine($"Added {works:N0} demo works in {clock.Elapsed.TotalSeconds:0.0}s; the archive has {total:N0} works.");
        return 0;
    }
}
