using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Archive.Web.Database;
using Archive.Web.Tags;
using Archive.Web.Works;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Downloads;

/// <summary>Works to take away. HTML is one self-contained file; it is made on first request and kept until the work changes.</summary>
public sealed partial class DownloadsController(ArchiveDbContext db) : Controller
{
    [HttpGet("/downloads/{id:int}/{name}.html")]
    public async Task<IActionResult> Html(int id, string name)
    {
        var revised = await db.Works.Where(w => w.Id == id && w.HiddenAt == null).Select(w => (DateTimeOffset?)w.RevisedAt).SingleOrDefaultAsync();
        if (revised is null) return NotFound();
        var cached = await db.Set<Download>().AsNoTracking().SingleOrDefaultAsync(d => d.WorkId == id && d.Format == "html");
        if (cached is null || cached.WorkRevisedAt != revised)
        {
            var content = Encoding.UTF8.GetBytes(await RenderHtmlAsync(id));
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO downloads (work_id, format, work_revised_at, content, created_at) VALUES ({id}, 'html', {revised.Value}, {content}, {DateTimeOffset.UtcNow})
                ON CONFLICT (work_id, format) DO UPDATE SET work_revised_at = excluded.work_revised_at, content = excluded.content, created_at = excluded.created_at
                """);
            cached = new Download { WorkId = id, Format = "html", WorkRevisedAt = revised.Value, Content = content };
        }
        return File(cached.Content, "text/html; charset=utf-8", $"{name}.html");
    }

    /// <summary>The address of a work's HTML download, named after its title.</summary>
    public static string HtmlPath(int id, string title)
    {
        var slug = Slug().Replace(title, "_").Trim('_');
        return $"/downloads/{id}/{(slug.Length == 0 ? "work" : slug[..Math.Min(slug.Length, 60)])}.html";
    }

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
            <p>by {E(string.Join(", ", work.Creators.Select(c => c.Display).Concat(work.ExternalCreators)))}</p><dl>
            """);
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
