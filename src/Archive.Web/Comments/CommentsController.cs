using System.Security.Claims;
using Archive.Web.Database;
using Archive.Web.Errors;
using Archive.Web.Works;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Comments;

/// <summary>Posting, replying to, approving, screening and deleting comments. Every permission is checked here, on the server.</summary>
public sealed class CommentsController(ArchiveDbContext db, Commenting commenting, WorkReading reading) : Controller
{
    int? CurrentUserId => int.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    [HttpPost("/works/{workId:int}/chapters/{position:int}/comments")]
    public async Task<IActionResult> Post(int workId, int position, CommentForm form)
    {
        var chapterId = await db.Chapters.Where(c => c.WorkId == workId && c.Position == position).Select(c => (int?)c.Id).SingleOrDefaultAsync();
        if (chapterId is null) return NotFound();
        var viewer = await commenting.ViewerAsync(workId, CurrentUserId);
        var comment = await commenting.PostAsync(workId, chapterId.Value, form, viewer, ModelState);
        if (comment is null)
        {
            // Back to the chapter with the message and everything typed.
            var page = await reading.PageAsync(workId, position, CurrentUserId, form);
            return View("~/Works/Views/Show.cshtml", page!);
        }
        TempData["Notice"] = comment.IsScreened
            ? "Your comment was posted and is awaiting approval by the work's creators."
            : "Comment posted.";
        return Redirect($"/works/{workId}/chapters/{position}#comment_{comment.Id}");
    }

    /// <summary>A thread too deep to show under the chapter, on its own page.</summary>
    [HttpGet("/comments/{id:int}")]
    public async Task<IActionResult> Thread(int id)
    {
        var comment = await db.Comments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
        if (comment is null) return NotFound();
        var viewer = await commenting.ViewerAsync(comment.WorkId, CurrentUserId);
        var (threads, _) = await commenting.ThreadsAsync(comment.ChapterId, viewer, rootId: id);
        if (threads.Count == 0) return NotFound();
        var position = await db.Chapters.Where(c => c.Id == comment.ChapterId).Select(c => c.Position).SingleAsync();
        var title = await db.Works.Where(w => w.Id == comment.WorkId).Select(w => w.Title).SingleAsync();
        return View("Thread", (comment.WorkId, position, title, threads[0]));
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
        comment.IsDeleted = true;
        comment.BodySource = "";
        comment.BodyHtml = "";
        comment.Subject = "";
        await db.SaveChangesAsync();
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
        await db.SaveChangesAsync();
        TempData["Notice"] = notice;
        return await BackToChapterAsync(comment);
    }

    async Task<IActionResult> BackToChapterAsync(Comment comment)
    {
        var position = await db.Chapters.Where(c => c.Id == comment.ChapterId).Select(c => c.Position).SingleAsync();
        return Redirect($"/works/{comment.WorkId}/chapters/{position}#comments");
    }
}
