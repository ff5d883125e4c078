using Archive.Web.Accounts;
using Archive.Web.Chapters;
using Archive.Web.Database;
using Archive.Web.Text;
using Archive.Web.Works;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Drafts;

public sealed record DraftListItem(int Id, string Title, int? WorkId, string? WorkTitle, DateTimeOffset UpdatedAt, DateTimeOffset? PostAt, string TimeZone, string? Problem);
public sealed record DraftPage(Draft Draft, string? WorkTitle, TextPreview Preview, WorkForm? Work);

/// <summary>
/// An author's drafts: listed, previewed, edited, posted, scheduled and deleted. Each is its author's alone: anyone else
/// (another user, a guest) gets "not found", as if it did not exist.
/// </summary>
[Authorize]
public sealed class DraftsController(ArchiveDbContext db, DraftPosting drafts, StoryText text) : Controller
{
    int Me => User.UserId()!.Value;

    Task<Draft?> OwnAsync(int id) => db.Drafts.SingleOrDefaultAsync(d => d.Id == id && d.UserId == Me);

    [HttpGet("/drafts")]
    public async Task<IActionResult> Index() =>
        View("Index", await db.Drafts.AsNoTracking().Where(d => d.UserId == Me).OrderByDescending(d => d.UpdatedAt)
            .Select(d => new DraftListItem(d.Id, d.Title, d.WorkId, db.Works.Where(w => w.Id == d.WorkId).Select(w => w.Title).FirstOrDefault(),
                d.UpdatedAt, d.PostAt, d.TimeZone, d.Problem))
            .ToListAsync());

    [HttpGet("/drafts/{id:int}")]
    public async Task<IActionResult> Show(int id)
    {
        if (await OwnAsync(id) is not { } draft) return NotFound();
        if (draft.WorkId is { } workId)
        {
            var chapter = DraftPosting.ChapterFormOf(draft);
            var workTitle = await db.Works.Where(w => w.Id == workId).Select(w => w.Title).SingleAsync();
            return View("Show", new DraftPage(draft, workTitle, text.Preview(chapter.Title, chapter.Summary, chapter.Notes, chapter.Body ?? "", chapter.EndNotes, chapter.TextFormat), null));
        }
        var work = DraftPosting.WorkFormOf(draft);
        return View("Show", new DraftPage(draft, null, text.Preview(work.Title, work.Summary, work.Notes, work.Body ?? "", work.EndNotes, work.TextFormat), work));
    }

    [HttpGet("/drafts/{id:int}/edit")]
    public async Task<IActionResult> Edit(int id)
    {
        if (await OwnAsync(id) is not { } draft) return NotFound();
        return await FormAsync(draft, FormOf(draft));
    }

    /// <summary>The draft's form: Preview shows it, Save draft keeps it, Post posts it (or schedules it, with "Post at").</summary>
    [Hosting.RequestSize(Hosting.RequestSize.Posting)]
    [HttpPost("/drafts/{id:int}/edit")]
    public async Task<IActionResult> Update(int id, string? preview, string? save)
    {
        if (await OwnAsync(id) is not { } draft) return NotFound();
        var form = FormOf(draft, empty: true);
        await TryUpdateModelAsync(form, form.GetType(), "");
        switch (form)
        {
            case WorkForm w: drafts.CheckForDraft(w, ModelState); break;
            case ChapterForm c: drafts.CheckForDraft(c, ModelState); break;
        }
        if (!ModelState.IsValid) return await FormAsync(draft, form);
        if (preview is not null) return await FormAsync(draft, form, preview: true);

        var (typedAt, zone) = form is WorkForm wf ? (wf.PostAt, wf.TimeZone) : (((ChapterForm)form).PostAt, ((ChapterForm)form).TimeZone);
        if (save is not null)
        {
            await drafts.SaveAsync(draft, Me, draft.WorkId, form, TitleOf(form), null, zone, Request.Host.Value ?? "");
            TempData["Notice"] = "Your draft was saved.";
            return Redirect($"/drafts/{id}");
        }
        // Post: what was typed is kept first, so nothing is lost if it can't be posted yet.
        draft = await drafts.SaveAsync(draft, Me, draft.WorkId, form, TitleOf(form), null, zone, Request.Host.Value ?? "");
        ViewData["DraftSaved"] = true;
        var postAt = PostLater.Parse(typedAt, zone, ModelState, "PostAt", "TimeZone");
        if (postAt is null || !ModelState.IsValid)
            return await PostOrShowAsync(draft, form);
        await drafts.CheckAsync(draft, ModelState);
        if (!ModelState.IsValid) return await FormAsync(draft, form);
        await drafts.SaveAsync(draft, Me, draft.WorkId, form, TitleOf(form), postAt, zone, Request.Host.Value ?? "");
        TempData["Notice"] = $"“{Shown(draft.Title)}” will be posted at {PostLater.Show(postAt.Value, draft.TimeZone)}. Until then it is a draft only you can see.";
        return Redirect("/drafts");
    }

