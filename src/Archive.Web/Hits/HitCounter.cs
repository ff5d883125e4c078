using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Hits;

/// <summary>
/// That a visitor read a work on a day; the key makes a hit count once per visitor per work per day. Only today's and
/// yesterday's are kept (<see cref="HitCounter"/> removes older days, which nothing asks again).
/// </summary>
public sealed class WorkHit
{
    public int WorkId { get; set; }
    public DateOnly Day { get; set; }
    public required string VisitorHash { get; set; }
}

public sealed class WorkHitConfiguration : IEntityTypeConfiguration<WorkHit>
{
    public void Configure(EntityTypeBuilder<WorkHit> hit)
    {
        // The day first: a day's hits are one range of the key, so old days go by range and today's inserts touch
        // today's part only. No foreign key: a batch inserts only hits of works that exist, checking the key for
        // each hit cost a sixth of a batch, and a deleted work's hits go with their day.
        hit.HasKey(h => new { h.Day, h.WorkId, h.VisitorHash });
        hit.Property(h => h.VisitorHash).HasMaxLength(64);
    }
}

/// <summary>A work's hits on one day, kept for its author's statistics (the visitors behind them are forgotten after two days).</summary>
public sealed class WorkHitDay
{
    public int WorkId { get; set; }
    public DateOnly Day { get; set; }
    public int Hits { get; set; }
}

public sealed class WorkHitDayConfiguration : IEntityTypeConfiguration<WorkHitDay>
{
    public void Configure(EntityTypeBuilder<WorkHitDay> day)
    {
        day.ToTable("work_hit_days");
        day.HasKey(d => new { d.WorkId, d.Day });
        day.HasOne<Works.Work>().WithMany().HasForeignKey(d => d.WorkId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Counts hits without slowing the page: a view only queues (work, visitor, day); every few seconds one statement writes the
/// batch, the primary key drops repeats, and each work's count rises by the rows that were new. At most a few seconds of hits
/// wait in memory, and they are written when the app stops.
/// </summary>
/// <remarks>
/// Every read changes a hit count, so evicting a work's cached pages whenever its count moved would rebuild every page
/// read, and every listing showing it, every few seconds. A work's pages are shown afresh for hits at most every
/// <see cref="Caching.PageCacheOptions.HitsMinutes"/> (and at once by any other change to the work).
/// </remarks>
public sealed class HitCounter(IServiceScopeFactory scopes, ILogger<HitCounter> logger, Microsoft.Extensions.Options.IOptions<Caching.PageCacheOptions> options,
    Hosting.SharedRedis? redis = null) : BackgroundService
{
    /// <summary>With Redis, hits wait there, so an instance killed before it writes them loses none: any instance's next round writes them.</summary>
    const string SharedQueue = "archive:hits";
    const int OldHitsPerBatch = 50_000;
    readonly ConcurrentQueue<(int WorkId, DateOnly Day, string Visitor)> pending = new();
    // Works whose counts moved but whose pages still show the count from when they were last shown afresh.
    readonly HashSet<int> waiting = [];
    readonly Dictionary<int, DateTime> lastShown = [];

    public void Record(int workId, HttpContext context)
    {
        var visitor = context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user
            ? $"user:{user}"
            : $"guest:{context.Connection.RemoteIpAddress}|{context.Request.Headers.UserAgent}";
        (int WorkId, DateOnly Day, string Visitor) hit = (workId, DateOnly.FromDateTime(DateTime.UtcNow), Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(visitor))));
        if (redis is { IsConnected: true })
        {
            // Not awaited: a page doesn't wait for its hit to be counted.
            try
            {
                redis.Database.ListRightPush(SharedQueue, $"{hit.WorkId}|{hit.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}|{hit.Visitor}", flags: StackExchange.Redis.CommandFlags.FireAndForget);
                return;
            }
            catch (StackExchange.Redis.RedisException e) { redis.Unreachable("hits wait in this instance's memory", e); }
        }
        pending.Enqueue(hit);
    }

    /// <summary>Up to <paramref name="room"/> hits waiting in Redis, taken so no other instance writes them too.</summary>
    async Task TakeSharedAsync(HashSet<(int WorkId, DateOnly Day, string Visitor)> batch, int room)
    {
        if (redis is not { IsConnected: true } || room <= 0) return;
        try
        {
            foreach (var value in await redis.Database.ListLeftPopAsync(SharedQueue, room) ?? [])
            {
                var parts = value.ToString().Split('|');
                if (parts.Length == 3 && int.TryParse(parts[0], out var work) && DateOnly.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var day))
                    batch.Add((work, day, parts[2]));
            }
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException) { redis.Unreachable("hits wait in this instance's memory", e); }
    }

