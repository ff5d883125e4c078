using Archive.Web.Text;

namespace Archive.Web.Chapters;

public static class ChapterText
{
    /// <summary>Stores the author's source, its sanitized HTML, the policy version and the word count.</summary>
    public static void Apply(Chapter chapter, StoryText text, string? title, string? summary, string? notes, string? endNotes, string? body, TextFormat format)
    {
        chapter.Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim();
        chapter.SummarySource = summary ?? "";
        chapter.SummaryHtml = text.ToHtml(summary, format);
        chapter.NotesSource = notes ?? "";
        chapter.NotesHtml = text.ToHtml(notes, format);
        chapter.EndNotesSource = endNotes ?? "";
        chapter.EndNotesHtml = text.ToHtml(endNotes, format);
        chapter.BodySource = body ?? "";
        chapter.BodyHtml = text.ToHtml(body, format);
        chapter.TextFormat = format;
        chapter.SanitizerVersion = ArchiveHtmlPolicy.Version;
        chapter.WordCount = StoryText.CountWords(chapter.BodyHtml);
        chapter.RevisedAt = DateTimeOffset.UtcNow;
    }
}
