using Archive.Web.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Accounts;

public sealed record Preferences(bool ViewAdultContent);

/// <summary>A reader's own settings for how the archive shows works to them.</summary>
[Authorize]
public sealed class PreferencesController(ArchiveDbContext db) : Controller
{
    [HttpGet("/preferences")]
    public async Task<IActionResult> Edit()
    {
        var me = User.UserId()!.Value;
        return View("Preferences", await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => new Preferences(u.ViewAdultContent)).SingleAsync());
    }

    [HttpPost("/preferences")]
    public async Task<IActionResult> Update(bool viewAdultContent)
    {
        var me = User.UserId()!.Value;
        await db.Users.Where(u => u.Id == me).ExecuteUpdateAsync(u => u.SetProperty(x => x.ViewAdultContent, viewAdultContent));
        TempData["Notice"] = "Your preferences were saved.";
        return Redirect("/preferences");
    }
}
