using System.ComponentModel;
using Archive.Web.Caching;
using Archive.Web.Database;
using Archive.Web.Search;
using Archive.Web.Works;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Archive.Web.Tags;

public sealed record TagSummary(int Id, string Name, TagType Type, int Works);
public sealed record FacetOption(string Name, TagType Type, int Count, bool Included, bool Excluded);

/// <summary>One page of a filtered listing: its blurbs, how many works match in all, the filter options with their counts, and names that matched no tag.</summary>
/// <param name="Estimated">The total and the option counts are estimated from a sample (too many works match to count them all for every page).</param>
public sealed record WorkListingResult(List<WorkBlurb> Works, int Total, List<FacetOption> Facets, List<string> Unknown, bool Estimated = false)
{
    /// <summary>What a cached copy of this listing shows (<see cref="Caching.CacheTags"/>); null when it must not be cached.</summary>
    public List<string>? Shows { get; init; }
    /// <summary>The listing's tags as resolved (a tag page names its own tag from here).</summary>
    public ResolvedTags? Tags { get; init; }
    /// <summary>How many works the counts were read from.</summary>
    public int SampleSize { get; init; }
    /// <summary>A search too big to count: the total is a floor.</summary>
    public bool AtLeast { get; init; }
    public string TotalText => AtLeast ? $"more than {Total:N0}" : Estimated ? $"about {Total:N0}" : Total.ToString("N0");
    public static readonly WorkListingResult Empty = new([], 0, [], []);
    public int Pages(int pageSize) => Math.Min(WorkFilter.MaxPage, (Total + pageSize - 1) / pageSize);
}

