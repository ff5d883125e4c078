using Archive.Web.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Accounts;

/// <summary>Blocking a user from one's works' comments, and muting a user's comments and works from one's own view.</summary>
[Authorize]
public sealed class UserRelationsController(ArchiveDbContext db) : Controller
{
    int CurrentUserId => User.UserId()!.Value;

    [HttpPost("/users/{userName}/block")]
    public Task<IActionResult> Block(string userName) => ChangeAsync(userName, true, true);

    [HttpPost("/users/{userName}/unblock")]
    public Task<IActionResult> Unblock(string userName) => ChangeAsync(userName, true, false);

    [HttpPost("/users/{userName}/mute")]
    public Task<IActionResult> Mute(string userName) => ChangeAsync(userName, false, true);

    [HttpPost("/users/{userName}/unmute")]
    public Task<IActionResult> Unmute(string userName) => ChangeAsync(userName, false, false);

    async Task<IActionResult> ChangeAsync(string userName, bool block, bool on)
    {
        var other = await db.Users.Where(u => u.NormalizedUserName == Pseud.Normalize(userName)).Select(u => new { u.Id, u.UserName }).SingleOrDefaultAsync();
        if (other is null) return NotFound();
        if (other.Id == CurrentUserId)
        {
            TempData["Notice"] = "You can't block or mute yourself.";
            return Redirect($"/users/{other.UserName}");
        }
        var me = CurrentUserId;
        if (block && on) await db.Database.ExecuteSqlAsync($"INSERT INTO user_blocks (blocker_id, blocked_id, created_at) VALUES ({me}, {other.Id}, {DateTimeOffset.UtcNow}) ON CONFLICT DO NOTHING");
        else if (block) await db.UserBlocks.Where(b => b.BlockerId == me && b.BlockedId == other.Id).ExecuteDeleteAsync();
        else if (on) await db.Database.ExecuteSqlAsync($"INSERT INTO user_mutes (muter_id, muted_id, created_at) VALUES ({me}, {other.Id}, {DateTimeOffset.UtcNow}) ON CONFLICT DO NOTHING");
        else await db.UserMutes.Where(m => m.MuterId == me && m.MutedId == other.Id).ExecuteDeleteAsync();
        TempData["Notice"] = (block, on) switch
        {
            (true, true) => $"{other.UserName} can no longer comment on your works.",
            (true, false) => $"{other.UserName} can comment on your works again.",
            (false, true) => $"You won't see {other.UserName}'s works or comments any more.",
            _ => $"You'll see {other.UserName}'s works and comments again.",
        };
        return Redirect($"/users/{other.UserName}");
    }
}