    /// <summary>Writes the hits waiting and shows every moved count at once (what an explicit flush, or stopping, wants).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default) => await FlushAsync(showAll: true, cancellationToken);

    async Task FlushAsync(bool showAll, CancellationToken cancellationToken)
    {
        var batch = new HashSet<(int WorkId, DateOnly Day, string Visitor)>();
        while (batch.Count < 10_000 && pending.TryDequeue(out var hit)) batch.Add(hit);
        await TakeSharedAsync(batch, 10_000 - batch.Count);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ArchiveDbContext>();
        var evictions = scope.ServiceProvider.GetRequiredService<Caching.PageCacheEvictions>();
        if (batch.Count == 0)
        {
            // Counts that moved earlier and are now due to be shown.
            if (Due([], showAll) is { Count: > 0 } due) await evictions.CountsChangedAsync(db, due);
            return;
        }
        int[] works = [.. batch.Select(h => h.WorkId)];
        DateOnly[] days = [.. batch.Select(h => h.Day)];
        string[] visitors = [.. batch.Select(h => h.Visitor)];
        var counted = await db.Database.SqlQuery<int>($"""
            WITH added AS (
                INSERT INTO work_hits (work_id, day, visitor_hash)
                SELECT w, d, v FROM unnest({works}, {days}, {visitors}) AS h(w, d, v)
                WHERE EXISTS (SELECT 1 FROM works WHERE id = h.w)
                ON CONFLICT DO NOTHING
                RETURNING work_id, day),
            -- Each day's count too, for authors' statistics over time: one row per work and day.
            daily AS (
                INSERT INTO work_hit_days (work_id, day, hits)
                SELECT work_id, day, count(*) FROM added GROUP BY work_id, day
                ON CONFLICT (work_id, day) DO UPDATE SET hits = work_hit_days.hits + excluded.hits)
            UPDATE work_stats SET hits_count = hits_count + counted.n
            FROM (SELECT work_id, count(*) AS n FROM added GROUP BY work_id) AS counted
            -- By key as well as by the join, so the planner reads these works and no others.
            WHERE work_stats.work_id = counted.work_id AND work_stats.work_id = ANY({works})
            RETURNING work_stats.work_id AS "Value"
            """).ToListAsync(cancellationToken);
        // A hit counts once per visitor per day, so days before yesterday are never asked again: each batch removes up to
        // 50,000 of their rows, and the table holds about two days of hits instead of every hit ever.
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        await db.Database.ExecuteSqlAsync($"""
            DELETE FROM work_hits WHERE ctid = ANY(ARRAY(SELECT ctid FROM work_hits WHERE day < {yesterday} LIMIT {OldHitsPerBatch}))
            """, cancellationToken);
        // Pages show hit counts: the works whose counts moved are shown afresh, each at most every few minutes.
        await evictions.CountsChangedAsync(db, Due(counted, showAll));
    }

    List<int> Due(IEnumerable<int> moved, bool showAll)
    {
        lock (waiting)
        {
            waiting.UnionWith(moved);
            var now = DateTime.UtcNow;
            var every = TimeSpan.FromMinutes(options.Value.HitsMinutes);
            var due = waiting.Where(id => showAll || !lastShown.TryGetValue(id, out var shown) || now - shown >= every).ToList();
            foreach (var id in due)
            {
                waiting.Remove(id);
                lastShown[id] = now;
            }
            foreach (var old in lastShown.Where(s => now - s.Value >= every).Select(s => s.Key).ToList()) lastShown.Remove(old);
            return due;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.HitsFlushSeconds)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushSafelyAsync(stoppingToken);
        }
        catch (OperationCanceledException) { }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try { await FlushAsync(CancellationToken.None); }
        catch (Exception e) { logger.LogWarning(e, "Could not write the last hits"); }
    }

    async Task FlushSafelyAsync(CancellationToken cancellationToken)
    {
        try { await FlushAsync(showAll: false, cancellationToken); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Hits are a courtesy count: a failed batch is logged, never allowed to break reading.
            logger.LogWarning(e, "Could not write a batch of hits");
        }
    }
}
