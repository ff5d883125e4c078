using Archive.Web.Accounts;
using Archive.Web.Database;
using Archive.Web.Errors;
using Archive.Web.Works;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Comments;

/// <summary>Posting, replying to, approving, screening and deleting comments. Every permission is checked here, on the server.</summary>
// A comment is at most 10,000 characters; its forms never need more.
[Hosting.RequestSize(Hosting.RequestSize.Comment)]
public sealed class CommentsController(ArchiveDbContext db, Commenting commenting, WorkReading reading, Caching.PageCacheEvictions evictions) : Controller
{
    int? CurrentUserId => User.UserId();

    [HttpPost("/works/{workId:int}/chapters/{position:int}/comments")]
    public async Task<IActionResult> Post(int workId, int position, CommentForm form)
    {
        var guest = CurrentUserId is null;
        var chapterId = await db.Chapters.Where(c => c.WorkId == workId && c.Position == position && c.Work.HiddenAt == null && !c.Work.IsUnrevealed && !(guest && c.Work.IsRestricted))
            .Select(c => (int?)c.Id).SingleOrDefaultAsync();
        if (chapterId is null) return NotFound();
        var viewer = await commenting.ViewerAsync(workId, CurrentUserId);
        var comment = await commenting.PostAsync(workId, chapterId.Value, form, viewer, ModelState, Commenting.HashAddress(HttpContext.Connection.RemoteIpAddress));
        if (comment is null)
        {
            // Back to the chapter with the message and everything typed.
            var page = await reading.PageAsync(workId, position, CurrentUserId, form);
            return View("~/Works/Views/Show.cshtml", page!.ForReaderNamed(User.Identity?.Name));
        }
        await evictions.WorkPagesChangedAsync(workId);
        TempData["Notice"] = comment.IsScreened
            ? "Your comment was posted and is awaiting approval by the work's creators."
            : "Comment posted.";
        return Redirect(CommentLink.To(workId, position, comment.Id));
    }

    /// <summary>A thread too deep to show under the chapter, on its own page.</summary>
    [HttpGet("/comments/{id:int}")]
    public async Task<IActionResult> Thread(int id)
    {
        var comment = await db.Comments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
        // A comment on an unrevealed or hidden work is as absent as its work.
        var guest = CurrentUserId is null;
        if (comment is null || !await db.Works.AnyAsync(w => w.Id == comment.WorkId && w.HiddenAt == null && !w.IsUnrevealed && !(guest && w.IsRestricted))) return NotFound();
        var viewer = await commenting.ViewerAsync(comment.WorkId, CurrentUserId);
        var (threads, _) = await commenting.ThreadsAsync(comment.ChapterId, viewer, rootId: id);
        if (threads.Count == 0) return NotFound();
        var position = await db.Chapters.Where(c => c.Id == comment.ChapterId).Select(c => c.Position).SingleAsync();
        var title = await db.Works.Where(w => w.Id == comment.WorkId).Select(w => w.Title).SingleAsync();
        return View("Thread", (comment.WorkId, position, title, threads[0]));
    }

