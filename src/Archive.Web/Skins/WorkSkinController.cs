using Archive.Web.Accounts;
using Archive.Web.Caching;
using Archive.Web.Database;
using Archive.Web.Works;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Skins;

/// <summary>
/// A work's skin, served as a stylesheet at its own address (a strict content security policy allows the site's own
/// stylesheets, never inline styles), linked only from that work's pages.
/// </summary>
public sealed class WorkSkinController(ArchiveDbContext db, WorkReading reading) : Controller
{
    [HttpGet("/works/{id:int}/skin.css")]
    [CachedForGuests]
    public async Task<IActionResult> Show(int id, string? v)
    {
        // Whoever can't see the work can't see its skin (it may hold words in "content").
        var data = await reading.DataAsync(id, WorkPageData.NoChapters);
        var userId = User.UserId();
        if (data?.Header.SkinHash is not { } hash || (data.HiddenReason is not null && !data.IsCreator(userId))
            || data.IsMysteryTo(userId) || (data.Header.Restricted && userId is null))
            return NotFound();
        HttpContext.Shows(CacheTags.Work(id));
        var css = await db.Works.AsNoTracking().Where(w => w.Id == id).Select(w => w.SkinCss).SingleAsync();
        Response.Headers.XContentTypeOptions = "nosniff";
        // Its address names its version, so a browser may keep it; an old address gets the current skin, asked afresh.
        Response.Headers.CacheControl = v == hash ? "private, max-age=31536000, immutable" : "no-cache";
        return Content(css, "text/css; charset=utf-8");
    }
}
