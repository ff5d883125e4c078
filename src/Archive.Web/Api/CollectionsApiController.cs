using Archive.Web.Caching;
using Archive.Web.Collections;
using Archive.Web.Database;
using Archive.Web.Works;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Api;

[ApiController]
public sealed class CollectionsApiController(ArchiveDbContext db) : ControllerBase
{
    /// <summary>A collection: its settings, maintainers, parent and subcollections, and its newest works (as every reader may see them).</summary>
    [HttpGet("/api/collections/{name}")]
    [CachedForGuests]
    [ReadsFromReplica]
    public async Task<IActionResult> Get(string name)
    {
        var collection = await db.FindCollectionAsync(name);
        if (collection is null) return NotFound(new { error = $"There is no collection called “{name}”." });
        var maintainers = await db.CollectionMaintainers.AsNoTracking().Where(m => m.CollectionId == collection.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.UserName, m.Role }).OrderBy(m => m.Role).ThenBy(m => m.UserName).ToListAsync();
        var parent = collection.ParentId is { } parentId ? await db.Collections.Where(c => c.Id == parentId).Select(c => c.Name).SingleAsync() : null;
        var subcollections = await db.Collections.Where(c => c.ParentId == collection.Id).OrderBy(c => c.Name).Select(c => c.Name).ToListAsync();
        var works = await db.Tags.Where(t => t.Id == collection.TagId)
            .Select(t => t.WorksCount + (db.TagCountChanges.Where(d => d.TagId == t.Id).Sum(d => (int?)d.Delta) ?? 0)).SingleAsync();
        var newest = await db.CollectionItems.AsNoTracking()
            .Where(i => (i.CollectionId == collection.Id || i.Collection.ParentId == collection.Id) && i.CreatorApproval == Approval.Approved && i.CollectionApproval == Approval.Approved
                && db.Works.Any(w => w.Id == i.WorkId && w.HiddenAt == null && !w.IsUnrevealed && !w.IsRestricted))
            .OrderByDescending(i => i.Id).Select(i => i.WorkId).Take(40).ToListAsync();
        var blurbs = await db.BlurbsAsync(newest.Distinct().Take(20).ToList());
        HttpContext.Shows([CacheTags.ShowsTag(collection.TagId), CacheTags.Listing(collection.TagId), .. blurbs.Select(b => CacheTags.Work(b.Id))]);
        var site = $"{Request.Scheme}://{Request.Host}";
        return Ok(new
        {
            collection.Name,
            collection.Title,
            Description = collection.DescriptionHtml,
            collection.HeaderImageUrl,
            Url = $"{site}/collections/{collection.Name}",
            Parent = parent,
            Subcollections = subcollections,
            Maintainers = maintainers.Select(m => new { m.UserName, Role = m.Role.ToString().ToLowerInvariant() }),
            Open = collection.IsOpen,
            Moderated = collection.IsModerated,
            Anonymous = collection.IsAnonymous,
            Unrevealed = collection.IsUnrevealed,
            collection.RevealAt,
            Works = works,
            Newest = blurbs.Select(b => new
            {
                b.Id,
                b.Title,
                Creators = b.Creators.Select(c => c.Display).Concat(b.ExternalCreators),
                Url = $"{site}/works/{b.Id}",
                Api = $"{site}/api/works/{b.Id}",
            }),
        });
    }
}