    [HttpPost("/drafts/{id:int}/post")]
    public async Task<IActionResult> Post(int id)
    {
        if (await OwnAsync(id) is not { } draft) return NotFound();
        ViewData["DraftSaved"] = true;
        return await PostOrShowAsync(draft, FormOf(draft));
    }

    /// <summary>Takes a scheduled draft off the schedule: it stays a draft.</summary>
    [HttpPost("/drafts/{id:int}/unschedule")]
    public async Task<IActionResult> Unschedule(int id)
    {
        var changed = await db.Drafts.Where(d => d.Id == id && d.UserId == Me).ExecuteUpdateAsync(s => s.SetProperty(d => d.PostAt, (DateTimeOffset?)null));
        if (changed == 0) return NotFound();
        TempData["Notice"] = "It won't be posted by itself: it is a draft until you post it.";
        return Redirect("/drafts");
    }

    [HttpPost("/drafts/{id:int}/delete")]
    public async Task<IActionResult> Delete(int id)
    {
        if (await db.Drafts.Where(d => d.Id == id && d.UserId == Me).ExecuteDeleteAsync() == 0) return NotFound();
        TempData["Notice"] = "The draft was deleted.";
        return Redirect("/drafts");
    }

    /// <summary>Posts the draft, or (when it can't be posted yet, with what was typed kept) shows its form with the reasons.</summary>
    async Task<IActionResult> PostOrShowAsync(Draft draft, object form)
    {
        if (!ModelState.IsValid) return await FormAsync(draft, form);
        try
        {
            if (await drafts.PostAsync(draft, ModelState) is { } posted)
            {
                TempData["Notice"] = draft.IsChapter ? "Chapter was successfully posted." : "Work was successfully posted.";
                return Redirect(posted.Url);
            }
        }
        catch (DraftGoneException)
        {
            TempData["Notice"] = "That draft has already been posted (or deleted).";
            return Redirect("/drafts");
        }
        return await FormAsync(draft, form);
    }

    async Task<IActionResult> FormAsync(Draft draft, object form, bool preview = false)
    {
        if (form is ChapterForm chapter)
            return View("/Chapters/Views/Form.cshtml", await ChapterFormPage.BuildAsync(db, text, Me, draft.WorkId!.Value, null, chapter, preview, draft.Id));
        var work = (WorkForm)form;
        return View("/Works/Views/Form.cshtml", await WorkFormPage.BuildAsync(db, Me, work, null,
            preview ? text.Preview(work.Title, work.Summary, work.Notes, work.Body ?? "", work.EndNotes, work.TextFormat) : null, draft.Id));
    }

    /// <summary>The draft's form as saved, with its schedule (if any) shown in the author's zone; or an empty one to bind into.</summary>
    static object FormOf(Draft draft, bool empty = false)
    {
        DateTime? at = draft.PostAt is { } postAt ? PostLater.Local(postAt, draft.TimeZone) : null;
        if (draft.IsChapter)
        {
            var chapter = empty ? new ChapterForm() : DraftPosting.ChapterFormOf(draft);
            if (!empty) { chapter.PostAt = at; chapter.TimeZone = draft.TimeZone; }
            return chapter;
        }
        // Bound afresh, a form keeps only what was sent: lists start empty rather than with their defaults.
        var work = empty ? new WorkForm { Related = [] } : DraftPosting.WorkFormOf(draft);
        if (!empty) { work.PostAt = at; work.TimeZone = draft.TimeZone; }
        return work;
    }

    static string? TitleOf(object form) => form is WorkForm w ? w.Title : ((ChapterForm)form).Title;

    public static string Shown(string title) => title.Length > 0 ? title : "Untitled draft";
}
