using System.Runtime.CompilerServices;
using Archive.Web.Database;
using Archive.Web.Works;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Tags;

/// <summary>
/// A tag page's filters, read from the query string so the URL is the whole state (bookmarkable, paginated).
/// Values that don't parse are ignored and named in <see cref="Notes"/>.
/// </summary>
public sealed class WorkFilter
{
    public const int PageSize = 20;
    /// <summary>Listings count at most this many matches ("10,000+"), so a page's cost doesn't grow with the archive.</summary>
    public const int MaxCounted = 10_000;
    public const int MaxPage = MaxCounted / PageSize;
    public static readonly string[] Sorts = ["updated", "posted", "title", "creator", "words", "kudos", "bookmarks", "hits"];
    /// <summary>Search results can also be sorted by how well they match: titles and creators first, then tags, summaries and notes, then the text.</summary>
    public const string Relevance = "relevance";
    /// <summary>Most recently updated first: a listing's order unless it says otherwise.</summary>
    public const string Updated = "updated";
    public static readonly (int Days, string Label)[] Windows = [(7, "the last week"), (30, "the last month"), (365, "the last year")];

    public List<string> Include { get; } = [];
    public List<string> Exclude { get; } = [];
    public bool CompleteOnly { get; set; }
    /// <summary>null: either; true: only crossovers; false: no crossovers.</summary>
    public bool? Crossovers { get; set; }
    public int? WordsFrom { get; set; }
    public int? WordsTo { get; set; }
    public string? Language { get; set; }
    public int? UpdatedWithinDays { get; set; }
    public string Sort { get; set; } = "updated";

    /// <summary>Sorted by kudos, hits or bookmarks: counts that move all the time.</summary>
    public bool SortsByCount => Sort is "kudos" or "hits" or "bookmarks";
    public int Page { get; set; } = 1;
    public List<string> Notes { get; } = [];
    /// <summary>Search words, on the search page.</summary>
    public string? Query { get; set; }

