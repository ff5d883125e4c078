using Archive.Web.Accounts;
using Archive.Web.Database;
using Archive.Web.Errors;
using Archive.Web.Text;
using Archive.Web.Works;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Archive.Web.Chapters;

/// <summary>Adding, editing, reordering and deleting a work's chapters; only the work's creators may.</summary>
[Authorize]
[Route("/works/{workId:int}/chapters")]
public sealed class ChaptersController(ArchiveDbContext db, StoryText text, IOptions<ArchiveLimits> limits, Caching.PageCacheEvictions evictions, ChapterPosting posting, Drafts.DraftPosting drafts) : Controller
{
    int CurrentUserId => User.UserId()!.Value;

    [HttpGet("new")]
    public async Task<IActionResult> New(int workId)
    {
        if (await GuardAsync(workId) is { } refused) return refused;
        var format = await db.Chapters.Where(c => c.WorkId == workId).OrderByDescending(c => c.Position).Select(c => c.TextFormat).FirstAsync();
        return View("Form", await PageAsync(workId, null, new ChapterForm { TextFormat = format, PublishedOn = DateOnly.FromDateTime(DateTime.UtcNow) }));
    }

    [Hosting.RequestSize(Hosting.RequestSize.Posting)]
    [HttpPost("new")]
    public async Task<IActionResult> Create(int workId, ChapterForm form, string? preview)
    {
        if (await GuardAsync(workId) is { } refused) return refused;
        form.Validate(ModelState, limits.Value);
        var postAt = Drafts.PostLater.Parse(form.PostAt, form.TimeZone, ModelState, nameof(form.PostAt), nameof(form.TimeZone));
        if (!ModelState.IsValid || preview is not null) return View("Form", await PageAsync(workId, null, form, preview is not null));
        if (postAt is { } at)
        {
            var scheduled = await drafts.SaveAsync(null, CurrentUserId, workId, form, form.Title, at, form.TimeZone, Request.Host.Value ?? "");
            TempData["Notice"] = $"The chapter will be posted at {Drafts.PostLater.Show(at, scheduled.TimeZone)}. Until then it is a draft only you can see.";
            return Redirect("/drafts");
        }
        var position = await posting.AddAsync(workId, form);
        TempData["Notice"] = "Chapter was successfully posted.";
        return Redirect($"/works/{workId}/chapters/{position}");
    }

    [HttpGet("{position:int}/edit")]
    public async Task<IActionResult> Edit(int workId, int position)
    {
        if (await GuardAsync(workId) is { } refused) return refused;
        var chapter = await db.Chapters.AsNoTracking().SingleOrDefaultAsync(c => c.WorkId == workId && c.Position == position);
        if (chapter is null) return NotFound();
        var form = new ChapterForm
        {
            Title = chapter.Title, Summary = chapter.SummarySource, Notes = chapter.NotesSource, EndNotes = chapter.EndNotesSource,
            Body = chapter.BodySource, TextFormat = chapter.TextFormat, PublishedOn = chapter.PublishedOn,
        };
        return View("Form", await PageAsync(workId, position, form));
    }

    [Hosting.RequestSize(Hosting.RequestSize.Posting)]
    [HttpPost("{position:int}/edit")]
    public async Task<IActionResult> Update(int workId, int position, ChapterForm form, string? preview)
    {
        if (await GuardAsync(workId) is { } refused) return refused;
        var chapter = await db.Chapters.SingleOrDefaultAsync(c => c.WorkId == workId && c.Position == position);
        if (chapter is null) return NotFound();
        form.Validate(ModelState, limits.Value);
        if (!ModelState.IsValid || preview is not null) return View("Form", await PageAsync(workId, position, form, preview is not null));

        form.ApplyTo(chapter, text);
        if (form.PublishedOn is { } published) chapter.PublishedOn = published;
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        await db.RecountAsync(workId);
        await transaction.CommitAsync();
        await evictions.WorkChangedAsync(db, workId);
        TempData["Notice"] = "Chapter was successfully updated.";
        return Redirect($"/works/{workId}/chapters/{position}");
    }

    [HttpGet("{position:int}/delete")]
    public async Task<IActionResult> ConfirmDelete(int workId, int position)
    {
        if (await GuardAsync(workId) is { } refused) return refused;
        var header = await db.HeaderAsync(workId);
        if (header!.Chapters.All(c => c.Position != position)) return NotFound();
        return View("Delete", (header, position));
    }

