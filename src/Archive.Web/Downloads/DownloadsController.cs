using System.Net;
using System.Text;
using System.Text.RegularExpressions;
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
public sealed partial class DownloadsController(ArchiveDbContext db, Comments.Commenting commenting, DownloadCache cache, Calibre calibre, IConfiguration configuration, ILogger<DownloadsController> logger) : Controller
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
        if (format == DownloadFormat.Html) content = await cache.GetOrMakeAsync(id, format.Extension, revised.Value, async () => Encoding.UTF8.GetBytes(await RenderHtmlAsync(id)));
        else if (format == DownloadFormat.Epub) content = await EpubAsync(id, revised.Value);
        else if (await cache.FindAsync(id, format.Extension, revised.Value) is { } cached) content = cached;
        else
        {
            var epub = await EpubAsync(id, revised.Value);
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
    public static string PathFor(int id, string title, string format)
    {
        var slug = Slug().Replace(title, "_").Trim('_');
        return $"/downloads/{id}/{(slug.Length == 0 ? "work" : slug[..Math.Min(slug.Length, 60)])}.{format}";
    }

    public static string HtmlPath(int id, string title) => PathFor(id, title, DownloadFormat.Html.Extension);

    Task<byte[]> EpubAsync(int id, DateTimeOffset revised) =>
        cache.GetOrMakeAsync(id, DownloadFormat.Epub.Extension, revised, async () =>
        {
            var work = (await db.HeaderAsync(id))!;
            var chapters = await db.Chapters.AsNoTracking().Where(c => c.WorkId == id).OrderBy(c => c.Position).ToListAsync();
            // The configured address, not the request's Host header: this file is cached and given to every reader.
            var site = (configuration["Archive:SiteUrl"] ?? "http://localhost:5000").TrimEnd('/');
            return EpubBook.Write(work, chapters, revised, $"{site}/works/{id}");
        });

    async Task<string> RenderHtmlAsync(int id)
    {
        var work = (await db.HeaderAsync(id))!;
        var chapters = await db.Chapters.AsNoTracking().Where(c => c.WorkId == id).OrderBy(c => c.Position).ToListAsync();
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{E(work.Title)}</title>
            <style>body{"{"}max-width:40em;margin:2em auto;padding:0 1em;font-family:Georgia,serif;line-height:1.5{"}"}dt{"{"}font-weight:bold{"}"}hr{"{"}width:40%{"}"}</style></head>
            <body><h1>{E(work.Title)}</h1>
            <p>by {E(string.Join(", ", work.Creators.Select(c => c.Display).Concat(work.ExternalCreators)))}</p>
            """);
        if (work.Gifts.Count > 0) html.Append($"<p>For {E(string.Join(", ", work.Gifts.Select(g => g.Display)))}.</p>");
        foreach (var related in work.RelatedWorks) html.Append($"<p>{E(RelatedWork.Sentence(related.Relation, related.Title, related.Author))}</p>");
        html.Append("<dl>");
        foreach (var type in Enum.GetValues<TagType>())
            if (work.TagsOf(type).ToList() is { Count: > 0 } tags)
                html.Append($"<dt>{E(TagTypes.Plural(type))}:</dt><dd>{E(string.Join(", ", tags))}</dd>");
        html.Append($"<dt>Language:</dt><dd>{E(work.Language)}</dd><dt>Published:</dt><dd>{work.PublishedOn:yyyy-MM-dd}</dd>")
            .Append($"<dt>Words:</dt><dd>{work.WordCount:N0}</dd><dt>Chapters:</dt><dd>{work.ChapterCount}/{work.ExpectedChapters?.ToString() ?? "?"}</dd></dl>");
        // Only stored, sanitized HTML goes into the file.
        if (work.SummaryHtml.Length > 0) html.Append($"<h2>Summary</h2><blockquote>{work.SummaryHtml}</blockquote>");
        if (work.NotesHtml.Length > 0) html.Append($"<h2>Notes</h2><blockquote>{work.NotesHtml}</blockquote>");
        foreach (var chapter in chapters)
        {
            html.Append($"<h2>Chapter {chapter.Position}{(chapter.Title is null ? "" : ": " + E(chapter.Title))}</h2>");
            if (chapter.SummaryHtml.Length > 0) html.Append($"<blockquote>{chapter.SummaryHtml}</blockquote>");
            if (chapter.NotesHtml.Length > 0) html.Append($"<blockquote>{chapter.NotesHtml}</blockquote>");
            html.Append(chapter.BodyHtml);
            if (chapter.EndNotesHtml.Length > 0) html.Append($"<blockquote>{chapter.EndNotesHtml}</blockquote>");
        }
        if (work.EndNotesHtml.Length > 0) html.Append($"<h2>End notes</h2><blockquote>{work.EndNotesHtml}</blockquote>");
        html.Append("</body></html>");
        return html.ToString();
    }

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex Slug();
}
