using Archive.Web.Accounts;
using Archive.Web.Database;
using Archive.Web.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Works;

public sealed record LinkToApprove(int Id, int WorkId, string WorkTitle, List<CreatorLink> Creators, List<string> ExternalCreators, Relation Relation,
    int ParentWorkId, string ParentTitle, LinkApproval Approval);

/// <summary>Where creators decide which works that name theirs as the original are listed under "Works inspired by this one".</summary>
[Authorize]
public sealed class RelatedWorksController(ArchiveDbContext db, Caching.PageCacheEvictions evictions) : Controller
{
    [HttpGet("/related-works")]
    public async Task<IActionResult> Index()
    {
        var me = User.UserId()!.Value;
        var links = await ToMyWorks(db, me)
            // An anonymous work asks as "Anonymous".
            .Join(db.Works.Where(w => w.HiddenAt == null), r => r.WorkId, w => w.Id, (r, w) => new { r, w })
            .OrderBy(x => x.r.Approval).ThenByDescending(x => x.r.Id).Take(200)
            .Select(x => new LinkToApprove(x.r.Id, x.w.Id, x.w.Title,
                x.w.Creators.Where(c => c.IsAccepted && !x.w.IsAnonymous).OrderBy(c => c.Position).Select(c => new CreatorLink(c.Pseud.Name, c.Pseud.User.UserName!)).ToList(),
                x.w.IsAnonymous ? new List<string> { "Anonymous" } : x.w.ExternalCreators, x.r.Relation, x.r.ParentWorkId!.Value, db.Works.Where(p => p.Id == x.r.ParentWorkId).Select(p => p.Title).First(), x.r.Approval))
            .ToListAsync();
        return View("RelatedWorks", links);
    }

    [HttpPost("/related-works/{id:int}/approve")]
    public Task<IActionResult> Approve(int id) => Decide(id, LinkApproval.Approved, "is now listed under “Works inspired by this one”.");

    [HttpPost("/related-works/{id:int}/decline")]
    public Task<IActionResult> Decline(int id) => Decide(id, LinkApproval.Declined, "won't be listed on your work.");

    async Task<IActionResult> Decide(int id, LinkApproval approval, string outcome)
    {
        var link = await db.RelatedWorks.SingleOrDefaultAsync(r => r.Id == id && r.ParentWorkId != null);
        if (link is null) return NotFound();
        if (!await db.IsCreatorAsync(link.ParentWorkId!.Value, User.UserId()!.Value))
            return this.Refuse("Only the creators of the original work can approve or decline works related to it.");
        link.Approval = approval;
        await db.SaveChangesAsync();
        await evictions.WorkPagesChangedAsync(link.WorkId, link.ParentWorkId!.Value);
        var title = await db.Works.Where(w => w.Id == link.WorkId).Select(w => w.Title).SingleAsync();
        TempData["Notice"] = $"“{title}” {outcome}";
        return Redirect("/related-works");
    }

    /// <summary>Links whose original is one of this user's works.</summary>
    public static IQueryable<RelatedWork> ToMyWorks(ArchiveDbContext db, int userId) =>
        db.RelatedWorks.AsNoTracking().Where(r => r.ParentWorkId != null
            && db.WorkCreators.Any(c => c.WorkId == r.ParentWorkId && c.IsAccepted && c.Pseud.UserId == userId)
            // An unrevealed work's link is news when it is revealed.
            && db.Works.Any(w => w.Id == r.WorkId && !w.IsUnrevealed));
}
