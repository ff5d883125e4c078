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
public sealed class ChaptersController(ArchiveDbContext db, StoryText text, IOptions<ArchiveLimits> limits, Caching.PageCacheEvictions evictions) : Controller
{
    int CurrentUserId => User.UserId()!.Value;

    [HttpGet("new")]
    public async Task<IActionResult> New(int workId)
    {
        if (await GuardAsync(workId) is { } refused) return refused;
        var format = await db.Chapters.Where(c => c.WorkId == workId).OrderByDescending(c => c.Position).Select(c => c.TextFormat).FirstAsync();
        return View("Form", await PageAsync(workId, null, new ChapterForm { TextFormat = format, PublishedOn = DateOnly.FromDateTime(DateTime.UtcNow) }));
    }

    [HttpPost("new")]
    public async Task<IActionResult> Create(int workId, ChapterForm form, string? preview)
    {
        if (await GuardAsync(workId) is { } refused) return refused;
        form.Validate(ModelState, limits.Value);
        if (!ModelState.IsValid || preview is not null) return View("Form", await PageAsync(workId, null, form, preview is not null));

        await using var transaction = await db.Database.BeginTransactionAsync();
        // Lock the work row so two chapters posted at once don't both take the same position.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM works WHERE id = {workId} FOR UPDATE");
        var position = await db.Chapters.Where(c => c.WorkId == workId).MaxAsync(c => c.Position) + 1;
        var now = DateTimeOffset.UtcNow;
        var chapter = new Chapter { WorkId = workId, Position = position, CreatedAt = now, PublishedOn = form.PublishedOn ?? DateOnly.FromDateTime(now.UtcDateTime) };
        form.ApplyTo(chapter, text);
        db.Chapters.Add(chapter);
        await db.SaveChangesAsync();
        await db.RecountAsync(workId);
        await transaction.CommitAsync();
        await evictions.WorkChangedAsync(db, workId);
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
    async Task<IActionResult?> GuardAsync(int workId)
    {
        if (!await db.Works.AnyAsync(w => w.Id == workId)) return NotFound();
        return await db.IsCreatorAsync(workId, CurrentUserId) ? null : this.Refuse(ErrorResults.NotACreator);
    }

    async Task<ChapterFormPage> PageAsync(int workId, int? position, ChapterForm form, bool preview = false)
    {
        var title = await db.Works.Where(w => w.Id == workId).Select(w => w.Title).SingleAsync();
        var shown = preview && ModelState.IsValid ? text.Preview(form.Title, form.Summary, form.Notes, form.Body, form.EndNotes, form.TextFormat) : null;
        return new ChapterFormPage(workId, title, position, form, shown);
    }
}
