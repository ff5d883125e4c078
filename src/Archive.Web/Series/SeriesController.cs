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

public sealed class SeriesController(ArchiveDbContext db, StoryText text) : Controller
{
    int? CurrentUserId => User.UserId();

    [HttpGet("/series/{id:int}")]
    public async Task<IActionResult> Show(int id)
    {
        var series = await db.Series.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id);
        if (series is null) return NotFound();
        var ids = await db.SeriesParts.Where(p => p.SeriesId == id && db.Works.Any(w => w.Id == p.WorkId && w.HiddenAt == null))
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
        return View("Edit", (id, new SeriesForm(series.Title, series.SummarySource, series.NotesSource, series.IsComplete)));
    }

    [Authorize]
    [HttpPost("/series/{id:int}/edit")]
    public async Task<IActionResult> Update(int id, string? title, string? summary, string? notes, bool isComplete)
    {
        var series = await db.Series.SingleOrDefaultAsync(s => s.Id == id);
        if (series is null) return NotFound();
        if (series.OwnerUserId != CurrentUserId) return this.Refuse("Only the series' creator can edit it.");
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > 255) ModelState.AddModelError("title", "Please give the series a title of up to 255 characters.");
        ArchiveLimits.CheckLength(ModelState, "summary", "The summary", summary, 1250);
        ArchiveLimits.CheckLength(ModelState, "notes", "The notes", notes, 5000);
        if (!ModelState.IsValid) return View("Edit", (id, new SeriesForm(title, summary, notes, isComplete)));
        series.Title = title!.Trim();
        series.SummarySource = summary ?? "";
        series.SummaryHtml = text.ToHtml(summary, TextFormat.Html);
        series.NotesSource = notes ?? "";
        series.NotesHtml = text.ToHtml(notes, TextFormat.Html);
        series.IsComplete = isComplete;
        await db.SaveChangesAsync();
        TempData["Notice"] = "Series updated.";
        return Redirect($"/series/{id}");
    }
}

/// <summary>Where a work stands in its series, for the box on the work page and the JSON.</summary>
public sealed record SeriesPlace(int SeriesId, string Title, int Position, int? PreviousWorkId, int? NextWorkId);

public static class SeriesQueries
{
    public static Task<List<SeriesPlace>> SeriesOfAsync(this ArchiveDbContext db, int workId) =>
        db.SeriesParts.AsNoTracking().Where(p => p.WorkId == workId)
            .Select(p => new SeriesPlace(p.SeriesId, db.Series.Where(s => s.Id == p.SeriesId).Select(s => s.Title).First(), p.Position,
                db.SeriesParts.Where(o => o.SeriesId == p.SeriesId && o.Position < p.Position && db.Works.Any(w => w.Id == o.WorkId && w.HiddenAt == null))
                    .OrderByDescending(o => o.Position).Select(o => (int?)o.WorkId).FirstOrDefault(),
                db.SeriesParts.Where(o => o.SeriesId == p.SeriesId && o.Position > p.Position && db.Works.Any(w => w.Id == o.WorkId && w.HiddenAt == null))
                    .OrderBy(o => o.Position).Select(o => (int?)o.WorkId).FirstOrDefault()))
            .ToListAsync();
}