/// <summary>
/// Filtered, counted, paginated work listings: the same for a tag's works and for search results. At most four round
/// trips, whatever the archive's size: the tags and the reader's blocklist; a sample of the works; the page in order
/// (only when the sample can't give it); the blurbs and option names. A page walked along its order's index takes one
/// more (telling the planner to walk), and one more again if the walk is given up for sorting.
/// </summary>
/// <remarks>
/// A tag page samples its rarest required tag's works (at most <see cref="ArchiveLimits.ListingSample"/>, most recently
/// updated first) and filters them here. When the tag has no more works than that, the sample is every candidate and every
/// count is exact; otherwise the total is that tag's exact count times the share of the sample that passes the filters,
/// said to be "about", and so are the option counts. Reading a fixed number of works keeps the cost flat as the archive
/// grows. The sample is the first of the tag's works in the listings' default order, so the first pages of that order
/// are the sample's works that pass the filters.
/// </remarks>
public sealed class WorkListing(ArchiveDbContext db, Blocklist.ReaderBlocklist blocklist, IHttpContextAccessor http, IOptions<ArchiveLimits> limits,
    HybridCache parts, CacheGenerations generations, IOptions<PageCacheOptions> cacheOptions, TagNames tagNames, WorkCounts workCounts)
{
    const int FacetsPerType = 10;
    /// <summary>Works passed walking a count's index (their tags read beside the counts) that cost as much as one match read and sorted (measured at a million works).</summary>
    const int WalkedPerSorted = 8;
    /// <summary>About what reading and sorting one match costs PostgreSQL (a work read from its tags' index), in microseconds: 7,854 took 50 ms at a million works.</summary>
    const double SortedMatchMicroseconds = 8;
    int SampleSize => limits.Value.ListingSample;

    /// <param name="works">The works to list from (all works, or a search's matches).</param>
    /// <param name="requiredNames">Tags every listed work has (a tag page's own tag), besides the filter's includes.</param>
    public async Task<WorkListingResult> ListAsync(IQueryable<Work> works, WorkFilter filter, IReadOnlyList<string> requiredNames)
    {
        var userId = Accounts.SignedInUser.UserId(http.HttpContext!.User);
        var resolved = await TagResolution.ResolveForListingAsync(db, [.. requiredNames, .. filter.Include, .. filter.Exclude], userId);
        blocklist.Prime(resolved.Blocked, resolved.Muted);
        var unknown = resolved.Unknown;
        var wanted = requiredNames.Concat(filter.Include).ToList();
        // A required tag that doesn't exist means no work can match: an empty answer, not an error.
        // Not cached: posting a work with that tag would have to know to evict it.
        if (wanted.Any(n => resolved.Find(n) is null)) return WorkListingResult.Empty with { Unknown = unknown, Tags = resolved };

        var required = wanted.Select(n => resolved.Find(n)!.CanonicalId).Distinct().ToArray();
        var excluded = filter.Exclude.Select(resolved.Find).OfType<ResolvedTag>().Select(t => t.CanonicalId).Distinct().ToArray();
        var visible = await blocklist.ApplyAsync(works);
        var matching = filter.Apply(visible, required, excluded);
        var offset = (filter.Page - 1) * WorkFilter.PageSize;

        // The sample: the rarest required tag's newest works (a tag page), or the matches themselves (a search, with or
        // without tags: a tag's newest works know nothing of the words).
        var rarest = filter.Query is not null ? null : required.Select(id => resolved.Tags.First(t => t.CanonicalId == id)).MinBy(t => t.CanonicalCount);
        // A search takes whichever matches come first: how many words match together is beyond the planner's statistics,
        // and walking the newest works for a rare pair of common words read every work in the archive. It ranks what it
        // reads; ts_rank weighs titles and creators over tags, summaries and notes over the text.
        var matches = rarest is null ? await MatchesAsync(matching, SearchWords.ForPostgres(filter.Query!), filter, required, excluded, resolved.Blocked.Length > 0 || resolved.Muted.Length > 0, guest: userId is null) : null;
        var tagSample = matches is null ? await RecentOfTagAsync(rarest!.CanonicalId, resolved.Blocked, resolved.Muted) : null;
        IReadOnlyList<WorkFilter.SortKeys> sample = matches?.Works ?? tagSample!.Works;
        // A tag's sample is shared by guests and users: a guest's leaves out works for registered users only.
        var passing = sample.Where(w => filter.Matches(w, required, excluded) && !(w.IsRestricted && userId is null)).ToList();
        // A tag with no more works than the sample holds is all in it (its count leaves out hidden works, as the sample does).
        var complete = matches?.Complete ?? (tagSample!.Complete || rarest!.CanonicalCount <= SampleSize);

        int total;
        List<int> ids;
        var estimated = false;
        var atLeast = false;
        // A cached sample may hold old counts: it is sorted by the counts the works' pages show now (kept per work until
        // they move). The sample is as new as the works' last change, so their matching isn't asked again (for a search,
        // that read every sampled work's words: 25 ms at a million works).
        async Task<List<int>> SampleByCountAsync()
        {
            var counts = await workCounts.OfAsync([.. passing.Select(w => w.Id)]);
            // A work deleted since it was sampled has no counts: it is left out, as the database would.
            var counted = passing.Select(w => counts.TryGetValue(w.Id, out var c) ? w with { KudosCount = c.Kudos, BookmarksCount = c.Bookmarks, HitsCount = c.Hits } : null)
                .OfType<WorkFilter.SortKeys>();
            return [.. filter.Order(counted).Skip(offset).Take(WorkFilter.PageSize).Select(w => w.Id)];
        }
        // A big tag's page in an order its sample can't give: walked along the order's index, passing about (works in the
        // archive / matches) works per work listed, or its matches sorted, reading each of them. Whichever reads fewer: a
        // popular filter walks, a rare one sorts; either is exact. The planner takes tags for independent, so it expects a
        // fandom's relationship to be a hundredth of what it is and sorts where walking is far cheaper: the sample knows
        // better, and the query is told. Sorted by a count, the walk checks each work's tags in a copy kept beside the
        // counts (a narrow table that stays in memory, about an eighth of the cost of a work read), and asks them of that
        // table alone (asked of the works too, the planner would expect the walk to find even fewer).
        async Task<List<int>> PageInOrderAsync()
        {
            var walked = (double)(offset + WorkFilter.PageSize) * Math.Max(resolved.ArchiveWorks, total) / Math.Max(total, 1);
            var walk = walked <= (filter.SortsByCount ? WalkedPerSorted : 1) * total && db.Database.CurrentTransaction is null;
            if (walk)
            {
                var ordered = filter.SortsByCount
                    ? filter.Order(filter.Apply(visible, [], []), WorkFilter.Tagged(db.WorkStats, required, excluded))
                    : filter.Order(matching, db.WorkStats);
                // The sample can misjudge a walk (a filter's matches bunched far along the order: complete works among the
                // newest posted): one that has cost what sorting the matches would is given up, and they are sorted.
                var giveUp = (int)Math.Clamp(total * SortedMatchMicroseconds / 1000, 50, 2000);
                await using var walking = await db.Database.BeginTransactionAsync();
                var giveUpAfter = giveUp.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await db.Database.ExecuteSqlAsync($"""
                    SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off; SET LOCAL max_parallel_workers_per_gather = 0;
                    SELECT set_config('statement_timeout', {giveUpAfter}, true);
                    """);
                try
                {
                    var page = await WalkAsync(ordered.Skip(offset).Take(WorkFilter.PageSize).Select(w => w.Id), walking);
                    await walking.CommitAsync();
                    return page;
                }
                catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.QueryCanceled)
                {
                    await walking.RollbackAsync();
                }
            }
            return await filter.OrderMatches(matching, db.WorkStats).Skip(offset).Take(WorkFilter.PageSize).Select(w => w.Id).ToListAsync();
        }
        // The walk is sent as EF made it, past EF's logging: a walk given up is expected, but EF would log each as an error
        // with its stack (under the mixed load, one every two seconds).
        async Task<List<int>> WalkAsync(IQueryable<int> page, IDbContextTransaction transaction)
        {
            await using var command = page.CreateDbCommand();
            command.Transaction = transaction.GetDbTransaction();
            http.HttpContext?.Features.Get<QueryCount>()?.Add();
            await using var reader = await command.ExecuteReaderAsync();
            var ids = new List<int>();
            while (await reader.ReadAsync()) ids.Add(reader.GetInt32(0));
            return ids;
        }
        if (complete)
        {
            total = passing.Count;
            ids = filter.SortsByCount ? await SampleByCountAsync() : filter.Order(passing).Skip(offset).Take(WorkFilter.PageSize).Select(w => w.Id).ToList();
        }
        else
        {
            if (rarest is null)
            {
                total = sample.Count;
                atLeast = true;
            }
            else
            {
                total = (int)Math.Round((double)rarest.CanonicalCount * passing.Count / sample.Count);
                // Just the tag, for a reader who blocks and mutes nothing: its count is exact.
                estimated = passing.Count != sample.Count || required.Length > 1 || resolved.Blocked.Length > 0 || resolved.Muted.Length > 0;
            }
            // Ranking every match would cost as much as there are matches: the best matches are found among the newest. A
            // search sorted by a count sorts the matches it ranked, as its total says (at least that many).
            // The tag's sample is the start of its works in the default order, so the filter's first matches in that order
            // are the sample's that pass: a page among them is read from memory.
            var fromSample = filter.Sort == WorkFilter.Relevance || (rarest is not null && filter.Sort == WorkFilter.Updated && offset + WorkFilter.PageSize <= passing.Count);
            ids = total == 0 ? []
                : fromSample ? filter.Order(passing).Skip(offset).Take(WorkFilter.PageSize).Select(w => w.Id).ToList()
                : rarest is null && filter.SortsByCount ? await SampleByCountAsync()
                : rarest is not null ? await PageInOrderAsync()
                : await filter.Order(matching, db.WorkStats).Skip(offset).Take(WorkFilter.PageSize).Select(w => w.Id).ToListAsync();
        }

        var requiredByName = requiredNames.Select(n => resolved.Find(n)!.CanonicalId).ToHashSet();
        var scale = complete || passing.Count == 0 ? 1.0 : (double)total / passing.Count;
        var tally = Tally(passing, scale);
        var (blurbs, names) = await tagNames.BlurbsAndNamesAsync(db, ids, tally.Select(t => t.Id).ToList());
        var counts = tally.Where(t => names.ContainsKey(t.Id) && names[t.Id].Type != TagType.Collection).Select(t => new TagSummary(t.Id, names[t.Id].Name, names[t.Id].Type, t.Count))
            .GroupBy(t => t.Type).SelectMany(g => g.Take(FacetsPerType));
        // Each option's count is within the current result; excluded tags have none there but stay listed, ticked.
        var facets = counts.Where(c => !requiredByName.Contains(c.Id)).Select(c => new FacetOption(c.Name, c.Type, c.Works, required.Contains(c.Id), false)).ToList();
        facets.AddRange(excluded.Select(id => resolved.Tags.First(t => t.CanonicalId == id)).Select(t => new FacetOption(t.CanonicalName, t.CanonicalType, 0, false, true)));
        return new WorkListingResult(blurbs, total, facets, unknown, estimated)
        {
            SampleSize = sample.Count,
            Tags = resolved,
            AtLeast = atLeast,
            Shows = unknown.Count > 0 || filter.UpdatedWithinDays is not null ? null : CacheTagsFor(filter, required, excluded, ids),
        };
    }

    /// <summary>
    /// A canonical tag's most recently updated visible works (the reader's blocked tags and muted creators left out), in
    /// the listings' default order (updated, then id, newest first): at most <see cref="ArchiveLimits.ListingSample"/>,
    /// whatever the tag's size. A tag page filters, counts and (in that order) lists these; its page lists their
    /// relationships and characters. For a reader who blocks and mutes nothing they are cached, and when works with the tag
    /// change only those works are read again (a popular tag gets new works every few seconds; reading its sample anew
    /// reads 2,000 works, and up to 100 ms of the database for a tag with a few percent of a million works).
    /// </summary>
    public async Task<SampledWorks> RecentOfTagAsync(int canonicalId, int[] blocked, int[] muted)
    {
        if (!cacheOptions.Value.Enabled || blocked.Length > 0 || muted.Length > 0)
            return await ReadRecentOfTagAsync(db, canonicalId, blocked, muted, SampleSize, 0);
        // Every work with the tag entering, leaving or changing moves its listing generation; read before the database, so
        // what is read is at least as new. Kudos, hits and bookmarks don't: they move every few seconds on a popular tag,
        // so the counts kept here may be old and nothing is sorted by them.
        var (allWorks, listing) = (generations.AllWorksGeneration, generations.ListingGeneration(canonicalId));
        var key = $"tag-sample:{generations.Process}:{generations.TagsGeneration}:{canonicalId}";
        string[] tags = [Caching.CacheTags.Everything];
        var sample = await parts.GetOrCreateAsync(key, (db, canonicalId, size: SampleSize, allWorks, listing),
            static async (state, _) => await ReadRecentOfTagAsync(state.db, state.canonicalId, [], [], state.size, state.listing, state.allWorks),
            tags: tags);
        if (sample.Listing == listing) return sample;
        var changed = generations.WorksChangedSince(sample.Generation);
        var merged = changed is { Count: <= 500 } ? Merge(sample, changed, await ReadTheseOfTagAsync(db, canonicalId, [.. changed]), allWorks, listing) : null;
        // A full sample that lost many works would estimate from too few: read it anew.
        if (merged is null || (!merged.Complete && merged.Works.Length < SampleSize * 9 / 10))
            merged = await ReadRecentOfTagAsync(db, canonicalId, [], [], SampleSize, listing, allWorks);
        await parts.SetAsync(key, merged, tags: tags);
        return merged;
    }

    /// <summary>
    /// A tag's sample with these works read again: each leaves it, and comes back if it still has the tag and is visible and
    /// comes before the sample's last work (any of them, when the sample held every work of the tag). So the sample stays
    /// the start of the tag's works in order, only shorter when a work left it.
    /// </summary>
    SampledWorks Merge(SampledWorks sample, HashSet<int> changed, List<WorkFilter.SortKeys> again, long allWorks, long listing)
    {
        var last = sample.Works.Length == 0 ? null : sample.Works[^1];
        var kept = sample.Works.Where(w => !changed.Contains(w.Id)).Concat(again.Where(w => sample.Complete || last is null || ComesBefore(w, last)))
            .OrderByDescending(w => w.RevisedAt).ThenByDescending(w => w.Id).ToList();
        // Past the sample's size, the works cut off end it: it no longer holds every work of the tag.
        var complete = sample.Complete && kept.Count <= SampleSize;
        return new SampledWorks([.. kept.Take(SampleSize)], allWorks, complete, listing);
    }

    static bool ComesBefore(WorkFilter.SortKeys work, WorkFilter.SortKeys other) =>
        work.RevisedAt > other.RevisedAt || (work.RevisedAt == other.RevisedAt && work.Id > other.Id);

    /// <summary>These works, as <see cref="ReadRecentOfTagAsync"/> reads them, those of them that have the tag and aren't hidden.</summary>
    static async Task<List<WorkFilter.SortKeys>> ReadTheseOfTagAsync(ArchiveDbContext db, int canonicalId, int[] ids)
    {
        if (ids.Length == 0) return [];
        var sql = $"{SampledColumns} WHERE w.id = ANY({{0}}) AND w.hidden_at IS NULL AND NOT w.is_unrevealed AND w.filter_tag_ids @> ARRAY[{canonicalId:D}]";
        return await db.Database.SqlQueryRaw<WorkFilter.SortKeys>(sql, ids).ToListAsync();
    }

    /// <summary>What a tag's sample holds of each work (<see cref="WorkFilter.SortKeys"/>), as the start of a query over works <c>w</c>.</summary>
    const string SampledColumns = """
        SELECT w.id, w.filter_tag_ids AS tag_ids, w.revised_at, w.published_on, w.title, w.creator_sort, w.word_count, s.kudos_count,
               s.bookmarks_count, s.hits_count, w.chapter_count, w.expected_chapters, w.fandom_count, w.language, 0::real AS rank, w.is_restricted
        FROM works w JOIN work_stats s ON s.work_id = w.id
        """;

    /// <summary>
    /// A search's first matches (at most <see cref="ArchiveLimits.ListingSample"/>), ranked. The same words and filters
    /// read the same sample whatever the sort or page, so it is cached for readers who block and mute nothing. When works
    /// change, only they are read again: a new work that matches joins the sample, a changed one is ranked afresh, and a
    /// hidden or deleted one leaves it (any work can change every few seconds, and reading the sample anew costs as much
    /// as a hundred work pages).
    /// </summary>
    async Task<SampledWorks> MatchesAsync(IQueryable<Work> matching, string words, WorkFilter filter, int[] required, int[] excluded, bool personal, bool guest)
    {
        async Task<SampledWorks> ReadAsync(long generation)
        {
            var works = await Ranked(matching.Take(SampleSize));
            return new SampledWorks([.. works], generation, works.Count < SampleSize);
        }
        Task<List<WorkFilter.SortKeys>> Ranked(IQueryable<Work> works) => works.Select(w => new WorkFilter.SortKeys(w.Id, w.FilterTagIds, w.RevisedAt, w.PublishedOn, w.Title,
                w.CreatorSort, w.WordCount, w.Stats.KudosCount, w.Stats.BookmarksCount, w.Stats.HitsCount, w.ChapterCount, w.ExpectedChapters, w.FandomCount, w.Language,
                w.SearchVector!.Rank(EF.Functions.WebSearchToTsQuery("english", words)), w.IsRestricted))
            .ToListAsync();
        // Read before the database, so what is read is at least as new as the generation it is kept as.
        var current = generations.AllWorksGeneration;
        if (!cacheOptions.Value.Enabled || personal || filter.UpdatedWithinDays is not null) return await ReadAsync(current);
        // HybridCache refuses keys with control characters; the words are escaped so no two searches share a key.
        // Guests' matches leave out works for registered users only, so they are kept apart.
        var key = string.Join('|', $"search-sample:{generations.Process}:{generations.TagsGeneration}", guest ? "guest" : "user", Uri.EscapeDataString(words), string.Join(',', required.Order()),
            string.Join(',', excluded.Order()), filter.CompleteOnly, filter.Crossovers, filter.WordsFrom, filter.WordsTo, filter.Language);
        // Not evicted by works' changes (it is brought up to date below); wrangling a tag names a new key.
        string[] tags = [Caching.CacheTags.Everything];
        var sample = await parts.GetOrCreateAsync(key, (read: (Func<long, Task<SampledWorks>>)ReadAsync, current),
            static async (state, _) => await state.read(state.current), tags: tags);
        if (sample.Generation == current) return sample;
        if (generations.WorksChangedSince(sample.Generation) is not { } changed) sample = await ReadAsync(current);
        else
        {
            int[] ids = [.. changed];
            var again = await Ranked(matching.Where(w => ids.Contains(w.Id)));
            sample = new SampledWorks([.. sample.Works.Where(w => !changed.Contains(w.Id)), .. again], current, sample.Complete);
        }
        await parts.SetAsync(key, sample, tags: tags);
        return sample;
    }

    /// <summary>
    /// A canonical tag's newest posted visible works (a feed's entries; feeds are read as guests, so none for registered users only), read from the work-tag index of the tag and each of
    /// its synonyms, newest first: a few rows whatever the tag's size.
    /// </summary>
    public async Task<List<int>> NewestOfTagAsync(int canonicalId, int take)
    {
        int[] blocked = await blocklist.TagIdsAsync(), muted = await blocklist.MutedUserIdsAsync();
        // Room for hidden works among the newest, which are left out.
        var withHidden = take + 200;
        return await db.Database.SqlQuery<int>($"""
            SELECT w.id AS "Value" FROM works w
            WHERE w.id IN (SELECT newest.work_id FROM tags spelling
                           CROSS JOIN LATERAL (SELECT wt.work_id FROM work_tags wt WHERE wt.tag_id = spelling.id ORDER BY wt.work_id DESC LIMIT {withHidden}) newest
                           WHERE spelling.id = {canonicalId} OR spelling.merger_id = {canonicalId}
                           ORDER BY newest.work_id DESC LIMIT {withHidden})
              AND w.hidden_at IS NULL AND NOT w.is_unrevealed AND NOT w.is_restricted
              AND NOT (w.filter_tag_ids && {blocked})
              AND (w.is_anonymous OR NOT EXISTS (SELECT 1 FROM work_creators wc JOIN pseuds p ON p.id = wc.pseud_id WHERE wc.work_id = w.id AND wc.is_accepted AND p.user_id = ANY({muted})))
            ORDER BY w.id DESC LIMIT {take}
            """).ToListAsync();
    }

    /// <summary>
    /// The tag's first works in the default order. The tag is written into the SQL, not sent as a parameter: for a tag with
    /// a few percent of the archive's works, walking the works in order finds them soonest; for a smaller one, reading all
    /// its works from the tags' index and sorting them. A plan kept for one would be wrong for the other.
    /// </summary>
    static async Task<SampledWorks> ReadRecentOfTagAsync(ArchiveDbContext db, int canonicalId, int[] blocked, int[] muted, int take, long listing, long allWorks = 0)
    {
        var sql = $$"""
            {{SampledColumns}}
            WHERE w.filter_tag_ids @> ARRAY[{{canonicalId:D}}]
              AND w.hidden_at IS NULL AND NOT w.is_unrevealed
              AND NOT (w.filter_tag_ids && {0})
              AND (w.is_anonymous OR NOT EXISTS (SELECT 1 FROM work_creators wc JOIN pseuds p ON p.id = wc.pseud_id WHERE wc.work_id = w.id AND wc.is_accepted AND p.user_id = ANY({1})))
            ORDER BY w.revised_at DESC, w.id DESC LIMIT {{take:D}}
            """;
        var works = await db.Database.SqlQueryRaw<WorkFilter.SortKeys>(sql, blocked, muted).ToListAsync();
        return new SampledWorks([.. works], allWorks, works.Count < take, listing);
    }

    /// <summary>
    /// A listing moves when a work with one of its tags (in or out) changes; sorted by a count, when those counts change;
    /// a listing over the whole archive (search) when any work changes; and its blurbs when their works change.
    /// A window of time ("updated within") moves with the clock, so it isn't cached.
    /// </summary>
    static List<string> CacheTagsFor(WorkFilter filter, int[] required, int[] excluded, List<int> shown)
    {
        var byCount = filter.SortsByCount;
        var tags = shown.Select(Caching.CacheTags.Work).Concat(required.Concat(excluded).Select(Caching.CacheTags.Listing)).ToList();
        if (byCount) tags.AddRange(required.Select(Caching.CacheTags.Counts));
        if (required.Length == 0) tags.AddRange(byCount ? [Caching.CacheTags.AllWorks, Caching.CacheTags.AllCounts] : [Caching.CacheTags.AllWorks]);
        return tags;
    }

    /// <summary>
    /// The tags most used with this one (a fandom's relationships and characters), counted among its newest
    /// <see cref="ArchiveLimits.ListingSample"/> works and scaled to its exact count when it has more: estimated then.
    /// </summary>
    public async Task<(List<TagSummary> Tags, bool Estimated)> TopTagsAsync(int tagId, int tagCount, TagType[] types, int perType)
    {
        IReadOnlyList<WorkFilter.SortKeys> sample = (await RecentOfTagAsync(tagId, await blocklist.TagIdsAsync(), await blocklist.MutedUserIdsAsync())).Works;
        var estimated = tagCount > SampleSize;
        var scale = estimated ? (double)tagCount / sample.Count : 1.0;
        var tally = Tally(sample, scale, leaveOut: tagId);
        var (_, names) = await tagNames.BlurbsAndNamesAsync(db, [], tally.Select(t => t.Id).ToList());
        var top = tally.Where(t => names.ContainsKey(t.Id) && types.Contains(names[t.Id].Type))
            .Select(t => new TagSummary(t.Id, names[t.Id].Name, names[t.Id].Type, t.Count)).GroupBy(t => t.Type).SelectMany(g => g.Take(perType)).ToList();
        return (top, estimated);
    }

    /// <summary>
    /// The 400 tags most used among these works, with their counts scaled to the whole. Counted in one dictionary: grouping
    /// a sample's 20,000 tag ids made a group object per tag on every tag page.
    /// </summary>
    static List<(int Id, int Count)> Tally(IReadOnlyList<WorkFilter.SortKeys> works, double scale, int leaveOut = 0)
    {
        var counts = new Dictionary<int, int>(1024);
        foreach (var work in works)
            foreach (var id in work.TagIds)
                if (id != leaveOut) System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, id, out _)++;
        return [.. counts.Select(c => (Id: c.Key, Count: (int)Math.Round(c.Value * scale))).OrderByDescending(c => c.Count).Take(400)];
    }

    /// <summary>How many of a tag's works this reader doesn't see (blocked tags, muted creators): taken from its count on its page.</summary>
    public async Task<int> UnseenAsync(int tagId)
    {
        var blocked = await blocklist.TagIdsAsync();
        var muted = await blocklist.MutedUserIdsAsync();
        if (blocked.Length == 0 && muted.Length == 0) return 0;
        return await db.Works.CountAsync(w => w.HiddenAt == null && !w.IsUnrevealed && w.FilterTagIds.Contains(tagId) && (w.FilterTagIds.Any(id => blocked.Contains(id))
            || (!w.IsAnonymous && w.Creators.Any(c => c.IsAccepted && muted.Contains(c.Pseud.UserId)))));
    }

    /// <summary>
    /// The tags of a type with the most works, with their exact counts: read from the kept per-tag counts, so the fandoms page
    /// costs the same at any size. A reader's blocked tags and muted creators take their works out of the counts.
    /// </summary>
    public async Task<List<TagSummary>> BiggestAsync(TagType type, int take)
    {
        var biggest = await db.Database.SqlQuery<TagSummary>($"""
            SELECT id, name, type, works FROM (
                SELECT t.id, t.name, t.type, (t.works_count + COALESCE((SELECT sum(d.delta) FROM tag_count_changes d WHERE d.tag_id = t.id), 0))::int AS works
                FROM tags t WHERE t.type = {(int)type} AND t.merger_id IS NULL) counted
            WHERE works > 0 ORDER BY works DESC, name LIMIT {take}
            """).ToListAsync();
        var blocked = await blocklist.TagIdsAsync();
        var muted = await blocklist.MutedUserIdsAsync();
        if (blocked.Length == 0 && muted.Length == 0) return biggest;
        // Only the works this reader doesn't see are counted here, to take them away.
        var unseen = await db.Works.Where(w => w.HiddenAt == null && !w.IsUnrevealed && (w.FilterTagIds.Any(id => blocked.Contains(id))
                || (!w.IsAnonymous && w.Creators.Any(c => c.IsAccepted && muted.Contains(c.Pseud.UserId)))))
            .SelectMany(w => w.FilterTagIds).GroupBy(id => id).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count);
        return biggest.Select(t => t with { Works = t.Works - unseen.GetValueOrDefault(t.Id) }).Where(t => t.Works > 0).OrderByDescending(t => t.Works).ToList();
    }
}

/// <summary>A tag's most recently updated works or a search's first matches, as cached: shared by every request that reads them, so never changed once built.</summary>
[ImmutableObject(true)]
/// <param name="Generation">The <see cref="Caching.CacheGenerations.AllWorksGeneration"/> its works are as of.</param>
/// <param name="Complete">It holds every match (every work of the tag).</param>
/// <param name="Listing">For a tag: the <see cref="Caching.CacheGenerations.ListingGeneration"/> its works are as of.</param>
public sealed record SampledWorks(WorkFilter.SortKeys[] Works, long Generation = 0, bool Complete = false, long Listing = 0);

/// <summary>What the listing partial shows: results and the filter form for a path (a tag's works, or search).</summary>
public sealed record WorkListingView(string Path, WorkFilter Filter, WorkListingResult Result);
