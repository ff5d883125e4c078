using Archive.Web.Database;
using Archive.Web.Works;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Tags;

public sealed record TagSummary(int Id, string Name, TagType Type, int Works);
public sealed record FacetOption(string Name, TagType Type, int Count, bool Included, bool Excluded);

/// <summary>One page of a filtered listing: its blurbs, how many works match in all, the filter options with their counts, and names that matched no tag.</summary>
public sealed record WorkListingResult(List<WorkBlurb> Works, int Total, List<FacetOption> Facets, List<string> Unknown)
{
    /// <summary>What a cached copy of this listing shows (<see cref="Caching.CacheTags"/>); null when it must not be cached.</summary>
    public List<string>? Shows { get; init; }

    /// <summary>More matched than were counted: the total is a floor and option counts come from a sample.</summary>
    public bool Capped => Total > WorkFilter.FacetSample;
    public string TotalText => Total > WorkFilter.MaxCounted ? $"{WorkFilter.MaxCounted:N0}+" : Total.ToString("N0");
    public static readonly WorkListingResult Empty = new([], 0, [], []);
    public int Pages(int pageSize) => Math.Min(WorkFilter.MaxPage, (Total + pageSize - 1) / pageSize);
}

/// <summary>Filtered, counted, paginated work listings: the same for a tag's works and for search results.</summary>
public sealed class WorkListing(ArchiveDbContext db, Blocklist.ReaderBlocklist blocklist)
{
    const int FacetsPerType = 10;

    /// <param name="works">The works to list from (all works, or a search's matches).</param>
    /// <param name="requiredNames">Tags every listed work has (a tag page's own tag), besides the filter's includes.</param>
    public async Task<WorkListingResult> ListAsync(IQueryable<Work> works, WorkFilter filter, IReadOnlyList<string> requiredNames)
    {
        var (found, unknown) = await TagResolution.ResolveAsync(db, [.. requiredNames, .. filter.Include, .. filter.Exclude]);
        var wanted = requiredNames.Concat(filter.Include).ToList();
        // A required tag that doesn't exist means no work can match: an empty answer, not an error.
        // Not cached: posting a work with that tag would have to know to evict it.
        if (wanted.Any(n => !found.ContainsKey(Tag.Normalize(n.Trim())))) return WorkListingResult.Empty with { Unknown = unknown };

        var required = wanted.Select(n => found[Tag.Normalize(n.Trim())].Id).Distinct().ToArray();
        var excluded = filter.Exclude.Where(n => found.ContainsKey(Tag.Normalize(n.Trim()))).Select(n => found[Tag.Normalize(n.Trim())].Id).Distinct().ToArray();
        var matching = filter.Apply(await blocklist.ApplyAsync(works), required, excluded);
        // A sample of the matches in no particular order, so the query stops early on big results. When it holds every
        // match, the total, this page (sorted here) and the option counts all come from it in one query; bigger results
        // get a capped count and an ordered query for just this page, both bounded too.
        var sample = await matching.Take(WorkFilter.FacetSample)
            .Select(w => new WorkFilter.SortKeys(w.Id, w.FilterTagIds, w.RevisedAt, w.PublishedOn, w.Title, w.CreatorSort, w.WordCount, w.KudosCount, w.BookmarksCount, w.HitsCount)).ToListAsync();
        var complete = sample.Count < WorkFilter.FacetSample;
        var total = complete ? sample.Count : await matching.Take(WorkFilter.MaxCounted + 1).CountAsync();
        var offset = (filter.Page - 1) * WorkFilter.PageSize;
        var ids = complete
            ? filter.Order(sample).Skip(offset).Take(WorkFilter.PageSize).Select(w => w.Id).ToList()
            : await filter.Order(matching).Skip(offset).Take(WorkFilter.PageSize).Select(w => w.Id).ToListAsync();
        var blurbs = await db.BlurbsAsync(ids);

        var requiredByName = requiredNames.Select(n => found[Tag.Normalize(n.Trim())].Id).ToHashSet();
        var tally = sample.SelectMany(w => w.TagIds).GroupBy(id => id).Select(g => (Id: g.Key, Count: g.Count())).OrderByDescending(g => g.Count).ToList();
        var counts = await NamedAsync(tally, Enum.GetValues<TagType>(), FacetsPerType);
        // Each option's count is within the current result; excluded tags have none there but stay listed, ticked.
        var facets = counts.Where(c => !requiredByName.Contains(c.Id)).Select(c => new FacetOption(c.Name, c.Type, c.Works, required.Contains(c.Id), false)).ToList();
        facets.AddRange(excluded.Select(id => found.Values.First(f => f.Id == id).Tag).Select(t => new FacetOption(t.Name, t.Type, 0, false, true)));
        return new WorkListingResult(blurbs, total, facets, unknown) { Shows = unknown.Count > 0 || filter.UpdatedWithinDays is not null ? null : CacheTagsFor(filter, required, excluded, ids) };
    }

    /// <summary>
    /// A listing moves when a work with one of its tags (in or out) changes; sorted by a count, when those counts change;
    /// a listing over the whole archive (search) when any work changes; and its blurbs when their works change.
    /// A window of time ("updated within") moves with the clock, so it isn't cached.
    /// </summary>
    static List<string> CacheTagsFor(WorkFilter filter, int[] required, int[] excluded, List<int> shown)
    {
        var byCount = filter.Sort is "kudos" or "hits" or "bookmarks";
        var tags = shown.Select(Caching.CacheTags.Work).Concat(required.Concat(excluded).Select(Caching.CacheTags.Listing)).ToList();
        if (byCount) tags.AddRange(required.Select(Caching.CacheTags.Counts));
        if (required.Length == 0) tags.AddRange(byCount ? [Caching.CacheTags.AllWorks, Caching.CacheTags.AllCounts] : [Caching.CacheTags.AllWorks]);
        return tags;
    }

    /// <summary>
    /// How many of these works carry each canonical tag of the given types, most used first: one GROUP BY over
    /// the works' tag arrays, then the names of the top few per type.
    /// </summary>
    public async Task<List<TagSummary>> CountsAsync(IQueryable<Work> works, TagType[] types, int perType)
    {
        works = await blocklist.ApplyAsync(works);
        var counts = await works.SelectMany(w => w.FilterTagIds).GroupBy(id => id)
            .Select(g => new { Id = g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).Take(2000).ToListAsync();
        return await NamedAsync(counts.Select(c => (c.Id, c.Count)).ToList(), types, perType);
    }

    /// <summary>Names the most counted tags of each type, most used first.</summary>
    async Task<List<TagSummary>> NamedAsync(List<(int Id, int Count)> counts, TagType[] types, int perType)
    {
        var ids = counts.Select(c => c.Id).Take(2000).ToList();
        var tags = await db.Tags.AsNoTracking().Where(t => ids.Contains(t.Id) && types.Contains(t.Type)).Select(t => new { t.Id, t.Name, t.Type }).ToListAsync();
        var byId = tags.ToDictionary(t => t.Id);
        return counts.Where(c => byId.ContainsKey(c.Id)).Select(c => new TagSummary(c.Id, byId[c.Id].Name, byId[c.Id].Type, c.Count))
            .GroupBy(t => t.Type).SelectMany(g => g.Take(perType)).ToList();
    }
}

/// <summary>What the listing partial shows: results and the filter form for a path (a tag's works, or search).</summary>
public sealed record WorkListingView(string Path, WorkFilter Filter, WorkListingResult Result);
