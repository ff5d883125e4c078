using Archive.Web.Caching;
using Archive.Web.Database;
using Archive.Web.Tags;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Api;

[ApiController]
public sealed class TagsApiController(ArchiveDbContext db) : ControllerBase
{
    /// <summary>Canonical tags starting with what was typed, for the posting form's suggestions.</summary>
    [HttpGet("/api/tags/autocomplete")]
    public async Task<IActionResult> Autocomplete(string? term, string? type)
    {
        var prefix = Tag.Normalize(term?.Trim() ?? "");
        if (prefix.Length < 2) return Ok(Array.Empty<string>());
        var tags = db.Tags.AsNoTracking().Where(t => t.IsCanonical && t.Type != TagType.Collection && t.NormalizedName.StartsWith(prefix));
        if (Enum.TryParse<TagType>(type, ignoreCase: true, out var tagType)) tags = tags.Where(t => t.Type == tagType);
        return Ok(await tags.OrderBy(t => t.NormalizedName).Take(10).Select(t => t.Name).ToListAsync());
    }

    [HttpGet("/api/tags/{name}")]
    [CachedForGuests]
    [ReadsFromReplica]
    public async Task<IActionResult> Get(string name)
    {
        var tagName = TagUrl.Unescape(name);
        var tag = await TagInfo.LoadAsync(db, tagName);
        if (tag is null || tag.Type == TagType.Collection) return NotFound(new { error = $"There is no tag called “{tagName}”." });
        HttpContext.Shows(CacheTags.Listing(tag.CanonicalId), CacheTags.ShowsTag(tag.Id), CacheTags.ShowsTag(tag.CanonicalId));
        return Ok(new
        {
            tag.Name,
            Type = TagTypes.Label(tag.Type),
            Canonical = tag.IsCanonical,
            tag.CanonicalName,
            tag.Synonyms,
            tag.Parents,
            tag.Works,
        });
    }
}
