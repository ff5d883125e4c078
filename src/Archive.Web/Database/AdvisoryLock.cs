using Npgsql;

namespace Archive.Web.Database;

/// <summary>
/// A PostgreSQL advisory lock, so that of all the instances and commands sharing a database only one does a job at a
/// time (migrating, sending digests). It is held by a session of its own, unpooled, so it goes when it is disposed or
/// its process dies: a killed instance's job is free for the next to take. (A pooled connection would carry the lock
/// back into the pool, still held.)
/// </summary>
public sealed class AdvisoryLock : IAsyncDisposable
{
    /// <summary>The jobs' keys: any numbers, fixed for the archive, one per job.</summary>
    public const long Migrating = 0x41_72_63_68_69_76_65, SendingDigests = 0x41_72_63_68_69_76_66;

    readonly NpgsqlConnection session;
    AdvisoryLock(NpgsqlConnection session) => this.session = session;

    /// <summary>Waits as long as it takes for the lock.</summary>
    public static async Task<AdvisoryLock> TakeAsync(string connectionString, long key, CancellationToken cancellationToken = default) =>
        (await TakeAsync(connectionString, key, wait: true, cancellationToken))!;

    /// <summary>The lock, or null at once when someone else holds it.</summary>
    public static Task<AdvisoryLock?> TryTakeAsync(string connectionString, long key, CancellationToken cancellationToken = default) =>
        TakeAsync(connectionString, key, wait: false, cancellationToken);

    static async Task<AdvisoryLock?> TakeAsync(string connectionString, long key, bool wait, CancellationToken cancellationToken)
    {
        var session = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await session.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand(wait ? "SELECT pg_advisory_lock($1), true" : "SELECT 0, pg_try_advisory_lock($1)", session)
                { CommandTimeout = 0, Parameters = { new() { Value = key } } };
            await using var reader = await take.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (reader.GetBoolean(1)) return new AdvisoryLock(session);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
        await session.DisposeAsync();
        return null;
    }

    public ValueTask DisposeAsync() => session.DisposeAsync();
}
