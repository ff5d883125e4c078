using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Archive.Web.Database;

/// <summary>Applies pending migrations before the app takes requests.</summary>
/// EF logs each migration it applies (category Microsoft.EntityFrameworkCore.Migrations).
public sealed class DatabaseMigrator(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await MigrateAsync(scope.ServiceProvider.GetRequiredService<ArchiveDbContext>(), cancellationToken);
    }

    /// <summary>
    /// Applies pending migrations and says how many, while holding a lock no other instance migrating this database can:
    /// EF's own lock is released as each migration commits, so instances started together each applied the next one and
    /// all but one crashed. Those that waited find nothing left to apply. Creating the history table first spares a new
    /// database EF's logged error about the missing table.
    /// </summary>
    public static async Task<int> MigrateAsync(ArchiveDbContext db, CancellationToken cancellationToken = default)
    {
        // A migration that rewrites a million works' rows takes minutes, not the 30 s a page's query may.
        db.Database.SetCommandTimeout(0);
        await using var migrating = await AdvisoryLock.TakeAsync(db.Database.GetConnectionString()!, AdvisoryLock.Migrating, cancellationToken);
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        var before = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count();
        await db.Database.MigrateAsync(cancellationToken);
        return (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count() - before;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
