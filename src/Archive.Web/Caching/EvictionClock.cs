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
public sealed class GuardedOutputCacheStore(IOutputCacheStore inner, EvictionClock clock, IHttpContextAccessor http) : IOutputCacheStore, IOutputCacheBufferStore
{
    readonly SemaphoreSlim turn = new(1, 1);

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            clock.Evicted(tag);
            await inner.EvictByTagAsync(tag, cancellationToken);
        }
        finally { turn.Release(); }
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (inner is IOutputCacheBufferStore buffers) return await buffers.TryGetAsync(key, destination, cancellationToken);
        if (await inner.GetAsync(key, cancellationToken) is not { } bytes) return false;
        await destination.WriteAsync(bytes, cancellationToken);
        return true;
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
            if (clock.MayStore(began, tags ?? [])) await store();
        }
        finally { turn.Release(); }
    }
}
