using Archive.Web.Accounts;
using Archive.Web.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Subscriptions;

public sealed record SubscriptionUpdate(DateTimeOffset At, string Text, string Url);
public sealed record SubscriptionsPage(List<(string Name, string Url, int Id)> Following, List<SubscriptionUpdate> Updates);

/// <summary>Following works, authors and series, and the updates since: worked out from what was posted, not stored twice.</summary>
[Authorize]
public sealed class SubscriptionsController(ArchiveDbContext db) : Controller
{
    int CurrentUserId => User.UserId()!.Value;

    [HttpPost("/subscriptions")]
    public async Task<IActionResult> Subscribe(SubscriptionKind kind, int targetId, string? back)
    {
        var exists = kind switch
        {
            SubscriptionKind.Work => await db.Works.AnyAsync(w => w.Id == targetId && w.HiddenAt == null && !w.IsUnrevealed),
            SubscriptionKind.Author => await db.Users.AnyAsync(u => u.Id == targetId),
            _ => await db.Series.AnyAsync(s => s.Id == targetId),
        };
        if (!exists) return NotFound();
        var added = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO subscriptions (user_id, kind, target_id, created_at) VALUES ({CurrentUserId}, {(int)kind}, {targetId}, {DateTimeOffset.UtcNow})
            ON CONFLICT (user_id, kind, target_id) DO NOTHING
            """);
        TempData["Notice"] = added == 1 ? "Subscribed: updates will appear on your subscriptions page." : "You are already subscribed.";
        return LocalRedirect(back is { Length: > 0 } && Url.IsLocalUrl(back) ? back : "/subscriptions");
    }

    [HttpPost("/subscriptions/{id:int}/delete")]
    public async Task<IActionResult> Unsubscribe(int id, string? back)
    {
        var removed = await db.Subscriptions.Where(s => s.Id == id && s.UserId == CurrentUserId).ExecuteDeleteAsync();
        if (removed == 0) return NotFound();
        TempData["Notice"] = "Unsubscribed.";
        return LocalRedirect(back is { Length: > 0 } && Url.IsLocalUrl(back) ? back : "/subscriptions");
    }

    [HttpGet("/subscriptions")]
    public async Task<IActionResult> Index()
    {
        var (following, updates) = await SubscriptionUpdates.ForUserAsync(db, CurrentUserId, since: null);
        return View("Index", new SubscriptionsPage(following, updates));
    }
}

public static class SubscriptionUpdates
{
    /// <summary>
    /// What a reader follows, and what was posted there after they subscribed (and after <paramref name="since"/>, for digests),
    /// newest first: new chapters of works, new works by authors, new parts of series.
    /// </summary>
    /// <remarks>A handful of queries whatever the number of subscriptions: one for the names, one per kind of update.</remarks>
    public static async Task<(List<(string Name, string Url, int Id)> Following, List<SubscriptionUpdate> Updates)> ForUserAsync(ArchiveDbContext db, int userId, DateTimeOffset? since)
    {
        const int Most = 100;
        var subs = db.Subscriptions.AsNoTracking().Where(s => s.UserId == userId);
        var named = await subs.OrderBy(s => s.Id).Select(s => new
        {
            s.Id, s.Kind, s.TargetId,
            Name = s.Kind == SubscriptionKind.Work ? db.Works.Where(w => w.Id == s.TargetId).Select(w => w.IsUnrevealed ? "Mystery work" : w.Title).FirstOrDefault()
                : s.Kind == SubscriptionKind.Author ? db.Users.Where(u => u.Id == s.TargetId).Select(u => u.UserName).FirstOrDefault()
                : db.Series.Where(x => x.Id == s.TargetId).Select(x => x.Title).FirstOrDefault(),
        }).ToListAsync();
        var following = named.Where(s => s.Name is not null).Select(s => s.Kind switch
        {
            SubscriptionKind.Work => ($"Work: {s.Name}", $"/works/{s.TargetId}", s.Id),
            SubscriptionKind.Author => ($"Author: {s.Name}", $"/users/{s.Name}", s.Id),
            _ => ($"Series: {s.Name}", $"/series/{s.TargetId}", s.Id),
        }).ToList();

        // Only what was posted after subscribing, and after the last digest when there was one.
        var chapters = await (
            from s in subs where s.Kind == SubscriptionKind.Work
            join c in db.Chapters on s.TargetId equals c.WorkId
            join w in db.Works on c.WorkId equals w.Id
            where c.CreatedAt > s.CreatedAt && (since == null || c.CreatedAt > since) && !w.IsUnrevealed
            orderby c.CreatedAt descending
            select new { c.CreatedAt, c.Position, w.Id, w.Title }).Take(Most).ToListAsync();
        var works = await (
            from s in subs where s.Kind == SubscriptionKind.Author
            join u in db.Users on s.TargetId equals u.Id
            from w in db.Works
            // A work revealed by its collection is news when it is revealed.
            let shownAt = w.RevealedAt ?? w.CreatedAt
            where w.HiddenAt == null && !w.IsUnrevealed && !w.IsAnonymous && shownAt > s.CreatedAt && (since == null || shownAt > since)
                && w.Creators.Any(c => c.IsAccepted && c.Pseud.UserId == s.TargetId)
            orderby shownAt descending
            select new { CreatedAt = shownAt, w.Id, w.Title, u.UserName }).Take(Most).ToListAsync();
        var parts = await (
            from s in subs where s.Kind == SubscriptionKind.Series
            join x in db.Series on s.TargetId equals x.Id
            join p in db.SeriesParts on x.Id equals p.SeriesId
            join w in db.Works on p.WorkId equals w.Id
            let shownAt = w.RevealedAt ?? w.CreatedAt
            where w.HiddenAt == null && !w.IsUnrevealed && !w.IsAnonymous && shownAt > s.CreatedAt && (since == null || shownAt > since)
            orderby shownAt descending
            select new { CreatedAt = shownAt, w.Id, w.Title, p.Position, Series = x.Title }).Take(Most).ToListAsync();

        var updates = chapters.Select(c => new SubscriptionUpdate(c.CreatedAt, $"Chapter {c.Position} of {c.Title}", $"/works/{c.Id}/chapters/{c.Position}"))
            .Concat(works.Select(w => new SubscriptionUpdate(w.CreatedAt, $"New work by {w.UserName}: {w.Title}", $"/works/{w.Id}")))
            .Concat(parts.Select(p => new SubscriptionUpdate(p.CreatedAt, $"Part {p.Position} of {p.Series}: {p.Title}", $"/works/{p.Id}")))
            .OrderByDescending(u => u.At).Take(Most).ToList();
        return (following, updates);
    }
}
