using Archive.Web.Database;
using Archive.Web.Works;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Tags;

public sealed record TagWorksPage(string Name, TagType Type, List<WorkBlurb> Works);

public sealed class TagsController(ArchiveDbContext db) : Controller
{
    /// <summary>The newest works with a tag. Filters, counts and wrangled synonyms come with the tags issue.</summary>
    [HttpGet("/tags/{name}/works")]
    public async Task<IActionResult> Works(string name)
    {
        var tag = await db.Tags.AsNoTracking().SingleOrDefaultAsync(t => t.NormalizedName == Tag.Normalize(TagUrl.Unescape(name)));
        if (tag is null) return NotFound();
        var works = await db.Works.Where(w => w.Tags.Any(t => t.TagId == tag.Id)).BlurbsAsync(50);
        return View(new TagWorksPage(tag.Name, tag.Type, works));
    }
}
