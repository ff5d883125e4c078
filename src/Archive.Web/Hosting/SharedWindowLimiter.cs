using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Archive.Web.Hosting;

/// <summary>
/// A fixed-window limit counted in Redis, so every instance draws on one allowance (with each instance counting alone,
/// three instances would allow three times the limit). While Redis can't be reached it counts in this instance, as
/// without Redis: a limit fails safe, never open.
/// </summary>
public sealed class SharedWindowLimiter(SharedRedis redis, string key, FixedWindowRateLimiterOptions window) : RateLimiter
{
    // The window's count, made to expire with the window, and how long the window has left, in one round trip.
    const string Count = """
        local n = redis.call('INCRBY', KEYS[1], ARGV[1])
        if n == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return {n, redis.call('PTTL', KEYS[1])}
        """;

    readonly FixedWindowRateLimiter alone = new(window);

    public override TimeSpan? IdleDuration => alone.IdleDuration;
    public override RateLimiterStatistics? GetStatistics() => alone.GetStatistics();

    // ASP.NET Core's middleware tries this first and, when refused, waits for AcquireAsync: the count in Redis can't be
    // read without waiting, so while Redis is there the answer here is always "ask again, asynchronously" (a permit
    // granted here from this instance's own count would let each instance allow the whole limit).
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => redis.IsConnected ? Lease.Refused : alone.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (redis.IsConnected)
        {
            try
            {
                // A window starts with its first request and ends when its count expires, as in ASP.NET Core's own limiter.
                var counted = (RedisResult[])(await redis.Database.ScriptEvaluateAsync(Count, [$"archive:limit:{key}"], [permitCount, (long)window.Window.TotalMilliseconds]))!;
                return (long)counted[0] <= window.PermitLimit ? Lease.Granted : Lease.RefusedFor(TimeSpan.FromMilliseconds(Math.Max(0, (long)counted[1])));
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                redis.Unreachable("rate limits are this instance's own", e);
            }
        }
        else redis.Unreachable("rate limits are this instance's own");
        return await alone.AcquireAsync(permitCount, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) alone.Dispose();
        base.Dispose(disposing);
    }

    sealed class Lease(bool acquired, TimeSpan? retryAfter = null) : RateLimitLease
    {
        public static readonly Lease Granted = new(true), Refused = new(false);
        public static Lease RefusedFor(TimeSpan retryAfter) => new(false, retryAfter);
        public override bool IsAcquired => acquired;
        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];
        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
