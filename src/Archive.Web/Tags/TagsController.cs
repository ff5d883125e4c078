using System.Text.Json;
using Archive.Web.Caching;
using Archive.Web.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Tags;

public sealed record TagPage(TagInfo Tag, List<TagSummary> TopRelationships, List<TagSummary> TopCharacters, bool TopEstimated);
public sealed record TagWorksPage(string Name, string? CanonicalName, bool Wrangled, WorkListingView Listing);

/// <summary>A tag as its page shows it: what it is, its canonical tag, synonyms, parents and exact number of works.</summary>
/// <param name="Wrangled">Whether the tag it counts as is canonical: false for an unwrangled tag, and for a spelling of a relationship that joined its first, unwrangled spelling by itself.</param>
public sealed record TagInfo(int Id, string Name, TagType Type, bool IsCanonical, int CanonicalId, string? CanonicalName, List<string> Synonyms, List<string> Parents, int Works, bool Wrangled)
{
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>One query; null when there is no such tag.</summary>
    public static async Task<TagInfo?> LoadAsync(ArchiveDbContext db, string name)
    {
        var normalized = Tag.Normalize(name.Trim());
        var json = await db.Database.SqlQuery<string>($"""
            SELECT json_build_object('id', t.id, 'name', t.name, 'type', t.type, 'is_canonical', t.is_canonical, 'canonical_id', c.id,
                'canonical_name', CASE WHEN t.merger_id IS NULL THEN NULL ELSE c.name END,
                'synonyms', COALESCE((SELECT json_agg(s.name ORDER BY s.name) FROM tags s WHERE s.merger_id = c.id), '[]'),
                'parents', COALESCE((SELECT json_agg(p.name ORDER BY p.name) FROM tag_parents tp JOIN tags p ON p.id = tp.parent_id WHERE tp.tag_id = c.id), '[]'),
                'wrangled', c.is_canonical,
                'works', (c.works_count + COALESCE((SELECT sum(d.delta) FROM tag_count_changes d WHERE d.tag_id = c.id), 0))::int
            )::text AS "Value"
            FROM tags t JOIN tags c ON c.id = COALESCE(t.merger_id, t.id) WHERE t.normalized_name = {normalized}
            """).SingleOrDefaultAsync();
        return json is null ? null : JsonSerializer.Deserialize<TagInfo>(json, Json);
    }
}

public sealed class TagsController(ArchiveDbContext db, WorkListing listing) : Controller
{
    const int FacetsPerType = 10;

    [HttpGet("/tags/{name}")]
    [CachedForGuests]
    [ReadsFromReplica]
    public async Task<IActionResult> Show(string name)
    {
        var tag = await TagInfo.LoadAsync(db, TagUrl.Unescape(name));
        // A collection's own tag is how its page finds its works, not a tag anyone browses.
        if (tag is null || tag.Type == TagType.Collection) return NotFound();
        if (User.Identity?.IsAuthenticated == true) tag = tag with { Works = tag.Works - await listing.UnseenAsync(tag.CanonicalId) };
        List<TagSummary> relationships = [], characters = [];
        var estimated = false;
        if (tag.Type == TagType.Fandom)
        {
            var top = await listing.TopTagsAsync(tag.CanonicalId, tag.Works, [TagType.Relationship, TagType.Character], FacetsPerType);
            relationships = top.Tags.Where(t => t.Type == TagType.Relationship).ToList();
            characters = top.Tags.Where(t => t.Type == TagType.Character).ToList();
            estimated = top.Estimated;
        }
        // Its count and top tags move with its works; its synonyms and parents with wrangling.
        HttpContext.Shows(CacheTags.Listing(tag.CanonicalId), CacheTags.ShowsTag(tag.Id), CacheTags.ShowsTag(tag.CanonicalId));
        return View("Show", new TagPage(tag, relationships, characters, estimated));
    }

    [HttpGet("/tags/{name}/works")]
    [CachedForGuests]
    [ReadsFromReplica]
    public async Task<IActionResult> Works(string name)
    {
        var tagName = TagUrl.Unescape(name);
        if (tagName.StartsWith(Collections.Collection.TagNamePrefix, StringComparison.Ordinal)) return NotFound();
        var filter = WorkFilter.FromQuery(Request.Query);
        var result = await listing.ListAsync(db.Works, filter, [tagName]);
        var tag = result.Tags?.Find(tagName);
        if (result.Shows is { } shows) HttpContext.Shows([.. shows, .. tag is null ? [] : new[] { CacheTags.ShowsTag(tag.Id) }]);
        else HttpContext.DoNotCache();
        return View("Works", new TagWorksPage(tag?.Name ?? tagName, tag?.SynonymOf, tag?.Wrangled ?? false, new WorkListingView(TagUrl.WorksPath(tag?.Name ?? tagName), filter, result)));
    }

    [HttpGet("/fandoms")]
    [CachedForGuests]
    [ReadsFromReplica]
    public async Task<IActionResult> Fandoms()
    {
        HttpContext.Shows(CacheTags.AllWorks);
        return View("Fandoms", await listing.BiggestAsync(TagType.Fandom, 500));
    }
}
