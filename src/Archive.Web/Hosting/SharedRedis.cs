using StackExchange.Redis;

namespace Archive.Web.Hosting;

/// <summary>
/// Redis, when "ConnectionStrings:Redis" is set: where instances keep what they share between requests (comment limits,
/// hits not yet written).
/// Connecting never blocks start-up, and while Redis is away each instance goes on alone and says so, in its log (once
/// a minute at most) and on /healthz.
/// </summary>
public sealed class SharedRedis(IConnectionMultiplexer connection, ILogger<SharedRedis> logger)
{
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> lastWarned = new();

    public static IConnectionMultiplexer Connect(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        // Start (and keep retrying) without it, rather than refuse to serve pages.
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 1000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 1000);
        return ConnectionMultiplexer.Connect(options);
    }

    public bool IsConnected => connection.IsConnected;
    public IDatabase Database => connection.GetDatabase();

    /// <summary>Notes that Redis couldn't be used, and what this instance does meanwhile (<paramref name="what"/>), in the log at most once a minute.</summary>
    public void Unreachable(string what, Exception? failure = null)
    {
        // Each consequence once a minute at most.
        var now = Environment.TickCount64;
        var last = lastWarned.GetValueOrDefault(what);
        if (last != 0 && now - last < 60_000 || !lastWarned.TryUpdate(what, now, last) && !lastWarned.TryAdd(what, now)) return;
        logger.LogWarning(failure, "Redis is unreachable: {What} until it is back", what);
    }
}