    [HttpGet("/comments/{id:int}/edit")]
    public async Task<IActionResult> Edit(int id)
    {
        var comment = await db.Comments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && !c.IsDeleted);
        if (comment is null) return NotFound();
        if (CurrentUserId is not { } me || comment.UserId != me) return this.Refuse("Only the comment's writer can edit it.");
        return View("Edit", (comment.Id, new CommentForm { Subject = comment.Subject, Body = comment.BodySource, TextFormat = comment.TextFormat }));
    }

    [HttpPost("/comments/{id:int}/edit")]
    public async Task<IActionResult> Update(int id, CommentForm form)
    {
        var comment = await db.Comments.SingleOrDefaultAsync(c => c.Id == id && !c.IsDeleted);
        if (comment is null) return NotFound();
        if (CurrentUserId is not { } me || comment.UserId != me) return this.Refuse("Only the comment's writer can edit it.");
        if (!await commenting.EditAsync(comment, form, ModelState)) return View("Edit", (comment.Id, form));
        await evictions.WorkPagesChangedAsync(comment.WorkId);
        TempData["Notice"] = "Comment updated.";
        return await BackToChapterAsync(comment);
    }

    /// <summary>A creator's comments on their works, newest first, marked read or unread.</summary>
    [HttpGet("/inbox")]
    public async Task<IActionResult> Inbox()
    {
        if (CurrentUserId is not { } me) return Challenge();
        var items = await db.Comments.AsNoTracking()
            .Where(c => !c.IsDeleted && c.UserId != me && db.WorkCreators.Any(wc => wc.WorkId == c.WorkId && wc.IsAccepted && wc.Pseud.UserId == me))
            .OrderByDescending(c => c.Id).Take(100)
            .Select(c => new InboxItem(c.Id, c.WorkId, db.Works.Where(w => w.Id == c.WorkId).Select(w => w.Title).First(),
                db.Chapters.Where(ch => ch.Id == c.ChapterId).Select(ch => ch.Position).First(),
                c.PseudId == null ? (c.GuestName ?? "Anonymous") + " (guest)" : db.Pseuds.Where(p => p.Id == c.PseudId).Select(p => p.Name).First(),
                c.Subject, c.BodyHtml, c.IsScreened, c.CreatedAt, db.Set<CommentRead>().Any(r => r.UserId == me && r.CommentId == c.Id)))
            .ToListAsync();
        ViewData["NewGifts"] = await Gifts.GiftsController.NewCountAsync(db, me);
        ViewData["Assignments"] = await db.Assignments.CountAsync(a => a.SentAt != null && a.FulfilledAt == null && a.DefaultedAt == null
            && (a.PinchHitterUserId == me || (a.PinchHitterUserId == null && db.SignUps.Any(s => s.Id == a.WriterSignUpId && s.UserId == me))));
        ViewData["CollectionInvitations"] = await db.CollectionItems.CountAsync(i => i.CreatorApproval == Collections.Approval.Unreviewed
            && db.WorkCreators.Any(c => c.WorkId == i.WorkId && c.IsAccepted && c.Pseud.UserId == me));
        ViewData["PendingRelated"] = await Works.RelatedWorksController.ToMyWorks(db, me).CountAsync(r => r.Approval == Works.LinkApproval.Pending);
        return View("Inbox", items);
    }

    [HttpPost("/inbox/{id:int}/read")]
    public async Task<IActionResult> MarkRead(int id, bool read = true)
    {
        if (CurrentUserId is not { } me) return Challenge();
        var comment = await db.Comments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
        if (comment is null) return NotFound();
        if (!await db.IsCreatorAsync(comment.WorkId, me)) return this.Refuse("Only the work's creators have this comment in their inbox.");
        if (read) await db.Database.ExecuteSqlAsync($"INSERT INTO comment_reads (user_id, comment_id) VALUES ({me}, {id}) ON CONFLICT DO NOTHING");
        else await db.Set<CommentRead>().Where(r => r.UserId == me && r.CommentId == id).ExecuteDeleteAsync();
        return Redirect("/inbox");
    }

    [HttpPost("/comments/{id:int}/approve")]
    public Task<IActionResult> Approve(int id) => ModerateAsync(id, c => c.IsScreened = false, "Comment approved.");

    [HttpPost("/comments/{id:int}/screen")]
    public Task<IActionResult> Screen(int id) => ModerateAsync(id, c => c.IsScreened = true, "Comment screened: only you, moderators and its writer can see it now.");

    /// <summary>Writers delete their own comments; creators and moderators any on the work. Replies keep the thread.</summary>
    [HttpPost("/comments/{id:int}/delete")]
    public async Task<IActionResult> Delete(int id)
    {
        var comment = await db.Comments.SingleOrDefaultAsync(c => c.Id == id);
        if (comment is null) return NotFound();
        var viewer = await commenting.ViewerAsync(comment.WorkId, CurrentUserId);
        var own = viewer.UserId is { } me && comment.UserId == me;
        if (!own && !viewer.CanModerate) return this.Refuse("Only the comment's writer, the work's creators and moderators can delete it.");
        LogIfModerating(viewer, "delete comment", comment);
        comment.IsDeleted = true;
        comment.BodySource = "";
        comment.BodyHtml = "";
        comment.Subject = "";
        await db.SaveChangesAsync();
        await evictions.WorkPagesChangedAsync(comment.WorkId);
        TempData["Notice"] = "Comment deleted.";
        return await BackToChapterAsync(comment);
    }

    async Task<IActionResult> ModerateAsync(int id, Action<Comment> change, string notice)
    {
        var comment = await db.Comments.SingleOrDefaultAsync(c => c.Id == id && !c.IsDeleted);
        if (comment is null) return NotFound();
        var viewer = await commenting.ViewerAsync(comment.WorkId, CurrentUserId);
        if (!viewer.CanModerate) return this.Refuse("Only the work's creators and moderators can approve or screen comments.");
        change(comment);
        LogIfModerating(viewer, comment.IsScreened ? "screen comment" : "approve comment", comment);
        await db.SaveChangesAsync();
        await evictions.WorkPagesChangedAsync(comment.WorkId);
        TempData["Notice"] = notice;
        return await BackToChapterAsync(comment);
    }

    /// <summary>A moderator acting on someone else's work goes in the audit log; creators tending their own works don't.</summary>
    void LogIfModerating(CommentViewer viewer, string action, Comment comment)
    {
        if (viewer.IsModerator && !viewer.IsCreator)
            db.ModerationLog.Add(new Moderation.ModerationAction
            {
                ModeratorUserId = viewer.UserId!.Value, Action = action, Target = $"comment {comment.Id} on work {comment.WorkId}", CreatedAt = DateTimeOffset.UtcNow,
            });
    }

    async Task<IActionResult> BackToChapterAsync(Comment comment)
    {
        // Actions taken from the inbox return there.
        if (Request.HasFormContentType && Request.Form["back"] == "inbox") return Redirect("/inbox");
        var position = await db.Chapters.Where(c => c.Id == comment.ChapterId).Select(c => c.Position).SingleAsync();
        return Redirect(CommentLink.To(comment.WorkId, position, comment.Id));
    }
}
