using Archive.Web.Database;
using Archive.Web.Tags;
using Archive.Web.Works;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Archive.Web.Bookmarks;

/// <summary>
/// A bookmark list's filters: the works' own filters (tags, complete, words, language, as on tag pages) plus the
/// bookmarker's tags, recs and notes. The URL is the whole state.
/// </summary>
public sealed class BookmarkFilter
{
    public const int PageSize = 20;
    public static readonly string[] Sorts = ["bookmarked", "updated", "title", "kudos"];

    public required WorkFilter Works { get; init; }
    public string? BookmarkTag { get; init; }
    public bool RecsOnly { get; init; }
    public bool WithNotes { get; init; }
    public string Sort { get; init; } = "bookmarked";
    public int Page { get; init; } = 1;

    public static BookmarkFilter FromQuery(IQueryCollection query)
    {
        // The works' filter reads everything but the sort and page, which mean something else here.
        var works = WorkFilter.FromQuery(new QueryCollection(query.Where(kv => kv.Key is not ("sort" or "page")).ToDictionary(kv => kv.Key, kv => kv.Value)));
        var sort = query["sort"].ToString();
        if (sort.Length > 0 && !Sorts.Contains(sort)) works.Notes.Add($"Ignored sort “{sort}”: that isn't a value this filter understands.");
        var page = int.TryParse(query["page"], out var p) && p is >= 1 and <= 500 ? p : 1;
        return new BookmarkFilter
        {
            Works = works,
            BookmarkTag = query["bookmark_tag"].ToString().Trim() is { Length: > 0 } tag ? tag : null,
            RecsOnly = query["rec"] == "1" || query["rec"] == "true",
            WithNotes = query["notes"] == "1" || query["notes"] == "true",
            Sort = Sorts.Contains(sort) ? sort : "bookmarked",
            Page = page,
        };
    }

    /// <summary>The bookmarks that pass, newest first or by their work; unknown tags in the filter match nothing and are named.</summary>
    /// <param name="requiredTag">A tag page's own tag, besides the filter's includes.</param>
    public async Task<IQueryable<Bookmark>?> ApplyAsync(ArchiveDbContext db, IQueryable<Bookmark> bookmarks, IQueryable<Work> visibleWorks, string? requiredTag = null)
    {
        List<string> wanted = [.. Works.Include, .. requiredTag is null ? [] : new[] { requiredTag }];
        var (found, unknown) = await TagResolution.ResolveAsync(db, [.. wanted, .. Works.Exclude]);
        foreach (var name in unknown.Where(n => n != requiredTag)) Works.Notes.Add($"There is no tag “{name}” yet.");
        if (wanted.Any(n => unknown.Contains(n))) return null;
        var required = wanted.Select(n => found[Tag.Normalize(n.Trim())].Id).Distinct().ToArray();
        var excluded = Works.Exclude.Where(n => !unknown.Contains(n)).Select(n => found[Tag.Normalize(n.Trim())].Id).Distinct().ToArray();
        var works = Works.Apply(visibleWorks, required, excluded);

        bookmarks = bookmarks.Where(b => works.Any(w => w.Id == b.WorkId));
        if (BookmarkTag is { } tag) bookmarks = bookmarks.Where(b => b.Tags.Contains(tag));
        if (RecsOnly) bookmarks = bookmarks.Where(b => b.IsRec);
        if (WithNotes) bookmarks = bookmarks.Where(b => b.NotesSource != "");
        return Sort switch
        {
            "updated" => bookmarks.OrderByDescending(b => db.Works.Where(w => w.Id == b.WorkId).Select(w => w.RevisedAt).First()).ThenByDescending(b => b.Id),
            "title" => bookmarks.OrderBy(b => db.Works.Where(w => w.Id == b.WorkId).Select(w => w.Title.ToLower()).First()).ThenBy(b => b.Id),
            "kudos" => bookmarks.OrderByDescending(b => db.Works.Where(w => w.Id == b.WorkId).Select(w => w.Stats.KudosCount).First()).ThenByDescending(b => b.Id),
            _ => bookmarks.OrderByDescending(b => b.UpdatedAt).ThenByDescending(b => b.Id),
        };
    }

    /// <summary>This filter's query string with one value changed (for pagination and bookmarker's-tag links).</summary>
    public string QueryWith(string key, string? value)
    {
        // The works' own sort and page mean nothing here; this filter's are added instead.
        var pairs = Works.Pairs().Where(p => p.Key is not ("sort" or "page")).ToList();
        if (BookmarkTag is { } tag) pairs.Add(("bookmark_tag", tag));
        if (RecsOnly) pairs.Add(("rec", "1"));
        if (WithNotes) pairs.Add(("notes", "1"));
        if (Sort != "bookmarked") pairs.Add(("sort", Sort));
        if (Page != 1) pairs.Add(("page", Page.ToString()));
        return WorkFilter.QueryString(pairs, key, value);
    }
}
