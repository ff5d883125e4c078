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
                    Interlocked.Exchange(ref replayed, at);
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

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Route(connection);
        return ValueTask.FromResult(result);
    }

    // Set on every opening: a pooled context's connection goes on to serve requests that must write.
    void Route(DbConnection connection)
    {
        var target = ToReplica(http.HttpContext) ? replica.Replica : replica.Primary;
        if (connection.ConnectionString != target) connection.ConnectionString = target;
    }

    bool ToReplica(HttpContext? context)
    {
        if (context is null || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))) return false;
        if (context.GetEndpoint()?.Metadata.GetMetadata<ReadsFromReplicaAttribute>() is null) return false;
        var wrote = long.TryParse(context.Request.Cookies[ReplicaReads.WroteCookie], out var position) ? position : 0;
        return replica.CanServe(wrote);
    }
}
