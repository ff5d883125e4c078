using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Archive.Web.Database;
using Archive.Web.Tags;
using Archive.Web.Works;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Downloads;

/// <summary>
/// A work as a file: the EPUB and the one self-contained HTML page, made once per revision and kept (<see cref="DownloadCache"/>).
/// Downloads and account exports both take them from here, so an author's export holds the very files readers get.
/// It does not ask who may see the work: callers decide that.
/// </summary>
public sealed partial class WorkBooks(ArchiveDbContext db, DownloadCache cache, Hosting.SiteAddress site)
{
    public Task<byte[]> EpubAsync(int id, DateTimeOffset revised) =>
        cache.GetOrMakeAsync(id, DownloadFormat.Epub.Extension, revised, async () =>
        {
            var work = (await db.HeaderAsync(id))!;
            var chapters = await db.Chapters.AsNoTracking().Where(c => c.WorkId == id).OrderBy(c => c.Position).ToListAsync();
            // Kept with the address it names, and served only to requests for that address: a forged Host header makes a file for itself alone.
            return EpubBook.Write(work, chapters, revised, $"{site.Current}/works/{id}");
        });

    public Task<byte[]> HtmlAsync(int id, DateTimeOffset revised) =>
        cache.GetOrMakeAsync(id, DownloadFormat.Html.Extension, revised, async () => Encoding.UTF8.GetBytes(await RenderHtmlAsync(id)));

    /// <summary>A file name made from a work's title ("Take_Away"), the same in download links and exports.</summary>
    public static string FileName(string title)
    {
        var slug = Slug().Replace(title, "_").Trim('_');
        return slug.Length == 0 ? "work" : slug[..Math.Min(slug.Length, 60)];
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