    public static WorkFilter FromQuery(IQueryCollection query)
    {
        var filter = new WorkFilter { Query = query["q"].ToString().Trim() is { Length: > 0 } q ? q : null };
        foreach (var key in new[] { "include", "rating", "warning", "category" })
            foreach (var value in query[key].SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0))
                if (!filter.Include.Contains(value, StringComparer.OrdinalIgnoreCase)) filter.Include.Add(value);
        foreach (var value in query["exclude"].SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0))
            if (!filter.Exclude.Contains(value, StringComparer.OrdinalIgnoreCase)) filter.Exclude.Add(value);
        filter.CompleteOnly = query["complete"] == "1" || query["complete"] == "true";
        filter.Crossovers = query["crossovers"].ToString() switch { "only" => true, "exclude" => false, "" or "include" => null, var other => filter.Ignore("crossovers", other) };
        filter.WordsFrom = filter.Number(query, "words_from");
        filter.WordsTo = filter.Number(query, "words_to");
        if (query["language"].ToString() is { Length: > 0 } language)
        {
            if (Languages.All.Contains(language)) filter.Language = language;
            else filter.Ignore("language", language);
        }
        if (filter.Number(query, "updated_within") is { } days)
        {
            if (Windows.Any(w => w.Days == days)) filter.UpdatedWithinDays = days;
            else filter.Ignore("updated_within", days.ToString());
        }
        // A search shows its best matches first unless asked otherwise.
        filter.Sort = filter.DefaultSort;
        if (query["sort"].ToString() is { Length: > 0 } sort)
        {
            if (Sorts.Contains(sort) || (sort == Relevance && filter.Query is not null)) filter.Sort = sort;
            else filter.Ignore("sort", sort);
        }
        if (filter.Number(query, "page") is { } page)
        {
            if (page is >= 1 and <= MaxPage) filter.Page = page;
            else filter.Ignore("page", page.ToString());
        }
        return filter;
    }

    /// <summary>The sort a page starts with, left out of its links.</summary>
    string DefaultSort => Query is null ? Updated : Relevance;

    int? Number(IQueryCollection query, string key)
    {
        var text = query[key].ToString();
        if (text.Length == 0) return null;
        if (int.TryParse(text.Replace(",", ""), out var n) && n >= 0) return n;
        Ignore(key, text);
        return null;
    }

    bool? Ignore(string key, string value)
    {
        Notes.Add($"Ignored {key.Replace('_', ' ')} “{value}”: that isn't a value this filter understands.");
        return null;
    }

    /// <summary>The works that pass the filters, among those with every tag in <paramref name="required"/> and none in <paramref name="excluded"/> (canonical ids).</summary>
    public IQueryable<Work> Apply(IQueryable<Work> works, int[] required, int[] excluded)
    {
        // Tags written into the SQL, not sent as parameters: a tag's share of works decides whether reading it in order
        // or from its index is cheaper, and a plan prepared for one tag is wrong for a tag a thousand times bigger.
        foreach (var id in required) works = works.Where(w => w.FilterTagIds.Contains(EF.Constant(id)));
        if (excluded.Length > 0) works = works.Where(w => !w.FilterTagIds.Any(id => excluded.Contains(id)));
        if (CompleteOnly) works = works.Where(w => w.ExpectedChapters == w.ChapterCount);
        if (Crossovers == true) works = works.Where(w => w.FandomCount > 1);
        if (Crossovers == false) works = works.Where(w => w.FandomCount <= 1);
        if (WordsFrom is { } from) works = works.Where(w => w.WordCount >= from);
        if (WordsTo is { } to) works = works.Where(w => w.WordCount <= to);
        if (Language is { } language) works = works.Where(w => w.Language == language);
        if (UpdatedWithinDays is { } days)
        {
            var since = DateTimeOffset.UtcNow.AddDays(-days);
            works = works.Where(w => w.RevisedAt >= since);
        }
        return works;
    }

    /// <summary>Each work's count this listing is sorted by (kudos, hits or bookmarks).</summary>
    IQueryable<CountedWork> Counts(IQueryable<WorkStats> stats) => Sort switch
    {
        "kudos" => stats.Select(s => new CountedWork { WorkId = s.WorkId, Count = s.KudosCount }),
        "bookmarks" => stats.Select(s => new CountedWork { WorkId = s.WorkId, Count = s.BookmarksCount }),
        _ => stats.Select(s => new CountedWork { WorkId = s.WorkId, Count = s.HitsCount }),
    };

    /// <summary>Counts of the works with every required tag and none excluded, told by the tags copied beside the counts.</summary>
    public static IQueryable<WorkStats> Tagged(DbSet<WorkStats> stats, int[] required, int[] excluded)
    {
        // The tags are written into the SQL as array operators, which the planner has statistics for (EF would write
        // "= ANY", which it guesses at): it then knows how soon a walk of the count's index finds a page. Ids only.
        var sql = $"SELECT * FROM work_stats WHERE filter_tag_ids @> ARRAY[{string.Join(',', required)}]::integer[]";
        if (excluded.Length > 0) sql += $" AND NOT filter_tag_ids && ARRAY[{string.Join(',', excluded)}]::integer[]";
        return stats.FromSqlRaw(sql);
    }

    /// <summary>A work and the count a listing is sorted by.</summary>
    public sealed class CountedWork
    {
        public int WorkId { get; init; }
        public int Count { get; init; }
    }

    /// <summary>
    /// In this listing's order, by a key changed so no index can give that order (a count cast, a date plus nothing, a
    /// name joined with nothing): the database sorts the matches it finds by the tags' index, rather than walking the
    /// order's index through works that may rarely match.
    /// </summary>
    public IQueryable<Work> OrderMatches(IQueryable<Work> works, IQueryable<WorkStats> stats) => Sort switch
    {
        "kudos" or "bookmarks" or "hits" => works.Join(Counts(stats), w => w.Id, c => c.WorkId, (w, c) => new { w, c })
            .OrderByDescending(x => (long)x.c.Count).ThenByDescending(x => x.c.WorkId).Select(x => x.w),
        "posted" => works.OrderByDescending(w => w.PublishedOn.AddDays(0)).ThenByDescending(w => w.Id),
        "title" => works.OrderBy(w => (w.Title + "").ToLower()).ThenBy(w => w.Id),
        "creator" => works.OrderBy(w => w.CreatorSort + "").ThenBy(w => w.Id),
        "words" => works.OrderByDescending(w => (long)w.WordCount).ThenByDescending(w => w.Id),
        _ => works.OrderByDescending(w => w.RevisedAt.AddSeconds(0)).ThenByDescending(w => w.Id),
    };

    /// <param name="stats">The works' counts, which a count sort reads by their own index (joined, so a popular tag's page walks it).</param>
    public IQueryable<Work> Order(IQueryable<Work> works, IQueryable<WorkStats> stats) => Sort switch
    {
        "posted" => works.OrderByDescending(w => w.PublishedOn).ThenByDescending(w => w.Id),
        "title" => works.OrderBy(w => w.Title.ToLower()).ThenBy(w => w.Id),
        "creator" => works.OrderBy(w => w.CreatorSort).ThenBy(w => w.Id),
        "words" => works.OrderByDescending(w => w.WordCount).ThenByDescending(w => w.Id),
        "kudos" or "bookmarks" or "hits" => works.Join(Counts(stats), w => w.Id, c => c.WorkId, (w, c) => new { w, c })
            .OrderByDescending(x => x.c.Count).ThenByDescending(x => x.c.WorkId).Select(x => x.w),
        _ => works.OrderByDescending(w => w.RevisedAt).ThenByDescending(w => w.Id),
    };

    /// <summary>What a listing filters and sorts by, for filtering and sorting a sample in memory exactly as <see cref="Apply"/> and <see cref="Order(IQueryable{Work}, IQueryable{WorkStats})"/> do in the database.</summary>
    public sealed record SortKeys(int Id, int[] TagIds, DateTimeOffset RevisedAt, DateOnly PublishedOn, string Title, string CreatorSort, int WordCount, int KudosCount, int BookmarksCount, int HitsCount,
        int ChapterCount = 0, int? ExpectedChapters = null, int FandomCount = 0, string Language = "", float Rank = 0, bool IsRestricted = false);

    /// <summary>Whether a sampled work passes the filters, as <see cref="Apply"/> would decide in the database.</summary>
    public bool Matches(SortKeys work, int[] required, int[] excluded)
    {
        // Run for each of up to 2,000 sampled works on every tag page: spans, not LINQ.
        var tags = work.TagIds.AsSpan();
        foreach (var id in required) if (!tags.Contains(id)) return false;
        foreach (var id in excluded) if (tags.Contains(id)) return false;
        if (CompleteOnly && work.ExpectedChapters != work.ChapterCount) return false;
        if (Crossovers == true && work.FandomCount <= 1) return false;
        if (Crossovers == false && work.FandomCount > 1) return false;
        if (WordsFrom is { } from && work.WordCount < from) return false;
        if (WordsTo is { } to && work.WordCount > to) return false;
        if (Language is { } language && work.Language != language) return false;
        if (UpdatedWithinDays is { } days && work.RevisedAt < DateTimeOffset.UtcNow.AddDays(-days)) return false;
        return true;
    }

    public IEnumerable<SortKeys> Order(IEnumerable<SortKeys> works) => Sort switch
    {
        Relevance => works.OrderByDescending(w => w.Rank).ThenByDescending(w => w.Id),
        "posted" => works.OrderByDescending(w => w.PublishedOn).ThenByDescending(w => w.Id),
        "title" => works.OrderBy(w => w.Title.ToLowerInvariant(), StringComparer.Ordinal).ThenBy(w => w.Id),
        "creator" => works.OrderBy(w => w.CreatorSort, StringComparer.Ordinal).ThenBy(w => w.Id),
        "words" => works.OrderByDescending(w => w.WordCount).ThenByDescending(w => w.Id),
        "kudos" => works.OrderByDescending(w => w.KudosCount).ThenByDescending(w => w.Id),
        "bookmarks" => works.OrderByDescending(w => w.BookmarksCount).ThenByDescending(w => w.Id),
        "hits" => works.OrderByDescending(w => w.HitsCount).ThenByDescending(w => w.Id),
        _ => works.OrderByDescending(w => w.RevisedAt).ThenByDescending(w => w.Id),
    };

    /// <summary>This filter as query-string pairs, defaults left out.</summary>
    public List<(string Key, string Value)> Pairs()
    {
        var pairs = new List<(string, string)>();
        if (Query is { } q) pairs.Add(("q", q));
        foreach (var tag in Include) pairs.Add(("include", tag));
        foreach (var tag in Exclude) pairs.Add(("exclude", tag));
        if (CompleteOnly) pairs.Add(("complete", "1"));
        if (Crossovers is { } c) pairs.Add(("crossovers", c ? "only" : "exclude"));
        if (WordsFrom is { } from) pairs.Add(("words_from", from.ToString()));
        if (WordsTo is { } to) pairs.Add(("words_to", to.ToString()));
        if (Language is { } language) pairs.Add(("language", language));
        if (UpdatedWithinDays is { } days) pairs.Add(("updated_within", days.ToString()));
        if (Sort != DefaultSort) pairs.Add(("sort", Sort));
        if (Page != 1) pairs.Add(("page", Page.ToString()));
        return pairs;
    }

    /// <summary>This filter's query string with one value changed (for pagination and sort links).</summary>
    public string QueryWith(string key, string? value) => QueryString(Pairs(), key, value);

    /// <summary>Pairs as a query string, with <paramref name="key"/> replaced by <paramref name="value"/> (or removed when null).</summary>
    public static string QueryString(List<(string Key, string Value)> pairs, string key, string? value)
    {
        pairs.RemoveAll(p => p.Key == key);
        if (value is not null) pairs.Add((key, value));
        return string.Join("&", pairs.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
    }
}

