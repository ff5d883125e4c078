using Archive.Web.Database;
using Archive.Web.Errors;
using Archive.Web.Tags;
using Archive.Web.Works;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Downloads;

/// <summary>
/// Works to take away: EPUB and one self-contained HTML file, and PDF, MOBI and AZW3 made from the EPUB when calibre is
/// installed. Each is made on first request and kept until the work changes.
/// </summary>
public sealed class DownloadsController(ArchiveDbContext db, Comments.Commenting commenting, DownloadCache cache, WorkBooks books, Calibre calibre, Hosting.AddressLimits limits, ILogger<DownloadsController> logger) : Controller
{
    [HttpGet("/downloads/{id:int}/{name}.{extension}")]
    public async Task<IActionResult> Download(int id, string name, string extension)
    {
        var format = DownloadFormat.Find(extension);
        if (format is null || (format.ByCalibre && !calibre.IsAvailable)) return NotFound();
        var work = await db.Works.Where(w => w.Id == id && w.HiddenAt == null && !w.IsUnrevealed).Select(w => new { w.RevisedAt, w.IsRestricted }).SingleOrDefaultAsync();
        if (work is null) return NotFound();
        // For registered users only: a guest is sent to the work's page, which says so and offers to log in.
        if (work.IsRestricted && Accounts.SignedInUser.UserId(User) is null) return Redirect($"/works/{id}");
        DateTimeOffset? revised = work.RevisedAt;
        if (await AdultNoticeAsync(id) is { } notice) return notice;

        byte[] content;
        if (format == DownloadFormat.Html) content = await books.HtmlAsync(id, revised.Value);
        else if (format == DownloadFormat.Epub) content = await books.EpubAsync(id, revised.Value);
        else if (await cache.FindAsync(id, format.Extension, revised.Value) is { } cached) content = cached;
        else
        {
            if (await limits.RefuseAsync(this, Hosting.AddressLimits.Cost.Conversion) is { } slowDown) return slowDown;
            var epub = await books.EpubAsync(id, revised.Value);
            try
            {
                using (await calibre.TakeTurnAsync(HttpContext.RequestAborted))
                {
                    // Readers who asked at the same moment waited for this turn; the first of them made the file.
                    content = await cache.FindAsync(id, format.Extension, revised.Value) ?? await calibre.ConvertAsync(epub, format.Extension);
                }
            }
            catch (CalibreException e)
            {
                logger.LogWarning("Work {Id} as {Format}: {Problem}", id, format.Label, e.Message);
                Response.StatusCode = StatusCodes.Status500InternalServerError;
                return View("~/Errors/Views/Error.cshtml", new ErrorPage(500,
                    $"Sorry, we couldn't make the {format.Label} of this work just now. Please try again later, or download it as EPUB or HTML."));
            }
            await cache.StoreAsync(id, format.Extension, revised.Value, content);
        }
        return File(content, format.ContentType, $"{name}.{format.Extension}");
    }

    /// <summary>A work for adults asks first, as its page does (the same people skip it); the proceed link comes back here with the agreement.</summary>
    async Task<IActionResult?> AdultNoticeAsync(int id)
    {
        var ratings = await db.WorkTags.Where(t => t.WorkId == id && t.Tag.Type == TagType.Rating).Select(t => t.Tag.Name).ToListAsync();
        if (!await AdultContent.MustAskAsync(HttpContext, db, ratings, async () =>
            await commenting.ViewerAsync(id, Accounts.SignedInUser.UserId(User)) is { IsCreator: true } or { IsModerator: true })) return null;
        return View("~/Works/Views/AdultNotice.cshtml", (await db.HeaderAsync(id))!);
    }

    /// <summary>The address of a work's download in a format ("epub", "html", "pdf"…), named after its title.</summary>
    public static string PathFor(int id, string title, string format) => $"/downloads/{id}/{WorkBooks.FileName(title)}.{format}";

    public static string HtmlPath(int id, string title) => PathFor(id, title, DownloadFormat.Html.Extension);
}
