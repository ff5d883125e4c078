using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Archive.Web.Database;

/// <summary>Marks pages whose reads may go to a standby ("ConnectionStrings:ArchiveReplicas"): listings, search, feeds, the API.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class ReadsFromReplicaAttribute : Attribute;

/// <summary>
/// A standby PostgreSQL that takes reads off the primary, when "ConnectionStrings:ArchiveReplicas" names one. A read goes
/// there only when the standby has replayed everything any cached page or this reader could need: every eviction (each
/// change that could show on a page) raises the position the standby must have reached first, here and, with the
/// eviction's broadcast, in every instance; a reader's own writes are in a cookie, so their next page, on any instance,
/// shows them. Until the standby catches up, or while it is down, reads go to the primary.
/// </summary>
public sealed class ReplicaReads(IConfiguration configuration, ILogger<ReplicaReads> logger) : BackgroundService
{
    public const string WroteCookie = "archive_wrote";
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public string Primary { get; } = ArchiveDbContext.Prepared(configuration.GetConnectionString("Archive")!);
    public string Replica { get; } = ArchiveDbContext.Prepared(configuration.GetConnectionString("ArchiveReplicas")!);
    long replayed = -1, mustSee;
    volatile bool down;

    public static bool Configured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration.GetConnectionString("ArchiveReplicas"));

    /// <summary>Whether the standby has replayed every change up to <paramref name="readerWrote"/> and every change evicted since.</summary>
    public bool CanServe(long readerWrote) => !down && Interlocked.Read(ref replayed) >= Math.Max(Interlocked.Read(ref mustSee), readerWrote);

    /// <summary>What /healthz says of the standby.</summary>
    public string State => down ? "replica unreachable: reads go to the primary"
        : Interlocked.Read(ref replayed) >= Interlocked.Read(ref mustSee) ? "replica up to date" : "replica catching up: reads go to the primary meanwhile";

    Task? refreshing;

    /// <summary>
    /// Asks the standby how far it has replayed, now: after each write the position polled a moment ago is behind, and
    /// under a steady stream of writes it always would be, though the standby is usually only a few milliseconds behind.
    /// Concurrent readers share one question.
    /// </summary>
    public Task RefreshAsync()
    {
        var current = Volatile.Read(ref refreshing);
        if (current is { IsCompleted: false }) return current;
        var mine = ReadReplayAsync();
        return Interlocked.CompareExchange(ref refreshing, mine, current) == current ? mine : Volatile.Read(ref refreshing)!;
    }

    async Task ReadReplayAsync()
    {
        // A page waits for this: a standby slower than this to answer is passed over, for the primary.
        using var patience = new CancellationTokenSource(TimeSpan.FromMilliseconds(250));
        try
        {
            await using var connection = new NpgsqlConnection(Replica);
            await connection.OpenAsync(patience.Token);
            await using var position = new NpgsqlCommand("SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint", connection);
            if (await position.ExecuteScalarAsync(patience.Token) is long at) Advance(at);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException) { }
    }

    public bool IsDown => down;

    void Advance(long at)
    {
        for (var seen = Interlocked.Read(ref replayed); at > seen; seen = Interlocked.Read(ref replayed))
            if (Interlocked.CompareExchange(ref replayed, at, seen) == seen) return;
    }

    /// <summary>Reads may use the standby only once it has replayed up to here.</summary>
    public void MustSee(long position)
    {
        for (var seen = Interlocked.Read(ref mustSee); position > seen; seen = Interlocked.Read(ref mustSee))
            if (Interlocked.CompareExchange(ref mustSee, position, seen) == seen) return;
    }

    /// <summary>The primary's position now: past every transaction committed before this is asked.</summary>
    public async Task<long> PrimaryPositionAsync()
    {
        await using var connection = new NpgsqlConnection(Primary);
        await connection.OpenAsync();
        // The insert position, not the write position: with asynchronous commit a committed transaction may not be written yet.
        await using var position = new NpgsqlCommand("SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint", connection);
        return (long)(await position.ExecuteScalarAsync())!;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Poll);
        do
        {
            try
            {
                await using var connection = new NpgsqlConnection(Replica);
                await connection.OpenAsync(stoppingToken);
                await using var position = new NpgsqlCommand("SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint", connection);
                while (true)
                {
                    // Null when the server isn't a standby: reads from a primary by mistake would be fine, but say so.
                    var replay = await position.ExecuteScalarAsync(stoppingToken);
                    if (replay is not long at) throw new InvalidOperationException("ConnectionStrings__ArchiveReplicas names a server that is not a standby");
                    Advance(at);
                    if (down) logger.LogInformation("The replica answers again; reads go to it once it has caught up");
                    down = false;
                    await timer.WaitForNextTickAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                if (!down) logger.LogWarning(e, "The replica is unreachable; reads go to the primary until it answers");
                down = true;
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// After a request that may have written, its reader's cookie and this instance remember the primary's position, so
    /// what they read next includes their write.
    /// </summary>
    public static IApplicationBuilder UseReplicaReads(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var method = context.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && context.RequestServices.GetService<ReplicaReads>() is { } replica)
            context.Response.OnStarting(async () =>
            {
                var position = await replica.PrimaryPositionAsync();
                replica.MustSee(position);
                context.Response.Cookies.Append(WroteCookie, position.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromMinutes(10), IsEssential = true, Secure = context.Request.IsHttps });
            });
        await next(context);
    });
}

/// <summary>Sends each connection a marked page opens to the standby when it may (<see cref="ReplicaReads.CanServe"/>), else to the primary.</summary>
public sealed class ReplicaRouting(ReplicaReads replica, IHttpContextAccessor http) : DbConnectionInterceptor
{
    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Route(connection);
        return result;
    }

    public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (Wants(http.HttpContext) is { } wrote && !replica.IsDown && !replica.CanServe(wrote)) await replica.RefreshAsync();
        Route(connection);
        return result;
    }

    // Set on every opening: a pooled context's connection goes on to serve requests that must write.
    void Route(DbConnection connection)
    {
        var target = Wants(http.HttpContext) is { } wrote && replica.CanServe(wrote) ? replica.Replica : replica.Primary;
        if (connection.ConnectionString != target) connection.ConnectionString = target;
    }

    /// <summary>For a page that may read from the standby, the position of its reader's last write (0: none); else null.</summary>
    static long? Wants(HttpContext? context)
    {
        if (context is null || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))) return null;
        if (context.GetEndpoint()?.Metadata.GetMetadata<ReadsFromReplicaAttribute>() is null) return null;
        return long.TryParse(context.Request.Cookies[ReplicaReads.WroteCookie], out var position) ? position : 0;
    }
}