    [HttpPost("{position:int}/delete")]
    public async Task<IActionResult> Delete(int workId, int position)
    {
        if (await GuardAsync(workId) is { } refused) return refused;
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM works WHERE id = {workId} FOR UPDATE");
        var order = await db.Chapters.Where(c => c.WorkId == workId).OrderBy(c => c.Position).Select(c => new { c.Id, c.Position }).ToListAsync();
        var doomed = order.SingleOrDefault(c => c.Position == position);
        if (doomed is null) return NotFound();
        if (order.Count == 1)
        {
            TempData["Notice"] = "A work needs at least one chapter. To remove the only chapter, delete the whole work.";
            return Redirect($"/works/{workId}");
        }
        await db.Chapters.Where(c => c.Id == doomed.Id).ExecuteDeleteAsync();
        await db.RenumberChaptersAsync(workId, order.Where(c => c.Id != doomed.Id).Select(c => c.Id).ToList());
        await db.RecountAsync(workId);
        await transaction.CommitAsync();
        await evictions.WorkChangedAsync(db, workId);
        TempData["Notice"] = $"Chapter {position} was deleted.";
        return Redirect($"/works/{workId}");
    }

    [HttpGet("manage")]
    public async Task<IActionResult> Manage(int workId)
    {
        if (await GuardAsync(workId) is { } refused) return refused;
        var header = await db.HeaderAsync(workId);
        return View("Manage", new ChapterOrderPage(workId, header!.Title, header.Chapters));
    }

    /// <summary>Each chapter's new number comes from its box; ties keep the old order.</summary>
    [HttpPost("manage")]
    public async Task<IActionResult> Reorder(int workId, Dictionary<int, string> positions)
    {
        if (await GuardAsync(workId) is { } refused) return refused;
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM works WHERE id = {workId} FOR UPDATE");
        var chapters = await db.Chapters.Where(c => c.WorkId == workId).OrderBy(c => c.Position).Select(c => new { c.Id, c.Position }).ToListAsync();
        var bad = chapters.Where(c => !positions.TryGetValue(c.Position, out var v) || !int.TryParse(v, out _)).Select(c => c.Position).ToList();
        if (bad.Count > 0)
        {
            ModelState.AddModelError("positions", $"Please give every chapter a number (chapter {string.Join(", ", bad)} had none).");
            var header = await db.HeaderAsync(workId);
            return View("Manage", new ChapterOrderPage(workId, header!.Title, header.Chapters));
        }
        var order = chapters.OrderBy(c => int.Parse(positions[c.Position])).ThenBy(c => c.Position).Select(c => c.Id).ToList();
        await db.RenumberChaptersAsync(workId, order);
        await db.RecountAsync(workId);
        await transaction.CommitAsync();
        await evictions.WorkChangedAsync(db, workId);
        TempData["Notice"] = "Chapter order was saved.";
        return Redirect($"/works/{workId}");
    }

    /// <summary>404 for an unknown work, 403 for anyone but its creators.</summary>
    /// <summary>"Save as draft" on the new chapter form: kept as typed, seen only by its author, posted when they choose.</summary>
    [Hosting.RequestSize(Hosting.RequestSize.Posting)]
    [HttpPost("draft")]
    public async Task<IActionResult> SaveDraft(int workId, ChapterForm form)
    {
        if (await GuardAsync(workId) is { } refused) return refused;
        drafts.CheckForDraft(form, ModelState);
        if (!ModelState.IsValid) return View("Form", await PageAsync(workId, null, form));
        var draft = await drafts.SaveAsync(null, CurrentUserId, workId, form, form.Title, null, form.TimeZone, Request.Host.Value ?? "");
        TempData["Notice"] = "Your chapter draft was saved. Only you can see it; it stays until you post or delete it.";
        return Redirect($"/drafts/{draft.Id}");
    }

    async Task<IActionResult?> GuardAsync(int workId)
    {
        if (!await db.Works.AnyAsync(w => w.Id == workId)) return NotFound();
        return await db.IsCreatorAsync(workId, CurrentUserId) ? null : this.Refuse(ErrorResults.NotACreator);
    }

    Task<ChapterFormPage> PageAsync(int workId, int? position, ChapterForm form, bool preview = false) =>
        ChapterFormPage.BuildAsync(db, text, CurrentUserId, workId, position, form, preview && ModelState.IsValid);
}
