using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;

namespace Archive.Web.Caching;

/// <summary>
/// Remembers when each cache tag was last evicted. A page is built from what the database said when its request began;
/// if one of its tags was evicted after that, what it read may predate the change, so it must not be stored.
/// </summary>
public sealed class EvictionClock
{
    /// <summary>A page whose request began longer ago than this is never stored, so older evictions can be forgotten.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromSeconds(60);

    readonly Lock gate = new();
    readonly Dictionary<string, (long Sequence, long At)> evicted = new(StringComparer.Ordinal);
    long sequence;
    long lastPruned = Stopwatch.GetTimestamp();

    /// <summary>A reading to take before a page reads the database.</summary>
    public Reading Now()
    {
        lock (gate) return new Reading(sequence, Stopwatch.GetTimestamp());
    }

    public void Evicted(string tag)
    {
        lock (gate)
        {
            evicted[tag] = (++sequence, Stopwatch.GetTimestamp());
            if (Stopwatch.GetElapsedTime(lastPruned) > Horizon)
            {
                foreach (var (old, _) in evicted.Where(e => Stopwatch.GetElapsedTime(e.Value.At) > Horizon).ToList()) evicted.Remove(old);
                lastPruned = Stopwatch.GetTimestamp();
            }
        }
    }

    /// <summary>Whether a page begun at <paramref name="began"/> and carrying these tags may still be stored.</summary>
    public bool MayStore(Reading began, ReadOnlySpan<string> tags)
    {
        if (Stopwatch.GetElapsedTime(began.At) > Horizon) return false;
        lock (gate)
        {
            foreach (var tag in tags)
                if (evicted.TryGetValue(tag, out var e) && e.Sequence > began.Sequence) return false;
        }
        return true;
    }

    public readonly record struct Reading(long Sequence, long At);
}

/// <summary>
/// The output cache's store, refusing pages that an eviction overtook while they were being built. Storing and evicting
/// take turns, so a page is either stored before an eviction (which then removes it) or refused after it.
/// </summary>
/// <remarks>
/// With a store shared by instances (Redis), a page another instance's eviction overtook may be stored before this
/// instance hears of the eviction; every instance evicts each broadcast eviction from the store again as it hears it,
/// which removes such a page, and refuses to store it after. A store that can't be reached is a miss: pages are built
/// from the database meanwhile, and every page is evicted when it is back (<see cref="EvictionListener"/>).
/// </remarks>
public sealed class GuardedOutputCacheStore(IOutputCacheStore inner, EvictionClock clock, IHttpContextAccessor http, Hosting.SharedRedis? redis = null)
    : IOutputCacheStore, IOutputCacheBufferStore
{
    readonly SemaphoreSlim turn = new(1, 1);

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            clock.Evicted(tag);
            await Safely(async () => { await inner.EvictByTagAsync(tag, cancellationToken); return true; }, false);
        }
        finally { turn.Release(); }
    }

    // Every cached page is read through here: without a shared store, straight through.
    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        redis is null ? inner.GetAsync(key, cancellationToken) : Safely(() => inner.GetAsync(key, cancellationToken), null);

    public ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken) =>
        redis is null ? TryGetFromAsync(key, destination, cancellationToken) : Safely(() => TryGetFromAsync(key, destination, cancellationToken), false);

    async ValueTask<bool> TryGetFromAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (inner is IOutputCacheBufferStore buffers) return await buffers.TryGetAsync(key, destination, cancellationToken);
        if (await inner.GetAsync(key, cancellationToken) is not { } bytes) return false;
        await destination.WriteAsync(bytes, cancellationToken);
        return true;
    }

    /// <summary>The store's answer, or <paramref name="otherwise"/> when it is a shared one that can't be reached.</summary>
    async ValueTask<T> Safely<T>(Func<ValueTask<T>> use, T otherwise)
    {
        if (redis is null) return await use();
        // Known to be away: don't wait for each command to time out.
        if (!redis.IsConnected)
        {
            redis.Unreachable("guest pages are built from the database");
            return otherwise;
        }
        try { return await use(); }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            redis.Unreachable("guest pages are built from the database", e);
            return otherwise;
        }
    }

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        StoreAsync(tags, () => inner.SetAsync(key, value, tags, validFor, cancellationToken), cancellationToken);

    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        StoreAsync(tags.ToArray(), () => inner is IOutputCacheBufferStore buffers
            ? buffers.SetAsync(key, value, tags, validFor, cancellationToken)
            : inner.SetAsync(key, value.ToArray(), tags.ToArray(), validFor, cancellationToken), cancellationToken);

    async ValueTask StoreAsync(string[]? tags, Func<ValueTask> store, CancellationToken cancellationToken)
    {
        // Only pages whose request took a reading are stored; anything else couldn't prove it is current.
        if (http.HttpContext?.Items[GuestPages.BeganItem] is not EvictionClock.Reading began) return;
        await turn.WaitAsync(cancellationToken);
        try
        {
            if (clock.MayStore(began, tags ?? [])) await Safely(async () => { await store(); return true; }, false);
        }
        finally { turn.Release(); }
    }
}
