using Archive.Web.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Accounts;

public sealed record Preferences(bool ViewAdultContent, string TimeZone, Skins.ReadingComfort Reading);

/// <summary>A reader's own settings for how the archive shows works to them.</summary>
[Authorize]
public sealed class PreferencesController(ArchiveDbContext db) : Controller
{
    [HttpGet("/preferences")]
    public async Task<IActionResult> Edit()
    {
        var me = User.UserId()!.Value;
        return View("Preferences", await db.Users.AsNoTracking().Where(u => u.Id == me)
            .Select(u => new Preferences(u.ViewAdultContent, u.TimeZone, new Skins.ReadingComfort(u.SiteSkin, u.TextSize, u.ReadingWidth, u.HideCreatorStyles))).SingleAsync());
    }

    [HttpPost("/preferences")]
    public async Task<IActionResult> Update(bool viewAdultContent, string? timeZone, Skins.SiteSkin skin, int textSize, Skins.ReadingWidth width, bool hideCreatorStyles)
    {
        var me = User.UserId()!.Value;
        var reading = new Skins.ReadingComfort(skin, textSize, width, hideCreatorStyles).Normalized();
        if (timeZone is null || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            ModelState.AddModelError("TimeZone", "Please choose a time zone from the list.");
            return View("Preferences", new Preferences(viewAdultContent, timeZone ?? "UTC", reading));
        }
        await db.Users.Where(u => u.Id == me).ExecuteUpdateAsync(u => u.SetProperty(x => x.ViewAdultContent, viewAdultContent).SetProperty(x => x.TimeZone, zone.Id));
        await Skins.ReadingComfortController.KeepAsync(db, HttpContext, reading);
        TempData["Notice"] = "Your preferences were saved.";
        return Redirect("/preferences");
    }
}
