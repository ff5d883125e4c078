using Archive.Web.Caching;
using Archive.Web.Database;
using Archive.Web.Tags;
using Archive.Web.Works;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Feeds;

/// <summary>An Atom feed of the newest works in a tag (synonyms included), for feed readers.</summary>
public sealed class TagFeedController(ArchiveDbContext db, WorkListing listing) : Controller
{
    [HttpGet("/tags/{name}/feed.atom")]
    [CachedForGuests]
    [ReadsFromReplica]
    public async Task<IActionResult> Feed(string name)
    {
        var tag = await db.Tags.AsNoTracking().SingleOrDefaultAsync(t => t.NormalizedName == Tag.Normalize(TagUrl.Unescape(name)));
        if (tag is null || tag.Type == TagType.Collection) return NotFound();
        var canonicalId = tag.MergerId ?? tag.Id;
        var canonicalName = tag.MergerId is null ? tag.Name : await db.Tags.Where(t => t.Id == canonicalId).Select(t => t.Name).SingleAsync();
        // Newest posted first: ids follow posting order, and the tag's work index reads them without touching its other works.
        var newest = await listing.NewestOfTagAsync(canonicalId, take: 20);
        var works = await db.BlurbsAsync(newest);
        HttpContext.Shows([CacheTags.Listing(canonicalId), .. newest.Select(CacheTags.Work)]);
        var created = await db.Works.Where(w => newest.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => (w.CreatedAt, w.RevisedAt));

        var site = $"{Request.Scheme}://{Request.Host}";
        using var atom = new AtomWriter();
        atom.StartFeed($"{site}{TagUrl.WorksPath(canonicalName)}", $"{canonicalName} works | Archive", created.Count == 0 ? DateTimeOffset.UtcNow : created.Values.Max(c => c.RevisedAt));
        atom.Link("self", $"{site}/tags/{TagUrl.Escape(canonicalName)}/feed.atom", "application/atom+xml");
        atom.Link("alternate", $"{site}{TagUrl.WorksPath(canonicalName)}", "text/html");
        foreach (var work in works) atom.WorkEntry(site, work, created[work.Id].CreatedAt, created[work.Id].RevisedAt, []);
        return Content(atom.Finish(), "application/atom+xml; charset=utf-8");
    }
}
