using Archive.Web.Accounts;
using Archive.Web.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Skins;

/// <summary>The reader's site skin, text size and width, and creators' styles: for guests in a cookie, for users on their account too.</summary>
public sealed class ReadingComfortController(ArchiveDbContext db) : Controller
{
    [HttpGet("/reading")]
    public IActionResult Edit() => View("Reading", ReadingComfort.From(HttpContext));

    [HttpPost("/reading")]
    public async Task<IActionResult> Update(SiteSkin skin, int textSize, ReadingWidth width, bool hideCreatorStyles)
    {
        await KeepAsync(db, HttpContext, new ReadingComfort(skin, textSize, width, hideCreatorStyles).Normalized());
        TempData["Notice"] = "Your reading choices were saved.";
        return Redirect("/reading");
    }

    /// <summary>A work page's "Text size" and "Width" buttons: one step, then back to the page.</summary>
    [HttpPost("/reading/adjust")]
    public async Task<IActionResult> Adjust(string? change, string? returnUrl)
    {
        var now = ReadingComfort.From(HttpContext);
        var next = change switch
        {
            "smaller" => now.Smaller(),
            "larger" => now.Larger(),
            "narrow" => now with { Width = now.Width == ReadingWidth.Wide ? ReadingWidth.Normal : ReadingWidth.Narrow },
            "wide" => now with { Width = now.Width == ReadingWidth.Narrow ? ReadingWidth.Normal : ReadingWidth.Wide },
            "reset" => now with { TextSize = 0, Width = ReadingWidth.Normal },
            _ => now,
        };
        await KeepAsync(db, HttpContext, next);
        return Redirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    /// <summary>Keeps the choices in the visitor's cookie and, when they are signed in, on their account.</summary>
    public static async Task KeepAsync(ArchiveDbContext db, HttpContext context, ReadingComfort comfort)
    {
        if (context.User.UserId() is { } me)
            await db.Users.Where(u => u.Id == me).ExecuteUpdateAsync(u => u
                .SetProperty(x => x.SiteSkin, comfort.Skin).SetProperty(x => x.TextSize, comfort.TextSize)
                .SetProperty(x => x.ReadingWidth, comfort.Width).SetProperty(x => x.HideCreatorStyles, comfort.HideCreatorStyles));
        comfort.Keep(context);
    }

    /// <summary>
    /// At sign-in the account's choices become this browser's (they may have been made on another); an account that never
    /// chose leaves what the browser chose as a guest.
    /// </summary>
    public static async Task OnSignedInAsync(HttpContext context, System.Security.Claims.ClaimsPrincipal principal)
    {
        if (principal.UserId() is not { } id) return;
        var db = context.RequestServices.GetRequiredService<ArchiveDbContext>();
        var saved = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new ReadingComfort(u.SiteSkin, u.TextSize, u.ReadingWidth, u.HideCreatorStyles)).SingleOrDefaultAsync();
        if (saved?.Normalized() is { } comfort && comfort != ReadingComfort.Default) comfort.Keep(context);
    }
}
