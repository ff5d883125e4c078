using Archive.Web.Accounts;
using Archive.Web.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Works;

public sealed record OrphanChoice(int WorkId, string Title, bool Chosen);

/// <summary>A creator gives some or all of their works to orphan_account.</summary>
[Authorize]
public sealed class OrphansController(ArchiveDbContext db, Orphaning orphaning) : Controller
{
    [HttpGet("/orphans")]
    public async Task<IActionResult> Index(int? work) => View("Orphans", await ChoicesAsync(work is { } id ? [id] : []));

    Task<List<OrphanChoice>> ChoicesAsync(int[] chosen)
    {
        var me = User.UserId()!.Value;
        return db.Works.AsNoTracking().Where(w => w.ArchivistUserId == me || w.Creators.Any(c => c.IsAccepted && c.Pseud.UserId == me))
            .OrderBy(w => w.Title).Select(w => new OrphanChoice(w.Id, w.Title, chosen.Contains(w.Id))).ToListAsync();
    }

    [HttpPost("/orphans")]
    public async Task<IActionResult> Orphan(int[] works, bool all, bool keepPseudName, bool understood)
    {
        var choices = await ChoicesAsync(works);
        int[] chosen = all ? [.. choices.Select(c => c.WorkId)] : [.. works.Where(id => choices.Any(c => c.WorkId == id))];
        if (chosen.Length == 0) ModelState.AddModelError("works", "Choose the works to orphan, or “All my works”.");
        if (!understood) ModelState.AddModelError("understood", "Please confirm that you understand you can't take orphaned works back.");
        if (!ModelState.IsValid) return View("Orphans", choices);
        var orphaned = await orphaning.OrphanAsync(User.UserId()!.Value, chosen, keepPseudName);
        TempData["Notice"] = $"Orphaned {orphaned} work{(orphaned == 1 ? "" : "s")}: {(keepPseudName ? "they name your pseud under orphan_account" : "they are orphan_account's")} now, and you can no longer change them.";
        return Redirect($"/users/{Uri.EscapeDataString(User.Identity!.Name!)}");
    }
}
