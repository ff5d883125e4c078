using System.Collections.Concurrent;
using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Kudos;

/// <summary>
/// Keeps works' kudos counts without making kudos wait on each other: a kudos is its own row at once (so "you already left
/// kudos" is always right), and every couple of seconds the works that got kudos are recounted from their rows in one
/// statement and their pages evicted once. A popular work under a rush of kudos is rebuilt at most once per round,
/// and no kudos waits on the work's row. A recount is exact whatever an earlier round missed (another instance, a restart).
/// </summary>
public sealed class KudosCounts(IServiceScopeFactory scopes, ILogger<KudosCounts> logger, Microsoft.Extensions.Options.IOptions<Caching.PageCacheOptions> options,
    Hosting.SharedRedis? redis = null) : BackgroundService
{
    /// <summary>With Redis, the works waiting for a recount are kept there, so an instance killed before its round leaves none uncounted.</summary>
    const string SharedSet = "archive:kudos-given";
    readonly ConcurrentDictionary<int, byte> given = new();

    public void Given(int workId)
    {
        if (redis is { IsConnected: true })
        {
            try
            {
                redis.Database.SetAdd(SharedSet, workId, StackExchange.Redis.CommandFlags.FireAndForget);
                return;
            }
            catch (StackExchange.Redis.RedisException e) { redis.Unreachable("kudos counts wait in this instance's memory", e); }
        }
        given.TryAdd(workId, 0);
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var works = given.Keys.ToHashSet();
        foreach (var id in works) given.TryRemove(id, out _);
        if (redis is { IsConnected: true })
        {
            try
            {
                foreach (var value in await redis.Database.SetPopAsync(SharedSet, 10_000))
                    if (value.TryParse(out int id)) works.Add(id);
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException) { redis.Unreachable("kudos counts wait in this instance's memory", e); }
        }
        if (works.Count == 0) return;
        int[] workIds = [.. works];
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ArchiveDbContext>();
        // Each work by its key, counted from its own kudos through the two indexes kudos have (readers' and guests').
        var changed = await db.Database.SqlQuery<int>($"""
            WITH counted AS (
                SELECT s.work_id, (SELECT count(*) FROM kudos k WHERE k.work_id = s.work_id AND k.user_id IS NOT NULL)
                           + (SELECT count(*) FROM kudos k WHERE k.work_id = s.work_id AND k.user_id IS NULL) AS n
                FROM work_stats s WHERE s.work_id = ANY({workIds}))
            UPDATE work_stats SET kudos_count = counted.n FROM counted
            WHERE work_stats.work_id = counted.work_id AND work_stats.work_id = ANY({workIds}) AND work_stats.kudos_count <> counted.n
            RETURNING work_stats.work_id AS "Value"
            """).ToListAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<Caching.PageCacheEvictions>().CountsChangedAsync(db, changed);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.KudosFlushSeconds)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushSafelyAsync(stoppingToken);
        }
        catch (OperationCanceledException) { }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushSafelyAsync(CancellationToken.None);
    }

    async Task FlushSafelyAsync(CancellationToken cancellationToken)
    {
        try { await FlushAsync(cancellationToken); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The kudos themselves are stored; the next kudos on the work recounts it.
            logger.LogWarning(e, "Could not recount kudos");
        }
    }
}
