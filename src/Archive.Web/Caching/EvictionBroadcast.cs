using System.Text;
using Npgsql;

namespace Archive.Web.Caching;

/// <summary>
/// Tells every other archive process sharing the database what a change evicted: web instances behind a proxy, and the
/// command line (a wrangler's <c>tags synonym</c> while the site runs). PostgreSQL's NOTIFY carries the tags; each web
/// instance LISTENs (<see cref="EvictionListener"/>) and evicts them from its own cache.
/// </summary>
public sealed class EvictionBroadcast(IConfiguration configuration, Hosting.SharedRedis? redis = null)
{
    public const string Channel = "archive_cache_evictions";
    /// <summary>
    /// With Redis, evictions travel by its publish and subscribe instead: PostgreSQL takes a lock at the commit of every
    /// transaction that notifies, so notifying writers wait for each other. While Redis is away they go by NOTIFY, which
    /// every process always listens to as well.
    /// </summary>
    public static readonly StackExchange.Redis.RedisChannel RedisChannel = StackExchange.Redis.RedisChannel.Literal("archive:cache-evictions");
    /// <summary>This instance, so it can skip its own messages (it evicted already).</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N");
    /// <summary>PostgreSQL's limit on a notification is 8,000 bytes.</summary>
    const int MaxPayload = 7_000;

    /// <param name="position">The primary's position when the change was made, which a standby must reach before pages are read from it (0: no standby).</param>
    public async Task SendAsync(IReadOnlyCollection<string> tags, long position = 0)
    {
        if (tags.Count == 0) return;
        var sender = $"{Instance} {position}";
        if (redis is { IsConnected: true })
        {
            try
            {
                await redis.Database.PublishAsync(RedisChannel, string.Join('\n', [sender, .. tags]));
                return;
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException) { redis.Unreachable("cache evictions go by PostgreSQL's NOTIFY", e); }
        }
        await using var connection = new NpgsqlConnection(configuration.GetConnectionString("Archive"));
        await connection.OpenAsync();
        var payload = new StringBuilder(sender);
        foreach (var tag in tags)
        {
            if (payload.Length + tag.Length + 1 > MaxPayload)
            {
                await NotifyAsync(connection, payload.ToString());
                payload.Clear().Append(sender);
            }
            payload.Append('\n').Append(tag);
        }
        await NotifyAsync(connection, payload.ToString());
    }

    static async Task NotifyAsync(NpgsqlConnection connection, string payload)
    {
        await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The sender, the primary's position when the change was made, and the tags of a notification.</summary>
    public static (string Instance, long Position, string[] Tags) Read(string payload)
    {
        var lines = payload.Split('\n');
        var sender = lines[0].Split(' ');
        return (sender[0], sender.Length > 1 && long.TryParse(sender[1], out var position) ? position : 0, lines[1..]);
    }
}

/// <summary>
/// Listens for other processes' evictions and applies them here. If the connection drops, messages may have been missed,
/// so on reconnecting it forgets every cached page and part.
/// </summary>
public sealed class EvictionListener(IConfiguration configuration, IServiceProvider services, EvictionBroadcast broadcast, ILogger<EvictionListener> logger) : BackgroundService
{
    void Apply(string payload)
    {
        var (instance, position, tags) = EvictionBroadcast.Read(payload);
        if (instance == broadcast.Instance) return;
        services.GetService<Database.ReplicaReads>()?.MustSee(position);
        services.GetRequiredService<PageCacheEvictions>().EvictHereAsync(tags).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>With Redis, its channel too; evictions published while this instance's connection was down are lost, so then it forgets everything.</summary>
    async Task ListenToRedisAsync()
    {
        if (services.GetService<StackExchange.Redis.IConnectionMultiplexer>() is not { } redis) return;
        try { await redis.GetSubscriber().SubscribeAsync(EvictionBroadcast.RedisChannel, (_, message) => Apply(message.ToString())); }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            // Not fatal: while this instance can't reach Redis, nobody's evictions go by it.
            logger.LogWarning(e, "Could not subscribe to cache evictions in Redis; they reach this instance by PostgreSQL's NOTIFY meanwhile");
        }
        redis.ConnectionRestored += (_, _) =>
        {
            services.GetRequiredService<PageCacheEvictions>().EvictHereAsync([CacheTags.Everything]).AsTask().GetAwaiter().GetResult();
            logger.LogInformation("Reached Redis again; cached pages were forgotten in case evictions were missed");
        };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ListenToRedisAsync();
        var missedSome = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(configuration.GetConnectionString("Archive"));
                await connection.OpenAsync(stoppingToken);
                var evictions = services.GetRequiredService<PageCacheEvictions>();
                connection.Notification += (_, message) => Apply(message.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {EvictionBroadcast.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                if (missedSome)
                {
                    await evictions.EvictHereAsync([CacheTags.Everything]);
                    logger.LogInformation("Listening for cache evictions again; cached pages were forgotten in case some were missed");
                    missedSome = false;
                }
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                missedSome = true;
                logger.LogWarning(e, "Lost the connection that hears other instances' cache evictions; retrying");
                try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }
}
