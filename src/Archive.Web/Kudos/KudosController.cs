using Archive.Web.Accounts;
using Archive.Web.Comments;
using Archive.Web.Database;
using Archive.Web.Works;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Kudos;

public sealed class KudosController(ArchiveDbContext db, Caching.PageCacheEvictions evictions) : Controller
{
    int? CurrentUserId => User.UserId();

    /// <summary>Leaves kudos once; the unique indexes make a second try (or a double click) change nothing.</summary>
    [HttpPost("/works/{id:int}/kudos")]
    public async Task<IActionResult> Leave(int id)
    {
        if (!await db.Works.AnyAsync(w => w.Id == id && w.HiddenAt == null)) return NotFound();
        var userId = CurrentUserId;
        if (userId is { } me && await db.IsCreatorAsync(id, me))
        {
            TempData["Notice"] = "You can't leave kudos on your own work.";
            return Redirect($"/works/{id}");
        }
        var address = userId is null ? Commenting.HashAddress(HttpContext.Connection.RemoteIpAddress) : null;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var added = userId is not null
            ? await db.Database.ExecuteSqlAsync($"INSERT INTO kudos (work_id, user_id, created_at) VALUES ({id}, {userId}, {DateTimeOffset.UtcNow}) ON CONFLICT (work_id, user_id) WHERE user_id IS NOT NULL DO NOTHING")
            : await db.Database.ExecuteSqlAsync($"INSERT INTO kudos (work_id, guest_address_hash, created_at) VALUES ({id}, {address}, {DateTimeOffset.UtcNow}) ON CONFLICT (work_id, guest_address_hash) WHERE user_id IS NULL DO NOTHING");
        // The work's own count moves only with a new kudos; nothing shared across works is touched.
        if (added == 1) await db.Database.ExecuteSqlAsync($"UPDATE works SET kudos_count = kudos_count + 1 WHERE id = {id}");
        await transaction.CommitAsync();
        if (added == 1) await evictions.CountsChangedAsync(db, [id]);
        TempData["Notice"] = added == 1 ? "Thank you for leaving kudos!" : "You have already left kudos here. :)";
        return Redirect($"/works/{id}#kudos");
    }
}
