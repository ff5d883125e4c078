using Archive.Web.Caching;
using Archive.Web.Database;
using Archive.Web.Works;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Tags;

public sealed record TagPage(Tag Tag, string? CanonicalName, List<string> Synonyms, List<string> Parents, int Works, List<TagSummary> TopRelationships, List<TagSummary> TopCharacters);
public sealed record TagWorksPage(string Name, string? CanonicalName, WorkListingView Listing);

public sealed class TagsController(ArchiveDbContext db, WorkListing listing, Blocklist.ReaderBlocklist blocklist) : Controller
{
    const int FacetsPerType = 10;

    [HttpGet("/tags/{name}")]
    [CachedForGuests]
    public async Task<IActionResult> Show(string name)
    {
        var tag = await db.Tags.AsNoTracking().SingleOrDefaultAsync(t => t.NormalizedName == Tag.Normalize(TagUrl.Unescape(name)));
        if (tag is null) return NotFound();
        var canonicalId = tag.MergerId ?? tag.Id;
        var canonicalName = tag.MergerId is { } merger ? await db.Tags.Where(t => t.Id == merger).Select(t => t.Name).SingleAsync() : null;
        var synonyms = await db.Tags.Where(t => t.MergerId == canonicalId).OrderBy(t => t.Name).Select(t => t.Name).ToListAsync();
        var parents = await db.TagParents.Where(p => p.TagId == canonicalId).Join(db.Tags, p => p.ParentId, t => t.Id, (p, t) => t.Name).OrderBy(n => n).ToListAsync();
        var works = await (await blocklist.ApplyAsync(db.Works)).CountAsync(w => w.FilterTagIds.Contains(canonicalId));
        List<TagSummary> relationships = [], characters = [];
        if (tag.Type == TagType.Fandom)
        {
            var within = db.Works.Where(w => new[] { canonicalId }.All(id => w.FilterTagIds.Contains(id)));
            var top = await listing.CountsAsync(within, [TagType.Relationship, TagType.Character], FacetsPerType);
            relationships = top.Where(t => t.Type == TagType.Relationship).ToList();
            characters = top.Where(t => t.Type == TagType.Character).ToList();
        }
        // Its count and top tags move with its works; its synonyms and parents with wrangling.
        HttpContext.Shows(CacheTags.Listing(canonicalId), CacheTags.ShowsTag(tag.Id), CacheTags.ShowsTag(canonicalId));
        return View("Show", new TagPage(tag, canonicalName, synonyms, parents, works, relationships, characters));
    }

    [HttpGet("/tags/{name}/works")]
    [CachedForGuests]
    public async Task<IActionResult> Works(string name)
    {
        var tagName = TagUrl.Unescape(name);
        var filter = WorkFilter.FromQuery(Request.Query);
        var tag = await db.Tags.AsNoTracking().SingleOrDefaultAsync(t => t.NormalizedName == Tag.Normalize(tagName));
        var canonicalName = tag?.MergerId is { } merger ? await db.Tags.Where(t => t.Id == merger).Select(t => t.Name).SingleAsync() : null;
        var result = await listing.ListAsync(db.Works, filter, [tagName]);
        if (result.Shows is { } shows) HttpContext.Shows([.. shows, .. tag is null ? [] : new[] { CacheTags.ShowsTag(tag.Id) }]);
        else HttpContext.DoNotCache();
        return View("Works", new TagWorksPage(tag?.Name ?? tagName, canonicalName, new WorkListingView(TagUrl.WorksPath(tag?.Name ?? tagName), filter, result)));
    }

    [HttpGet("/fandoms")]
    [CachedForGuests]
    public async Task<IActionResult> Fandoms()
    {
        HttpContext.Shows(CacheTags.AllWorks);
        var counts = await listing.CountsAsync(db.Works, [TagType.Fandom], 500);
        return View("Fandoms", counts);
    }
}
