using System.Text;
using Npgsql;

namespace Archive.Web.Caching;

/// <summary>
/// Tells every other archive process sharing the database what a change evicted: web instances behind a proxy, and the
/// command line (a wrangler's <c>tags synonym</c> while the site runs). PostgreSQL's NOTIFY carries the tags; each web
/// instance LISTENs (<see cref="EvictionListener"/>) and evicts them from its own cache.
/// </summary>
public sealed class EvictionBroadcast(IConfiguration configuration)
{
    public const string Channel = "archive_cache_evictions";
    /// <summary>This instance, so it can skip its own messages (it evicted already).</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N");
    /// <summary>PostgreSQL's limit on a notification is 8,000 bytes.</summary>
    const int MaxPayload = 7_000;

    /// <param name="position">The primary's position when the change was made, which a standby must reach before pages are read from it (0: no standby).</param>
    public async Task SendAsync(IReadOnlyCollection<string> tags, long position = 0)
    {
        if (tags.Count == 0) return;
        await using var connection = new NpgsqlConnection(configuration.GetConnectionString("Archive"));
        await connection.OpenAsync();
        var sender = $"{Instance} {position}";
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
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var missedSome = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(configuration.GetConnectionString("Archive"));
                await connection.OpenAsync(stoppingToken);
                var evictions = services.GetRequiredService<PageCacheEvictions>();
                var replica = services.GetService<Database.ReplicaReads>();
                connection.Notification += (_, message) =>
                {
                    var (instance, position, tags) = EvictionBroadcast.Read(message.Payload);
                    if (instance == broadcast.Instance) return;
                    replica?.MustSee(position);
                    evictions.EvictHereAsync(tags).AsTask().GetAwaiter().GetResult();
                };
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
