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
            SubscriptionKind.Work => await db.Works.AnyAsync(w => w.Id == targetId && w.HiddenAt == null),
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
    public async Task<IActionResult> Unsubscribe(int id)
    {
        var removed = await db.Subscriptions.Where(s => s.Id == id && s.UserId == CurrentUserId).ExecuteDeleteAsync();
        if (removed == 0) return NotFound();
        TempData["Notice"] = "Unsubscribed.";
        return Redirect("/subscriptions");
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
    public static async Task<(List<(string Name, string Url, int Id)> Following, List<SubscriptionUpdate> Updates)> ForUserAsync(ArchiveDbContext db, int userId, DateTimeOffset? since)
    {
        var subs = await db.Subscriptions.AsNoTracking().Where(s => s.UserId == userId).ToListAsync();
        var following = new List<(string, string, int)>();
        var updates = new List<SubscriptionUpdate>();
        foreach (var sub in subs)
        {
            var after = since is { } s && s > sub.CreatedAt ? s : sub.CreatedAt;
            switch (sub.Kind)
            {
                case SubscriptionKind.Work:
                    var title = await db.Works.Where(w => w.Id == sub.TargetId).Select(w => w.Title).SingleOrDefaultAsync();
                    if (title is null) continue;
                    following.Add(($"Work: {title}", $"/works/{sub.TargetId}", sub.Id));
                    updates.AddRange((await db.Chapters.Where(c => c.WorkId == sub.TargetId && c.CreatedAt > after).Select(c => new { c.Position, c.CreatedAt }).ToListAsync())
                        .Select(c => new SubscriptionUpdate(c.CreatedAt, $"Chapter {c.Position} of {title}", $"/works/{sub.TargetId}/chapters/{c.Position}")));
                    break;
                case SubscriptionKind.Author:
                    var name = await db.Users.Where(u => u.Id == sub.TargetId).Select(u => u.UserName).SingleAsync();
                    following.Add(($"Author: {name}", $"/users/{name}", sub.Id));
                    updates.AddRange((await db.Works.Where(w => w.HiddenAt == null && w.CreatedAt > after && w.Creators.Any(c => c.IsAccepted && c.Pseud.UserId == sub.TargetId))
                        .Select(w => new { w.Id, w.Title, w.CreatedAt }).ToListAsync())
                        .Select(w => new SubscriptionUpdate(w.CreatedAt, $"New work by {name}: {w.Title}", $"/works/{w.Id}")));
                    break;
                case SubscriptionKind.Series:
                    var series = await db.Series.Where(x => x.Id == sub.TargetId).Select(x => x.Title).SingleAsync();
                    following.Add(($"Series: {series}", $"/series/{sub.TargetId}", sub.Id));
                    updates.AddRange((await db.SeriesParts.Where(p => p.SeriesId == sub.TargetId)
                        .Join(db.Works, p => p.WorkId, w => w.Id, (p, w) => new { w.Id, w.Title, w.CreatedAt, w.HiddenAt, p.Position })
                        .Where(w => w.HiddenAt == null && w.CreatedAt > after).ToListAsync())
                        .Select(w => new SubscriptionUpdate(w.CreatedAt, $"Part {w.Position} of {series}: {w.Title}", $"/works/{w.Id}")));
                    break;
            }
        }
        return (following, updates.OrderByDescending(u => u.At).Take(100).ToList());
    }
}
