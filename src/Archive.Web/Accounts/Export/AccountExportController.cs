using Archive.Web.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Accounts.Export;

/// <summary>What the settings page says of a user's export.</summary>
public sealed record ExportState(int Id, ExportStatus Status, DateTimeOffset RequestedAt, DateTimeOffset? ReadyAt, long Size)
{
    public bool IsUnderWay => Status is ExportStatus.Pending or ExportStatus.Building;

    /// <summary>"2.4 MB"; a small export still shows a size.</summary>
    public string Megabytes => $"{Math.Max(0.1, Size / 1048576.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} MB";

    public static Task<ExportState?> OfAsync(ArchiveDbContext db, int userId) =>
        db.AccountExports.AsNoTracking().Where(e => e.UserId == userId)
            .Select(e => new ExportState(e.Id, e.Status, e.RequestedAt, e.ReadyAt, e.Size)).SingleOrDefaultAsync();
}

/// <summary>"Export my account" on the settings page, and the download of the ZIP once <see cref="AccountExports"/> has built it.</summary>
[Authorize]
public sealed class AccountExportController(ArchiveDbContext db, ExportNudge nudge) : Controller
{
    [HttpPost("/settings/export")]
    public async Task<IActionResult> Ask()
    {
        var me = User.UserId()!.Value;
        int asked;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            // The newest replaces the old; one still being prepared stays, and two requests at once make one (the unique user id).
            await db.AccountExports.Where(e => e.UserId == me && (e.Status == ExportStatus.Ready || e.Status == ExportStatus.Failed)).ExecuteDeleteAsync();
            asked = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO account_exports (user_id, requested_at, status, size) VALUES ({me}, {DateTimeOffset.UtcNow}, {(int)ExportStatus.Pending}, 0)
                ON CONFLICT (user_id) DO NOTHING
                """);
            await transaction.CommitAsync();
        }
        if (asked > 0) nudge.Nudge();
        TempData["Notice"] = asked > 0
            ? "We are preparing your export, and will email you when it is ready."
            : "Your export is already being prepared; we will email you when it is ready.";
        return Redirect("/settings");
    }

    /// <summary>Only its owner may have it; to anyone else it does not exist.</summary>
    [HttpGet("/settings/export/{id:int}")]
    public async Task<IActionResult> Download(int id)
    {
        var me = User.UserId()!.Value;
        var export = await db.AccountExports.AsNoTracking().Where(e => e.Id == id && e.UserId == me && e.Status == ExportStatus.Ready)
            .Select(e => new { e.Content, e.ReadyAt }).SingleOrDefaultAsync();
        if (export?.Content is null) return NotFound();
        var userName = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.UserName).SingleAsync();
        return File(export.Content, "application/zip", $"archive-export-{userName}-{export.ReadyAt!.Value:yyyy-MM-dd}.zip");
    }
}
