using Archive.Web.Accounts;
using Archive.Web.Comments;
using Archive.Web.Database;
using Archive.Web.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Moderation;

public sealed record QueuedComment(int Id, int WorkId, string WorkTitle, int ChapterPosition, string Author, string Subject, string BodyHtml, DateTimeOffset CreatedAt);
public sealed record QueuedReport(int Id, int WorkId, string WorkTitle, int? CommentId, string Reason, string Reporter, DateTimeOffset CreatedAt);
public sealed record ModerationQueue(List<QueuedComment> Comments, List<QueuedReport> Reports);
/// <summary>Spam comments (<paramref name="Of"/>) and the other live comments from their guests' addresses, waiting for confirmation.</summary>
public sealed record SameGuestComments(List<int> Of, List<QueuedComment> Others, string Reason);

/// <summary>Reports from readers, and the moderators' queue, actions and audit log. Every action is logged.</summary>
public sealed class ModerationController(ArchiveDbContext db, Commenting commenting, Caching.PageCacheEvictions evictions) : Controller
{
    int? CurrentUserId => User.UserId();

    [HttpPost("/works/{id:int}/report")]
    public Task<IActionResult> ReportWork(int id, string? reason) => ReportAsync(id, null, reason);

    [HttpPost("/comments/{id:int}/report")]
    public async Task<IActionResult> ReportComment(int id, string? reason)
    {
        var workId = await db.Comments.Where(c => c.Id == id && !c.IsDeleted).Select(c => (int?)c.WorkId).SingleOrDefaultAsync();
        return workId is null ? NotFound() : await ReportAsync(workId.Value, id, reason);
    }

