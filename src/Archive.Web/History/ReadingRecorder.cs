using System.Collections.Concurrent;
using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.History;

/// <summary>
/// Remembers signed-in readers' visits without a write on every page: a visit only queues (reader, work, when); every few
/// seconds one statement writes the batch, a reader's visits to one work adding up. The history page writes what is
/// waiting first, so a reader always finds the work they just read.
/// </summary>
public sealed class ReadingRecorder(IServiceScopeFactory scopes, ILogger<ReadingRecorder> logger) : BackgroundService
{
    static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    readonly ConcurrentQueue<(int UserId, int WorkId, DateTimeOffset At)> pending = new();

    public void Record(int userId, int workId) => pending.Enqueue((userId, workId, DateTimeOffset.UtcNow));

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var batch = new Dictionary<(int UserId, int WorkId), (DateTimeOffset Last, int Visits)>();
        for (var n = 0; n < 10_000 && pending.TryDequeue(out var visit); n++)
            batch[(visit.UserId, visit.WorkId)] = batch.TryGetValue((visit.UserId, visit.WorkId), out var seen)
                ? (visit.At > seen.Last ? visit.At : seen.Last, seen.Visits + 1)
                : (visit.At, 1);
        if (batch.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ArchiveDbContext>();
        int[] users = [.. batch.Keys.Select(k => k.UserId)];
        int[] works = [.. batch.Keys.Select(k => k.WorkId)];
        DateTimeOffset[] times = [.. batch.Values.Select(v => v.Last)];
        int[] visits = [.. batch.Values.Select(v => v.Visits)];
        // Readers who turned history off in the meantime are left out; a deleted work's visit is dropped.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO readings (user_id, work_id, last_visited_at, visits, marked_for_later)
            SELECT v.u, v.w, v.t, v.n, false FROM unnest({users}, {works}, {times}, {visits}) AS v(u, w, t, n)
            WHERE NOT EXISTS (SELECT 1 FROM history_opt_outs o WHERE o.user_id = v.u) AND EXISTS (SELECT 1 FROM works WHERE id = v.w)
            ON CONFLICT (user_id, work_id) DO UPDATE SET last_visited_at = GREATEST(readings.last_visited_at, excluded.last_visited_at),
                visits = readings.visits + excluded.visits
            """, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
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
            logger.LogWarning(e, "Could not write a batch of reading history");
        }
    }
}
