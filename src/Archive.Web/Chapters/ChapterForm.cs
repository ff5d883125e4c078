using Archive.Web.Text;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

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
    /// <summary>"Post at": local time in <see cref="TimeZone"/>, or empty to post now.</summary>
    public DateTime? PostAt { get; set; }
    public string? TimeZone { get; set; }
    /// <summary>
    /// Asked when the work already has all the chapters it expected: how many it expects with this one ("?" when unknown).
    /// Left empty, a work that would otherwise show more chapters than expected expects this many.
    /// </summary>
    public string? ExpectedChapters { get; set; }

    public void Validate(ModelStateDictionary errors, ArchiveLimits limits)
    {
        CheckLengths(errors, limits);
        if (string.IsNullOrWhiteSpace(Body)) errors.AddModelError(nameof(Body), "Please write the chapter's text.");
        if (!Works.WorkPosting.TryParseExpectedChapters(ExpectedChapters, out var expected) || expected > limits.ExpectedChaptersMax)
            errors.AddModelError(nameof(ExpectedChapters), $"Expected chapters must be a whole number up to {limits.ExpectedChaptersMax:N0}, or ? if you don't know yet.");
        if (PublishedOn is { } published && published > DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)))
            errors.AddModelError(nameof(PublishedOn), "The publication date can't be in the future.");
    }

    /// <summary>The archive's limits alone: all a chapter draft must keep to.</summary>
    public void CheckLengths(ModelStateDictionary errors, ArchiveLimits limits)
    {
        ArchiveLimits.CheckLength(errors, nameof(Title), "The chapter title", Title, limits.ChapterTitleMaxLength);
        ArchiveLimits.CheckLength(errors, nameof(Summary), "The summary", Summary, limits.SummaryMaxLength);
        ArchiveLimits.CheckLength(errors, nameof(Notes), "The notes", Notes, limits.NotesMaxLength);
        ArchiveLimits.CheckLength(errors, nameof(EndNotes), "The end notes", EndNotes, limits.NotesMaxLength);
        ArchiveLimits.CheckLength(errors, nameof(Body), "The chapter text", Body, limits.ChapterBodyMaxLength);
    }

    public void ApplyTo(Chapter chapter, StoryText text) =>
        ChapterText.Apply(chapter, text, Title, Summary, Notes, EndNotes, Body, TextFormat);
}

public sealed record ChapterFormPage(int WorkId, string WorkTitle, int? Position, ChapterForm Form, TextPreview? Preview)
{
    /// <summary>The work's chapters and expected chapters: a new chapter on a work that has all it expected asks how many it will have.</summary>
    public int ChapterCount { get; init; }
    public int? ExpectedChapters { get; init; }
    public bool AsksExpected => Position is null && ExpectedChapters is { } expected && ChapterCount >= expected;
    /// <summary>Editing this chapter draft.</summary>
    public int? DraftId { get; init; }
    /// <summary>The author's time zone, for "Post at".</summary>
    public string TimeZone { get; init; } = "UTC";

    public static async Task<ChapterFormPage> BuildAsync(Database.ArchiveDbContext db, StoryText text, int userId, int workId, int? position, ChapterForm form,
        bool preview = false, int? draftId = null)
    {
        var work = await db.Works.Where(w => w.Id == workId).Select(w => new { w.Title, w.ChapterCount, w.ExpectedChapters }).SingleAsync();
        var shown = preview ? text.Preview(form.Title, form.Summary, form.Notes, form.Body, form.EndNotes, form.TextFormat) : null;
        return new ChapterFormPage(workId, work.Title, position, form, shown)
        {
            ChapterCount = work.ChapterCount,
            ExpectedChapters = work.ExpectedChapters,
            DraftId = draftId,
            TimeZone = await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).SingleAsync(),
        };
    }
}
public sealed record ChapterOrderPage(int WorkId, string WorkTitle, List<Works.ChapterLink> Chapters);