    async Task<IActionResult> ReportAsync(int workId, int? commentId, string? reason)
    {
        if (!await db.Works.AnyAsync(w => w.Id == workId && w.HiddenAt == null)) return NotFound();
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 2000)
            TempData["Notice"] = "Please say what is wrong (up to 2,000 characters); your report was not sent.";
        else
        {
            db.Reports.Add(new Report { WorkId = workId, CommentId = commentId, ReporterUserId = CurrentUserId, Reason = reason.Trim(), CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            TempData["Notice"] = "Thank you: your report is with the moderators.";
        }
        return Redirect($"/works/{workId}");
    }

    [Authorize]
    [HttpGet("/moderation")]
    public async Task<IActionResult> Queue()
    {
        if (!await commenting.IsModeratorAsync(CurrentUserId)) return Refused();
        var comments = await db.Comments.AsNoTracking().Where(c => c.IsScreened && !c.IsDeleted).OrderByDescending(c => c.Id).Take(100)
            .Select(c => new QueuedComment(c.Id, c.WorkId, db.Works.Where(w => w.Id == c.WorkId).Select(w => w.Title).First(),
                db.Chapters.Where(ch => ch.Id == c.ChapterId).Select(ch => ch.Position).First(),
                c.PseudId == null ? (c.GuestName ?? "Anonymous") + " (guest)" : db.Pseuds.Where(p => p.Id == c.PseudId).Select(p => p.Name).First(),
                c.Subject, c.BodyHtml, c.CreatedAt)).ToListAsync();
        var reports = await db.Reports.AsNoTracking().Where(r => r.ResolvedAt == null).OrderByDescending(r => r.Id).Take(100)
            .Select(r => new QueuedReport(r.Id, r.WorkId, db.Works.Where(w => w.Id == r.WorkId).Select(w => w.Title).First(), r.CommentId, r.Reason,
                r.ReporterUserId == null ? "a guest" : db.Users.Where(u => u.Id == r.ReporterUserId).Select(u => u.UserName!).First(), r.CreatedAt)).ToListAsync();
        return View("Queue", new ModerationQueue(comments, reports));
    }

    /// <summary>
    /// Approve, reject or mark as spam every ticked comment, and only those: guests share addresses (a proxy, a library's
    /// network), so a guest's other comments go only when the moderator has seen them listed and confirmed (<see cref="SameGuest"/>).
    /// </summary>
    [Authorize]
    [HttpPost("/moderation/comments")]
    public async Task<IActionResult> Comments(List<int> ids, string? action, string? reason)
    {
        if (!await commenting.IsModeratorAsync(CurrentUserId)) return Refused();
        if (ids.Count == 0 || action is not ("approve" or "reject" or "spam" or "spam-and-list"))
        {
            TempData["Notice"] = "Tick at least one comment and choose approve, reject or spam.";
            return Redirect("/moderation");
        }
        var listOthers = action == "spam-and-list";
        if (listOthers) action = "spam";
        var comments = await db.Comments.Where(c => ids.Contains(c.Id) && !c.IsDeleted).ToListAsync();
        foreach (var comment in comments)
        {
            switch (action)
            {
                case "approve": comment.IsScreened = false; break;
                case "reject": comment.IsDeleted = true; break;
                case "spam": comment.IsSpam = comment.IsDeleted = true; break;
            }
            Log($"{action} comment", $"comment {comment.Id} on work {comment.WorkId}", reason);
        }
        await db.SaveChangesAsync();
        await evictions.WorkPagesChangedAsync(comments.Select(c => c.WorkId).Distinct());
        TempData["Notice"] = $"{Counted(comments.Count)} {action switch { "approve" => "approved", "reject" => "rejected", _ => "marked as spam" }}.";
        if (!listOthers || comments.Count == 0) return Redirect("/moderation");
        return Redirect($"/moderation/same-guest?{string.Join("&", comments.Select(c => $"of={c.Id}"))}&reason={Uri.EscapeDataString(reason ?? "")}");
    }

    static string Counted(int count) => $"{count:N0} comment{(count == 1 ? "" : "s")}";

    /// <summary>
    /// The other comments from the addresses of these spam comments, for the moderator to confirm one by one. Nothing is
    /// removed here: an address can be many people's.
    /// </summary>
    [Authorize]
    [HttpGet("/moderation/same-guest")]
    public async Task<IActionResult> SameGuest(List<int> of, string? reason)
    {
        if (!await commenting.IsModeratorAsync(CurrentUserId)) return Refused();
        var others = await SameGuestQuery(of).OrderByDescending(c => c.Id).Take(SameGuestListed)
            .Select(c => new QueuedComment(c.Id, c.WorkId, db.Works.Where(w => w.Id == c.WorkId).Select(w => w.Title).First(),
                db.Chapters.Where(ch => ch.Id == c.ChapterId).Select(ch => ch.Position).First(),
                (c.GuestName ?? "Anonymous") + " (guest)", c.Subject, c.BodyHtml, c.CreatedAt)).ToListAsync();
        return View("SameGuest", new SameGuestComments(of, others, reason ?? ""));
    }

    /// <summary>Marks the confirmed comments as spam, each only if it is still from the address of one of the spam comments listed with it.</summary>
    [Authorize]
    [HttpPost("/moderation/same-guest")]
    public async Task<IActionResult> SameGuestSpam(List<int> of, List<int> ids, string? reason)
    {
        if (!await commenting.IsModeratorAsync(CurrentUserId)) return Refused();
        if (ids.Count == 0)
        {
            TempData["Notice"] = "No other comments were ticked; nothing more was marked as spam.";
            return Redirect("/moderation");
        }
        var comments = await SameGuestQuery(of).Where(c => ids.Contains(c.Id)).AsTracking().ToListAsync();
        var spamByAddress = (await db.Comments.AsNoTracking().Where(c => of.Contains(c.Id) && c.IsSpam).Select(c => new { c.Id, c.GuestAddressHash }).ToListAsync())
            .GroupBy(c => c.GuestAddressHash!).ToDictionary(g => g.Key, g => g.Min(c => c.Id));
        foreach (var comment in comments)
        {
            comment.IsSpam = comment.IsDeleted = true;
            Log("spam comment", $"comment {comment.Id} on work {comment.WorkId}, from the address of spam comment {spamByAddress[comment.GuestAddressHash!]}", reason);
        }
        await db.SaveChangesAsync();
        await evictions.WorkPagesChangedAsync(comments.Select(c => c.WorkId).Distinct());
        TempData["Notice"] = $"{Counted(comments.Count)} from the same address marked as spam.";
        return Redirect("/moderation");
    }

    /// <summary>How many of a guest's other comments the confirmation page lists at once (newest first); confirming shows the rest.</summary>
    const int SameGuestListed = 200;

    /// <summary>Live comments from the address of any of these comments marked as spam, leaving those out.</summary>
    IQueryable<Comment> SameGuestQuery(List<int> spamIds) => db.Comments.AsNoTracking().Where(c => !c.IsDeleted && !spamIds.Contains(c.Id)
        && c.GuestAddressHash != null && db.Comments.Any(s => spamIds.Contains(s.Id) && s.IsSpam && s.GuestAddressHash == c.GuestAddressHash));

    [Authorize]
    [HttpPost("/moderation/reports/{id:int}/resolve")]
    public async Task<IActionResult> Resolve(int id, string? reason)
    {
        if (!await commenting.IsModeratorAsync(CurrentUserId)) return Refused();
        var report = await db.Reports.SingleOrDefaultAsync(r => r.Id == id && r.ResolvedAt == null);
        if (report is null) return NotFound();
        report.ResolvedAt = DateTimeOffset.UtcNow;
        report.ResolvedByUserId = CurrentUserId;
        Log("resolve report", $"report {id} on work {report.WorkId}", reason);
        await db.SaveChangesAsync();
        TempData["Notice"] = "Report resolved.";
        return Redirect("/moderation");
    }

    [Authorize]
    [HttpPost("/moderation/works/{id:int}/hide")]
    public async Task<IActionResult> Hide(int id, string? reason)
    {
        if (!await commenting.IsModeratorAsync(CurrentUserId)) return Refused();
        var work = await db.Works.SingleOrDefaultAsync(w => w.Id == id);
        if (work is null) return NotFound();
        if (string.IsNullOrWhiteSpace(reason))
        {
            TempData["Notice"] = "Give a reason for hiding the work; its creators will see it.";
            return Redirect($"/works/{id}");
        }
        work.HiddenAt = DateTimeOffset.UtcNow;
        work.HiddenReason = reason.Trim();
        Log("hide work", $"work {id} “{work.Title}”", reason);
        await db.SaveChangesAsync();
        await evictions.WorkChangedAsync(db, id);
        TempData["Notice"] = "The work is hidden pending review.";
        return Redirect($"/works/{id}");
    }

    [Authorize]
    [HttpPost("/moderation/works/{id:int}/unhide")]
    public async Task<IActionResult> Unhide(int id, string? reason)
    {
        if (!await commenting.IsModeratorAsync(CurrentUserId)) return Refused();
        var work = await db.Works.SingleOrDefaultAsync(w => w.Id == id);
        if (work is null) return NotFound();
        work.HiddenAt = null;
        work.HiddenReason = null;
        Log("unhide work", $"work {id} “{work.Title}”", reason);
        await db.SaveChangesAsync();
        await evictions.WorkChangedAsync(db, id);
        TempData["Notice"] = "The work is visible again.";
        return Redirect($"/works/{id}");
    }

    [Authorize]
    [HttpGet("/moderation/log")]
    public async Task<IActionResult> AuditLog()
    {
        if (!await commenting.IsModeratorAsync(CurrentUserId)) return Refused();
        var entries = await db.ModerationLog.AsNoTracking().OrderByDescending(a => a.Id).Take(200)
            .Select(a => new { a.CreatedAt, Moderator = db.Users.Where(u => u.Id == a.ModeratorUserId).Select(u => u.UserName!).First(), a.Action, a.Target, a.Reason })
            .ToListAsync();
        return View("Log", entries.Select(e => (e.CreatedAt, e.Moderator, e.Action, e.Target, e.Reason)).ToList());
    }

    void Log(string action, string target, string? reason) =>
        db.ModerationLog.Add(new ModerationAction { ModeratorUserId = CurrentUserId!.Value, Action = action, Target = target, Reason = reason?.Trim() ?? "", CreatedAt = DateTimeOffset.UtcNow });

    ViewResult Refused() => this.Refuse("Only moderators can do that.");
}
