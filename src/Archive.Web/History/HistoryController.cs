using Archive.Web.Accounts;
using Archive.Web.Database;
using Archive.Web.Works;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.History;

public sealed record HistoryEntry(WorkBlurb Work, DateTimeOffset LastVisitedAt, int Visits, bool MarkedForLater);
public sealed record HistoryPage(List<HistoryEntry> Entries, bool Remembering, bool LaterOnly);

/// <summary>A reader's own reading history and "mark for later" list; only they see it.</summary>
[Authorize]
public sealed class HistoryController(ArchiveDbContext db, ReadingRecorder readings) : Controller
{
    int CurrentUserId => User.UserId()!.Value;

    [HttpGet("/history")]
    public async Task<IActionResult> Index(bool later = false)
    {
        var me = CurrentUserId;
        await readings.FlushAsync();
        // A work hidden for review or unrevealed since it was read is left out until it is back.
        var rows = await db.Readings.AsNoTracking().Where(r => r.UserId == me && (!later || r.MarkedForLater) && db.Works.Any(w => w.Id == r.WorkId && w.HiddenAt == null && !w.IsUnrevealed))
            .OrderByDescending(r => r.LastVisitedAt).Take(100).ToListAsync();
        var blurbs = (await db.BlurbsAsync(rows.Select(r => r.WorkId).ToList())).ToDictionary(b => b.Id);
        var entries = rows.Where(r => blurbs.ContainsKey(r.WorkId)).Select(r => new HistoryEntry(blurbs[r.WorkId], r.LastVisitedAt, r.Visits, r.MarkedForLater)).ToList();
        return View("Index", new HistoryPage(entries, !await db.HistoryOptOuts.AnyAsync(o => o.UserId == me), later));
    }

    [HttpPost("/works/{id:int}/later")]
    public async Task<IActionResult> MarkForLater(int id, bool later = true)
    {
        if (!await db.Works.AnyAsync(w => w.Id == id && w.HiddenAt == null && !w.IsUnrevealed)) return NotFound();
        var me = CurrentUserId;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO readings (user_id, work_id, last_visited_at, visits, marked_for_later) VALUES ({me}, {id}, {DateTimeOffset.UtcNow}, 0, {later})
            ON CONFLICT (user_id, work_id) DO UPDATE SET marked_for_later = excluded.marked_for_later
            """);
        TempData["Notice"] = later ? "Marked for later." : "No longer marked for later.";
        return Redirect($"/works/{id}");
    }

    /// <summary>Turning history off forgets what was kept, except works marked for later.</summary>
    [HttpPost("/history/settings")]
    public async Task<IActionResult> Settings(bool remember)
    {
        var me = CurrentUserId;
        if (remember) await db.HistoryOptOuts.Where(o => o.UserId == me).ExecuteDeleteAsync();
        else
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO history_opt_outs (user_id) VALUES ({me}) ON CONFLICT DO NOTHING");
            await db.Readings.Where(r => r.UserId == me && !r.MarkedForLater).ExecuteDeleteAsync();
        }
        TempData["Notice"] = remember ? "Your reading history will be kept." : "Your reading history is off and what it held is forgotten.";
        return Redirect("/history");
    }
}
