using Archive.Web.Database;
using Archive.Web.Tags;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Api;

[ApiController]
public sealed class TagsApiController(ArchiveDbContext db) : ControllerBase
{
    [HttpGet("/api/tags/{name}")]
    public async Task<IActionResult> Get(string name)
    {
        var tagName = TagUrl.Unescape(name);
        var tag = await db.Tags.AsNoTracking().SingleOrDefaultAsync(t => t.NormalizedName == Tag.Normalize(tagName));
        if (tag is null) return NotFound(new { error = $"There is no tag called “{tagName}”." });
        var canonicalId = tag.MergerId ?? tag.Id;
        return Ok(new
        {
            tag.Name,
            Type = TagTypes.Label(tag.Type),
            Canonical = tag.IsCanonical,
            CanonicalName = tag.MergerId is { } merger ? await db.Tags.Where(t => t.Id == merger).Select(t => t.Name).SingleAsync() : null,
            Synonyms = await db.Tags.Where(t => t.MergerId == canonicalId).OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(),
            Parents = await db.TagParents.Where(p => p.TagId == canonicalId).Join(db.Tags, p => p.ParentId, t => t.Id, (p, t) => t.Name).OrderBy(n => n).ToListAsync(),
            Works = await db.Works.CountAsync(w => w.FilterTagIds.Contains(canonicalId)),
        });
    }
}
