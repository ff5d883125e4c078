using Archive.Web.Accounts;
using Archive.Web.Comments;
using Archive.Web.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Kudos;

public sealed class KudosController(ArchiveDbContext db, KudosCounts counts) : Controller
{
    int? CurrentUserId => User.UserId();

    /// <summary>
    /// Leaves kudos once; the unique indexes make a second try (or a double click) change nothing. The kudos is stored at
    /// once; the work's count and pages follow within a couple of seconds (<see cref="KudosCounts"/>).
    /// </summary>
    [HttpPost("/works/{id:int}/kudos")]
    public async Task<IActionResult> Leave(int id)
    {
        var userId = CurrentUserId;
        var work = await db.Works.Where(w => w.Id == id && w.HiddenAt == null && !w.IsUnrevealed && !(userId == null && w.IsRestricted))
            .Select(w => new { IsCreator = userId != null && (w.ArchivistUserId == userId || w.Creators.Any(c => c.IsAccepted && c.Pseud.UserId == userId)) })
            .SingleOrDefaultAsync();
        if (work is null) return NotFound();
        if (work.IsCreator)
        {
            TempData["Notice"] = "You can't leave kudos on your own work.";
            return Redirect($"/works/{id}");
        }
        var address = userId is null ? Commenting.HashAddress(HttpContext.Connection.RemoteIpAddress) : null;
        var added = userId is not null
            ? await db.Database.ExecuteSqlAsync($"INSERT INTO kudos (work_id, user_id, created_at) VALUES ({id}, {userId}, {DateTimeOffset.UtcNow}) ON CONFLICT (work_id, user_id) WHERE user_id IS NOT NULL DO NOTHING")
            : await db.Database.ExecuteSqlAsync($"INSERT INTO kudos (work_id, guest_address_hash, created_at) VALUES ({id}, {address}, {DateTimeOffset.UtcNow}) ON CONFLICT (work_id, guest_address_hash) WHERE user_id IS NULL DO NOTHING");
        if (added == 1) counts.Given(id);
        TempData["Notice"] = added == 1 ? "Thank you for leaving kudos!" : "You have already left kudos here. :)";
        return Redirect($"/works/{id}#kudos");
    }
}
