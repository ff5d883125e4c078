using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Accounts.Export;

/// <summary>
/// Wakes this instance's <see cref="AccountExports"/> when someone asks for an export, so it is built in a moment rather than at
/// the next half-minute look. Only a hurry-up: what is to be built is in the database.
/// </summary>
public sealed class ExportNudge
{
    readonly SemaphoreSlim signal = new(0, 1);

    public void Nudge()
    {
        try { signal.Release(); }
        catch (SemaphoreFullException) { } // already nudged
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancel) => signal.WaitAsync(timeout, cancel);
}

/// <summary>
/// Builds the exports users ask for, and removes them after <see cref="KeptFor"/>. Every instance looks every half minute (and
/// at once when nudged); PostgreSQL hands each pending export to one of them, and one left half-built by an instance that
/// stopped is taken over once its claim lapses.
/// </summary>
public sealed class AccountExports(IServiceScopeFactory scopes, ExportNudge nudge, ILogger<AccountExports> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(7);
    /// <summary>A building instance renews its claim at least this often; one older than <see cref="ClaimLapses"/> is of an instance that stopped.</summary>
    static readonly TimeSpan RenewClaim = TimeSpan.FromMinutes(1);
    static readonly TimeSpan ClaimLapses = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RemoveOldAsync(stoppingToken);
                    while (await ClaimAsync(stoppingToken) is { } id) await BuildAsync(id, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database may be away for a moment: what is pending stays pending, and the next look builds it.
                    logger.LogWarning(e, "Could not build the account exports asked for");
                }
                await nudge.WaitAsync(Every, stoppingToken);
            }
        }
        catch (OperationCanceledException) { }
    }

    async Task RemoveOldAsync(CancellationToken cancel)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ArchiveDbContext>();
        var cutoff = DateTimeOffset.UtcNow - KeptFor;
        await db.AccountExports.Where(e => (e.Status == ExportStatus.Ready || e.Status == ExportStatus.Failed) && (e.ReadyAt ?? e.RequestedAt) < cutoff)
            .ExecuteDeleteAsync(cancel);
    }

    /// <summary>The oldest export nobody is building, now this instance's to build; null when there is none.</summary>
    async Task<int?> ClaimAsync(CancellationToken cancel)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ArchiveDbContext>();
        var lapsed = DateTimeOffset.UtcNow - ClaimLapses;
        var claimed = await db.Database.SqlQuery<int>($"""
            UPDATE account_exports SET status = {(int)ExportStatus.Building}, claimed_at = now()
            WHERE id = (SELECT id FROM account_exports
                        WHERE status = {(int)ExportStatus.Pending} OR (status = {(int)ExportStatus.Building} AND claimed_at < {lapsed})
                        ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(cancel);
        return claimed.Count == 0 ? null : claimed[0];
    }

    async Task BuildAsync(int id, CancellationToken cancel)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ArchiveDbContext>();
        var user = await db.AccountExports.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.UserId, e.RequestedAt }).SingleOrDefaultAsync(cancel);
        if (user is null) return; // replaced or its account deleted since
        var renewed = DateTimeOffset.UtcNow;
        async Task StillWorking()
        {
            if (DateTimeOffset.UtcNow - renewed < RenewClaim) return;
            renewed = DateTimeOffset.UtcNow;
            await db.AccountExports.Where(e => e.Id == id && e.Status == ExportStatus.Building).ExecuteUpdateAsync(e => e.SetProperty(x => x.ClaimedAt, renewed), cancel);
        }

        byte[] zip;
        try
        {
            zip = await scope.ServiceProvider.GetRequiredService<AccountExportFile>().BuildAsync(user.UserId, StillWorking, cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Stopping: hand it back, so the next instance to look (this one restarted, or another) builds it at once.
            await db.AccountExports.Where(e => e.Id == id && e.Status == ExportStatus.Building)
                .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, ExportStatus.Pending).SetProperty(x => x.ClaimedAt, (DateTimeOffset?)null), CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not build account export {Id} for user {UserId}", id, user.UserId);
            var problem = $"{e.GetType().Name}: {e.Message}";
            await db.AccountExports.Where(x => x.Id == id && x.Status == ExportStatus.Building)
                .ExecuteUpdateAsync(x => x.SetProperty(p => p.Status, ExportStatus.Failed).SetProperty(p => p.Error, problem[..Math.Min(problem.Length, 2000)])
                    .SetProperty(p => p.ReadyAt, DateTimeOffset.UtcNow), CancellationToken.None);
            return;
        }

        var ready = DateTimeOffset.UtcNow;
        // Only if it is still the one asked for (not replaced, the account not deleted) and still this instance's.
        var stored = await db.AccountExports.Where(e => e.Id == id && e.Status == ExportStatus.Building)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, ExportStatus.Ready).SetProperty(x => x.Content, zip).SetProperty(x => x.Size, zip.LongLength)
                .SetProperty(x => x.ReadyAt, ready).SetProperty(x => x.ClaimedAt, (DateTimeOffset?)null), CancellationToken.None);
        if (stored == 0) return;
        logger.LogInformation("Account export {Id} is ready ({Size} bytes)", id, zip.LongLength);
        await TellAsync(scope.ServiceProvider, user.UserId);
    }

    async Task TellAsync(IServiceProvider services, int userId)
    {
        var db = services.GetRequiredService<ArchiveDbContext>();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.UserName, u.Email }).SingleOrDefaultAsync();
        if (user?.Email is null) return;
        var mail = services.GetRequiredService<Mail.OutgoingMail>();
        try
        {
            await mail.SendAsync(user.Email, "Your archive export is ready", $"Hello {user.UserName},\n\nThe export of your account you asked for is ready. " +
                $"Download it from your settings page within {KeptFor.TotalDays:0} days:\n\n{mail.Site}/settings\n");
        }
        catch (Exception e) when (e is System.Net.Mail.SmtpException or IOException)
        {
            // The export is ready all the same: the settings page offers it.
            logger.LogError(e, "Could not send the export-ready email");
        }
    }
}
