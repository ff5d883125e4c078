using Archive.Web.Text;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Archive.Web.Chapters;

public sealed class ChapterForm
{
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? Notes { get; set; }
    public string? EndNotes { get; set; }
    public string? Body { get; set; }
    public TextFormat TextFormat { get; set; } = TextFormat.Html;
    public DateOnly? PublishedOn { get; set; }

    public void Validate(ModelStateDictionary errors, ArchiveLimits limits)
    {
        ArchiveLimits.CheckLength(errors, nameof(Title), "The chapter title", Title, limits.ChapterTitleMaxLength);
        ArchiveLimits.CheckLength(errors, nameof(Summary), "The summary", Summary, limits.SummaryMaxLength);
        ArchiveLimits.CheckLength(errors, nameof(Notes), "The notes", Notes, limits.NotesMaxLength);
        ArchiveLimits.CheckLength(errors, nameof(EndNotes), "The end notes", EndNotes, limits.NotesMaxLength);
        if (string.IsNullOrWhiteSpace(Body)) errors.AddModelError(nameof(Body), "Please write the chapter's text.");
        else ArchiveLimits.CheckLength(errors, nameof(Body), "The chapter text", Body, limits.ChapterBodyMaxLength);
        if (PublishedOn is { } published && published > DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)))
            errors.AddModelError(nameof(PublishedOn), "The publication date can't be in the future.");
    }

    public void ApplyTo(Chapter chapter, StoryText text) =>
        ChapterText.Apply(chapter, text, Title, Summary, Notes, EndNotes, Body, TextFormat);
}

public sealed record ChapterFormPage(int WorkId, string WorkTitle, int? Position, ChapterForm Form, TextPreview? Preview);
public sealed record ChapterOrderPage(int WorkId, string WorkTitle, List<Works.ChapterLink> Chapters);
