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
        await AdoptPreReleaseDatabaseAsync(db, cancellationToken);
        var before = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count();
        await db.Database.MigrateAsync(cancellationToken);
        return (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count() - before;
    }

    /// <summary>The last of the migrations made before the first release, which the baseline replaced.</summary>
    public const string LastPreReleaseMigration = "20261128180323_JoinReversedRelationshipSpellings";

    /// <summary>
    /// The first release squashed the 40 migrations made before it into one baseline with the same schema. A database they
    /// built (a developer's, or a test archive's) is at the baseline: its history says so from now on. One stopped part-way
    /// through them can't be brought forward by this version.
    /// </summary>
    static async Task AdoptPreReleaseDatabaseAsync(ArchiveDbContext db, CancellationToken cancellationToken)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var baseline = db.Database.GetMigrations().First();
        if (applied.Count == 0 || applied.Contains(baseline)) return;
        if (!applied.Contains(LastPreReleaseMigration))
            throw new PreReleaseDatabaseException(
                $"This database was made by a development version of the archive before its first release and stopped part-way through its migrations (its last is {applied.Max()}). " +
                $"Bring it up to date with that development version first (git checkout 1472a3d, then `dotnet run --project src/Archive.Web -- migrate`), then start this version.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM ef_migrations_history", cancellationToken);
        await db.Database.ExecuteSqlAsync($"INSERT INTO ef_migrations_history (migration_id, product_version) VALUES ({baseline}, {ProductInfo.GetVersion()})", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A database this version can't migrate; the message says what to do.</summary>
public sealed class PreReleaseDatabaseException(string message) : Exception(message);
