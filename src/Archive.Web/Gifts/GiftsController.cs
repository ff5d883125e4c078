using Archive.Web.Accounts;
using Archive.Web.Database;
using Archive.Web.Errors;
using Archive.Web.Works;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Gifts;

public sealed record GiftEntry(int GiftId, WorkBlurb Work, bool IsNew);
public sealed record GiftsPage(string UserName, bool IsOwn, List<GiftEntry> Gifts);

/// <summary>Works given to a user, and refusing them (only the recipient can).</summary>
public sealed class GiftsController(ArchiveDbContext db, Blocklist.ReaderBlocklist blocklist, Caching.PageCacheEvictions evictions) : Controller
{
    [HttpGet("/users/{userName}/gifts")]
    public async Task<IActionResult> Index(string userName)
    {
        var userId = await db.Users.Where(u => u.NormalizedUserName == Pseud.Normalize(userName)).Select(u => (int?)u.Id).SingleOrDefaultAsync();
        if (userId is null) return NotFound();
        var isOwn = User.UserId() == userId;
        var visible = await blocklist.ApplyAsync(db.Works);
        var gifts = await db.Gifts.AsNoTracking()
            .Where(g => g.Pseud!.UserId == userId && g.RefusedAt == null && visible.Any(w => w.Id == g.WorkId))
            .OrderByDescending(g => g.Id).Take(100).Select(g => new { g.Id, g.WorkId, g.SeenAt }).ToListAsync();
        var blurbs = (await db.BlurbsAsync(gifts.Select(g => g.WorkId).ToList())).ToDictionary(b => b.Id);
        if (isOwn) await db.Gifts.Where(g => g.Pseud!.UserId == userId && g.SeenAt == null).ExecuteUpdateAsync(g => g.SetProperty(x => x.SeenAt, DateTimeOffset.UtcNow));
        var canonical = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName!).SingleAsync();
        return View("Index", new GiftsPage(canonical, isOwn,
            gifts.Where(g => blurbs.ContainsKey(g.WorkId)).Select(g => new GiftEntry(g.Id, blurbs[g.WorkId], isOwn && g.SeenAt == null)).ToList()));
    }

    [Authorize]
    [HttpPost("/gifts/{id:int}/refuse")]
    public async Task<IActionResult> Refuse(int id)
    {
        var gift = await db.Gifts.Include(g => g.Pseud).ThenInclude(p => p!.User).SingleOrDefaultAsync(g => g.Id == id);
        if (gift is null) return NotFound();
        if (gift.Pseud?.UserId != User.UserId()) return this.Refuse("Only the person a gift is for can refuse it.");
        gift.RefusedAt ??= DateTimeOffset.UtcNow;
        await db.SaveChangesAsync();
        // Downloads made before named them; they are made again on the next request.
        await db.Downloads.Where(d => d.WorkId == gift.WorkId).ExecuteDeleteAsync();
        await evictions.WorkPagesChangedAsync(gift.WorkId);
        TempData["Notice"] = "You have refused the gift; the work no longer names you.";
        return Redirect($"/users/{Uri.EscapeDataString(gift.Pseud!.User.UserName!)}/gifts");
    }

    /// <summary>How many gifts this user hasn't looked at yet, for their inbox.</summary>
    public static Task<int> NewCountAsync(ArchiveDbContext db, int userId) =>
        // A gift in an unrevealed collection is news when it is revealed, not before.
        db.Gifts.CountAsync(g => g.Pseud!.UserId == userId && g.SeenAt == null && g.RefusedAt == null && db.Works.Any(w => w.Id == g.WorkId && !w.IsUnrevealed));
}
