using Archive.Web.Accounts;
using Archive.Web.Database;
using Archive.Web.Errors;
using Archive.Web.Text;
using Archive.Web.Works;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Series;

public sealed record SeriesPage(WorkSeries Series, List<WorkBlurb> Parts, bool IsOwner);
public sealed record SeriesForm(string? Title, string? Summary, string? Notes, bool IsComplete);
/// <summary>A part on the edit page, with its position as typed.</summary>
public sealed record SeriesPartRow(int WorkId, string Title, string Position);
public sealed record SeriesEditPage(int Id, SeriesForm Form, List<SeriesPartRow> Parts);

public sealed class SeriesController(ArchiveDbContext db, StoryText text, Caching.PageCacheEvictions evictions) : Controller
{
    int? CurrentUserId => User.UserId();

    [HttpGet("/series/{id:int}")]
    public async Task<IActionResult> Show(int id)
    {
        var series = await db.Series.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id);
        if (series is null) return NotFound();
        // An anonymous or unrevealed work would give its creator away by the company it keeps: only the series' creator sees it here.
        var isOwner = series.OwnerUserId == CurrentUserId;
        var guest = CurrentUserId is null;
        var ids = await db.SeriesParts.Where(p => p.SeriesId == id && db.Works.Any(w => w.Id == p.WorkId && w.HiddenAt == null && !(guest && w.IsRestricted) && (isOwner || (!w.IsAnonymous && !w.IsUnrevealed))))
            .OrderBy(p => p.Position).Select(p => p.WorkId).ToListAsync();
        return View("Show", new SeriesPage(series, await db.BlurbsAsync(ids), series.OwnerUserId == CurrentUserId));
    }

    [Authorize]
    [HttpGet("/series/{id:int}/edit")]
    public async Task<IActionResult> Edit(int id)
    {
        var series = await db.Series.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id);
        if (series is null) return NotFound();
        if (series.OwnerUserId != CurrentUserId) return this.Refuse("Only the series' creator can edit it.");
        var parts = await PartsAsync(id);
        return View("Edit", new SeriesEditPage(id, new SeriesForm(series.Title, series.SummarySource, series.NotesSource, series.IsComplete),
            parts.Select(p => new SeriesPartRow(p.WorkId, p.Title, p.Position.ToString())).ToList()));
    }

    async Task<List<(int WorkId, string Title, int Position)>> PartsAsync(int seriesId) =>
        (await db.SeriesParts.Where(p => p.SeriesId == seriesId).OrderBy(p => p.Position)
            .Join(db.Works, p => p.WorkId, w => w.Id, (p, w) => new { p.WorkId, w.Title, p.Position }).ToListAsync())
        .Select(x => (x.WorkId, x.Title, x.Position)).ToList();

    [Authorize]
    [HttpPost("/series/{id:int}/edit")]
    public async Task<IActionResult> Update(int id, string? title, string? summary, string? notes, bool isComplete, Dictionary<int, string>? positions)
    {
        var series = await db.Series.SingleOrDefaultAsync(s => s.Id == id);
        if (series is null) return NotFound();
        if (series.OwnerUserId != CurrentUserId) return this.Refuse("Only the series' creator can edit it.");
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > 255) ModelState.AddModelError("title", "Please give the series a title of up to 255 characters.");
        ArchiveLimits.CheckLength(ModelState, "summary", "The summary", summary, 1250);
        ArchiveLimits.CheckLength(ModelState, "notes", "The notes", notes, 5000);
        var parts = await PartsAsync(id);
        positions ??= [];
        var typed = parts.Select(p => new SeriesPartRow(p.WorkId, p.Title, positions.TryGetValue(p.WorkId, out var v) ? v.Trim() : p.Position.ToString())).ToList();
        var numbers = new Dictionary<int, int>();
        foreach (var part in typed)
        {
            if (!int.TryParse(part.Position, out var n) || n < 1) ModelState.AddModelError("positions", $"“{part.Title}” needs a whole number of 1 or more as its part number.");
            else if (numbers.FirstOrDefault(x => x.Value == n) is { Key: > 0 } clash)
                ModelState.AddModelError("positions", $"“{typed.Single(t => t.WorkId == clash.Key).Title}” and “{part.Title}” are both part {n}; each part needs its own number.");
            else numbers[part.WorkId] = n;
        }
        if (!ModelState.IsValid) return View("Edit", new SeriesEditPage(id, new SeriesForm(title, summary, notes, isComplete), typed));
        series.Title = title!.Trim();
        series.SummarySource = summary ?? "";
        series.SummaryHtml = text.ToHtml(summary, TextFormat.Html);
        series.NotesSource = notes ?? "";
        series.NotesHtml = text.ToHtml(notes, TextFormat.Html);
        series.IsComplete = isComplete;
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        // Positions are unique in the database: move every part out of the way first, then to its new number.
        await db.SeriesParts.Where(p => p.SeriesId == id).ExecuteUpdateAsync(p => p.SetProperty(x => x.Position, x => -x.Position));
        foreach (var (workId, position) in numbers)
            await db.SeriesParts.Where(p => p.SeriesId == id && p.WorkId == workId).ExecuteUpdateAsync(p => p.SetProperty(x => x.Position, position));
        await transaction.CommitAsync();
        await evictions.WorkPagesChangedAsync(parts.Select(p => p.WorkId));
        TempData["Notice"] = "Series updated.";
        return Redirect($"/series/{id}");
    }
}

/// <summary>Where a work stands in its series, for the box on the work page and the JSON.</summary>
public sealed record SeriesPlace(int SeriesId, string Title, int Position, int? PreviousWorkId, int? NextWorkId);