/// <summary>A name as typed, the tag it names, and the canonical tag it counts as, with that tag's exact number of visible works.</summary>
/// <param name="Wrangled">Whether the tag it counts as is canonical (not, while a relationship's spellings have only joined its first by themselves).</param>
public sealed record ResolvedTag(string NormalizedName, int Id, string Name, TagType Type, int CanonicalId, string CanonicalName, TagType CanonicalType, int CanonicalCount, int[] SynonymIds, bool Wrangled)
{
    /// <summary>The canonical tag's name when this one is a synonym of it.</summary>
    public string? SynonymOf => Id == CanonicalId ? null : CanonicalName;
}

/// <summary>A listing's tags, with what the reader blocks and mutes, read together.</summary>
/// <param name="ArchiveWorks">About how many works the archive has (PostgreSQL's estimate, 0 before it has one): what a listing weighs its plans by.</param>
public sealed record ResolvedTags(List<ResolvedTag> Tags, List<string> Unknown, int[] Blocked, int[] Muted, long ArchiveWorks = 0)
{
    public ResolvedTag? Find(string name) => Tags.FirstOrDefault(t => t.NormalizedName == Tag.Normalize(name.Trim()));
}

/// <summary>How tag names in a filter resolve to canonical ids; unknown names are named rather than failing.</summary>
public static class TagResolution
{
    static readonly System.Text.Json.JsonSerializerOptions Json = new() { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The names' tags and canonical tags with their counts, and the reader's blocked tags (canonical) and muted users: one query.</summary>
    public static async Task<ResolvedTags> ResolveForListingAsync(ArchiveDbContext db, IReadOnlyList<string> names, int? userId)
    {
        string[] wanted = [.. names.Select(n => Tag.Normalize(n.Trim())).Distinct()];
        var reader = userId ?? 0;
        // One parameter per name, not an array: PostgreSQL plans "= ANY(array)" afresh on every page (a plan kept for any
        // array looks dearer to it than one for these names), and planning cost twice what running does.
        var inNames = wanted.Length == 0 ? "NULL" : string.Join(", ", wanted.Select((_, i) => $"{{{i}}}"));
        var sql = $$"""
            SELECT json_build_object(
              'tags', COALESCE((SELECT json_agg(json_build_object('normalized_name', t.normalized_name, 'id', t.id, 'name', t.name, 'type', t.type,
                  'canonical_id', c.id, 'canonical_name', c.name, 'canonical_type', c.type, 'wrangled', c.is_canonical, 'canonical_count', (c.works_count + COALESCE((SELECT sum(d.delta) FROM tag_count_changes d WHERE d.tag_id = c.id), 0))::int,
                  'synonym_ids', COALESCE((SELECT json_agg(s.id) FROM tags s WHERE s.merger_id = c.id), '[]')))
                FROM tags t JOIN tags c ON c.id = COALESCE(t.merger_id, t.id) WHERE t.normalized_name IN ({{inNames}})), '[]'),
              'blocked', COALESCE((SELECT json_agg(DISTINCT COALESCE(t.merger_id, t.id)) FROM blocked_tags b JOIN tags t ON t.id = b.tag_id WHERE b.user_id = {{{wanted.Length}}}), '[]'),
              'muted', COALESCE((SELECT json_agg(muted_id) FROM user_mutes WHERE muter_id = {{{wanted.Length}}}), '[]'),
              'archive_works', (SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE oid = 'works'::regclass)
            )::text AS "Value"
            """;
        var json = await db.Database.SqlQuery<string>(FormattableStringFactory.Create(sql, [.. wanted, reader])).SingleAsync();
        var found = System.Text.Json.JsonSerializer.Deserialize<Found>(json, Json)!;
        var unknown = names.Where(n => found.Tags.All(t => t.NormalizedName != Tag.Normalize(n.Trim()))).ToList();
        return new ResolvedTags(found.Tags, unknown, found.Blocked, found.Muted, found.ArchiveWorks);
    }

    sealed record Found(List<ResolvedTag> Tags, int[] Blocked, int[] Muted, long ArchiveWorks);

    public static async Task<(Dictionary<string, (int Id, Tag Tag)> Found, List<string> Unknown)> ResolveAsync(ArchiveDbContext db, IEnumerable<string> names)
    {
        var wanted = names.Select(n => Tag.Normalize(n.Trim())).Distinct().ToList();
        var tags = await db.Tags.AsNoTracking().Where(t => wanted.Contains(t.NormalizedName)).ToListAsync();
        var found = tags.ToDictionary(t => t.NormalizedName, t => (t.MergerId ?? t.Id, t));
        var unknown = names.Where(n => !found.ContainsKey(Tag.Normalize(n.Trim()))).ToList();
        return (found, unknown);
    }
}
