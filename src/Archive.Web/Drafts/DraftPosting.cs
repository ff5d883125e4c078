using System.Text.Json;
using Archive.Web.Chapters;
using Archive.Web.Database;
using Archive.Web.Works;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Archive.Web.Drafts;

/// <summary>Saves posting forms as drafts, and posts drafts through the same checks and steps as the forms.</summary>
public sealed class DraftPosting(ArchiveDbContext db, WorkPosting works, ChapterPosting chapters, IOptions<ArchiveLimits> limitOptions)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    readonly ArchiveLimits limits = limitOptions.Value;

    public static WorkForm WorkFormOf(Draft draft) => JsonSerializer.Deserialize<WorkForm>(draft.Form, Json) ?? new();
    public static ChapterForm ChapterFormOf(Draft draft) => JsonSerializer.Deserialize<ChapterForm>(draft.Form, Json) ?? new();

    /// <summary>A draft keeps whatever was typed, within the archive's limits: nothing else is required until it is posted.</summary>
    public void CheckForDraft(WorkForm form, ModelStateDictionary errors)
    {
        ArchiveLimits.CheckLength(errors, nameof(form.Title), "The title", form.Title, limits.TitleMaxLength);
        ArchiveLimits.CheckLength(errors, nameof(form.Summary), "The summary", form.Summary, limits.SummaryMaxLength);
        ArchiveLimits.CheckLength(errors, nameof(form.Notes), "The notes", form.Notes, limits.NotesMaxLength);
        ArchiveLimits.CheckLength(errors, nameof(form.EndNotes), "The end notes", form.EndNotes, limits.NotesMaxLength);
        ArchiveLimits.CheckLength(errors, nameof(form.SkinCss), "The work skin", form.SkinCss, limits.WorkSkinMaxLength);
        ArchiveLimits.CheckLength(errors, nameof(form.ChapterTitle), "The chapter title", form.ChapterTitle, limits.ChapterTitleMaxLength);
        ArchiveLimits.CheckLength(errors, nameof(form.Body), "The chapter text", form.Body, limits.ChapterBodyMaxLength);
        foreach (var (_, field, typed) in form.TypedTags())
            ArchiveLimits.CheckLength(errors, field, "The tags", typed, limits.NotesMaxLength);
    }

    public void CheckForDraft(ChapterForm form, ModelStateDictionary errors) => form.CheckLengths(errors, limits);

    /// <summary>Saves the form over the draft (or as a new one). A publication date of today is left out, so it posts dated the day it posts.</summary>
    public async Task<Draft> SaveAsync(Draft? draft, int userId, int? workId, object form, string? title, DateTimeOffset? postAt, string? timeZone, string host)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        switch (form)
        {
            case WorkForm w when w.PublishedOn == today: w.PublishedOn = null; break;
            case ChapterForm c when c.PublishedOn == today: c.PublishedOn = null; break;
        }
        var now = DateTimeOffset.UtcNow;
        if (draft is null)
        {
            draft = new Draft { UserId = userId, WorkId = workId, CreatedAt = now };
            db.Drafts.Add(draft);
        }
        draft.Form = JsonSerializer.Serialize(form, form.GetType(), Json);
        draft.Title = string.IsNullOrWhiteSpace(title) ? "" : title.Trim()[..Math.Min(title.Trim().Length, 255)];
        draft.UpdatedAt = now;
        draft.PostAt = postAt;
        draft.TimeZone = PostLater.Zone(timeZone).Id;
        draft.Problem = null;
        draft.Host = host.Length > 255 ? host[..255] : host;
        await db.SaveChangesAsync();
        return draft;
    }

    public sealed record Posted(int WorkId, int? ChapterPosition)
    {
        public string Url => ChapterPosition is { } position ? $"/works/{WorkId}/chapters/{position}" : $"/works/{WorkId}";
    }

    /// <summary>Checks the draft as its posting form would; the reasons it can't be posted go into <paramref name="errors"/>.</summary>
    public async Task<Works.CheckedWork?> CheckAsync(Draft draft, ModelStateDictionary errors)
    {
        if (draft.WorkId is { } workId)
        {
            if (!await db.IsCreatorAsync(workId, draft.UserId))
                errors.AddModelError("", "You are no longer a creator of this work, so the chapter can't be added to it.");
            ChapterFormOf(draft).Validate(errors, limits);
            return null;
        }
        return await works.ValidateAsync(WorkFormOf(draft), draft.UserId, isNew: true, chapterCount: 1, errors, host: draft.Host);
    }

    /// <summary>Checks the draft as its posting form would, and posts it; null, with the reasons in <paramref name="errors"/>, when it can't.</summary>
    /// <exception cref="DraftGoneException">It was posted (or deleted) by another request first.</exception>
    public async Task<Posted?> PostAsync(Draft draft, ModelStateDictionary errors)
    {
        var checkedWork = await CheckAsync(draft, errors);
        if (!errors.IsValid) return null;
        if (draft.WorkId is { } workId) return new Posted(workId, await chapters.AddAsync(workId, ChapterFormOf(draft), draft.Id));
        var work = await works.CreateAsync(WorkFormOf(draft), draft.UserId, checkedWork!, draft.Id);
        return new Posted(work.Id, null);
    }

    public static string Problems(ModelStateDictionary errors) =>
        string.Join(" ", errors.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct());
}
