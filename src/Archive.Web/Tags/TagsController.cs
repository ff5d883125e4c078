using Archive.Web.Database;
using Archive.Web.Works;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Tags;

public sealed record TagSummary(int Id, string Name, TagType Type, int Works);
public sealed record TagPage(Tag Tag, string? CanonicalName, List<string> Synonyms, List<string> Parents, int Works, List<TagSummary> TopRelationships, List<TagSummary> TopCharacters);
public sealed record FacetOption(string Name, TagType Type, int Count, bool Included, bool Excluded);
public sealed record TagWorksPage(string Name, TagType? Type, string? CanonicalName, WorkFilter Filter, List<WorkBlurb> Works, int Total, List<FacetOption> Facets, List<string> Unknown)
{
    public int Pages => Math.Min(WorkFilter.MaxPage, (Total + WorkFilter.PageSize - 1) / WorkFilter.PageSize);
}

public sealed class TagsController(ArchiveDbContext db) : Controller
{
    const int FacetsPerType = 10;

    [HttpGet("/tags/{name}")]
    public async Task<IActionResult> Show(string name)
    {
        var tag = await db.Tags.AsNoTracking().SingleOrDefaultAsync(t => t.NormalizedName == Tag.Normalize(TagUrl.Unescape(name)));
        if (tag is null) return NotFound();
        var canonicalId = tag.MergerId ?? tag.Id;
        var canonicalName = tag.MergerId is { } merger ? await db.Tags.Where(t => t.Id == merger).Select(t => t.Name).SingleAsync() : null;
        var synonyms = await db.Tags.Where(t => t.MergerId == canonicalId).OrderBy(t => t.Name).Select(t => t.Name).ToListAsync();
        var parents = await db.TagParents.Where(p => p.TagId == canonicalId).Join(db.Tags, p => p.ParentId, t => t.Id, (p, t) => t.Name).OrderBy(n => n).ToListAsync();
        var works = await db.Works.CountAsync(w => w.FilterTagIds.Contains(canonicalId));
        List<TagSummary> relationships = [], characters = [];
        if (tag.Type == TagType.Fandom)
        {
            var within = db.Works.Where(w => new[] { canonicalId }.All(id => w.FilterTagIds.Contains(id)));
            var top = await CountsAsync(within, [TagType.Relationship, TagType.Character], FacetsPerType);
            relationships = top.Where(t => t.Type == TagType.Relationship).ToList();
            characters = top.Where(t => t.Type == TagType.Character).ToList();
        }
        return View("Show", new TagPage(tag, canonicalName, synonyms, parents, works, relationships, characters));
    }

    [HttpGet("/tags/{name}/works")]
    public async Task<IActionResult> Works(string name)
    {
        var tagName = TagUrl.Unescape(name);
        var filter = WorkFilter.FromQuery(Request.Query);
        var (found, unknown) = await TagResolution.ResolveAsync(db, [tagName, .. filter.Include, .. filter.Exclude]);
        if (!found.TryGetValue(Tag.Normalize(tagName), out var tag))
            // An unknown tag has no works; that is an answer, not an error.
            return View("Works", new TagWorksPage(tagName, null, null, filter, [], 0, [], [tagName]));

        int[] required = [tag.Id, .. filter.Include.Select(n => found.TryGetValue(Tag.Normalize(n), out var t) ? t.Id : -1)];
        if (required.Contains(-1))
            return View("Works", new TagWorksPage(tag.Tag.Name, tag.Tag.Type, null, filter, [], 0, [], unknown));
        int[] excluded = [.. filter.Exclude.Select(n => found.TryGetValue(Tag.Normalize(n), out var t) ? t.Id : -1).Where(id => id > 0)];

        var matching = filter.Apply(db.Works, required.Distinct().ToArray(), excluded);
        var total = await matching.CountAsync();
        var ids = await filter.Order(matching).Skip((filter.Page - 1) * WorkFilter.PageSize).Take(WorkFilter.PageSize).Select(w => w.Id).ToListAsync();
        var blurbs = await db.Works.Where(w => ids.Contains(w.Id)).BlurbsAsync(WorkFilter.PageSize);
        blurbs = blurbs.OrderBy(b => ids.IndexOf(b.Id)).ToList();

        var counts = await CountsAsync(matching, Enum.GetValues<TagType>(), FacetsPerType);
        // Each option's count is within the current result; excluded tags have none there but stay listed, ticked.
        var facets = counts.Where(c => c.Id != tag.Id).Select(c => new FacetOption(c.Name, c.Type, c.Works, required.Contains(c.Id), false)).ToList();
        facets.AddRange(excluded.Distinct().Select(id => found.Values.First(f => f.Id == id))
            .Select(f => new FacetOption(f.Tag.Name, f.Tag.Type, 0, false, true)));
        var canonicalName = tag.Tag.MergerId is null ? null : await db.Tags.Where(t => t.Id == tag.Id).Select(t => t.Name).SingleAsync();
        return View("Works", new TagWorksPage(tag.Tag.Name, tag.Tag.Type, canonicalName, filter, blurbs, total, facets, unknown));
    }

    [HttpGet("/fandoms")]
    public async Task<IActionResult> Fandoms()
    {
        var counts = await CountsAsync(db.Works, [TagType.Fandom], 500);
        return View("Fandoms", counts);
    }

    /// <summary>
    /// How many of these works carry each canonical tag of the given types, most used first: one GROUP BY over
    /// the works' tag arrays, then the names of the top few per type.
    /// </summary>
    async Task<List<TagSummary>> CountsAsync(IQueryable<Work> works, TagType[] types, int perType)
    {
        var counts = await works.SelectMany(w => w.FilterTagIds).GroupBy(id => id)
            .Select(g => new { Id = g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).Take(2000).ToListAsync();
        var ids = counts.Select(c => c.Id).ToList();
        var tags = await db.Tags.AsNoTracking().Where(t => ids.Contains(t.Id) && types.Contains(t.Type)).Select(t => new { t.Id, t.Name, t.Type }).ToListAsync();
        var byId = tags.ToDictionary(t => t.Id);
        return counts.Where(c => byId.ContainsKey(c.Id)).Select(c => new TagSummary(c.Id, byId[c.Id].Name, byId[c.Id].Type, c.Count))
            .GroupBy(t => t.Type).SelectMany(g => g.Take(perType)).ToList();
    }
}
