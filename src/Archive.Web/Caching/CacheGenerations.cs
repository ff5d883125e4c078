namespace Archive.Web.Caching;

/// <summary>
/// Numbers that move on whenever a work (or any tag's wrangling) changes. Cached page parts are looked up under keys that
/// include them, so a part built from what the database said before a change is never found again after it, however
/// the build and the change overlapped. Works share a number by stripes: two works in one stripe only cost each other a miss.
/// </summary>
public sealed class CacheGenerations
{
    const int Stripes = 1 << 16;
    readonly long[] works = new long[Stripes];
    readonly long[] readers = new long[Stripes];
    readonly long[] listings = new long[Stripes];
    long allWorks;
    long tags;

    /// <summary>The part of a cache key that names this work's current state.</summary>
    public string Of(int workId) => $"{Volatile.Read(ref works[workId & (Stripes - 1)])}.{Volatile.Read(ref tags)}";

    /// <summary>The part of a cache key that names what is known of this reader now.</summary>
    public string OfReader(int userId) => $"{Volatile.Read(ref readers[userId & (Stripes - 1)])}.{Volatile.Read(ref tags)}";

    /// <summary>The part of a cache key that names which works a canonical tag has, and what they are (not their counts).</summary>
    public string OfListing(int tagId) => $"{Volatile.Read(ref listings[tagId & (Stripes - 1)])}.{Volatile.Read(ref tags)}";

    /// <summary>Moves on whenever any tag is wrangled (or everything is forgotten).</summary>
    public long TagsGeneration => Volatile.Read(ref tags);

    /// <summary>The part of a cache key that names the state of every work (any work's change moves it).</summary>
    public string OfAllWorks() => $"{Volatile.Read(ref allWorks)}.{Volatile.Read(ref tags)}";

    /// <summary>Moves on what an evicted cache tag names: a work, a reader, any tag's wrangling, or everything.</summary>
    public void Evicted(string tag)
    {
        if (tag.StartsWith("work:", StringComparison.Ordinal) && int.TryParse(tag.AsSpan(5), out var workId))
            Interlocked.Increment(ref works[workId & (Stripes - 1)]);
        else if (tag.StartsWith("reader:", StringComparison.Ordinal) && int.TryParse(tag.AsSpan(7), out var userId))
            Interlocked.Increment(ref readers[userId & (Stripes - 1)]);
        else if (tag.StartsWith("listing:", StringComparison.Ordinal) && int.TryParse(tag.AsSpan(8), out var tagId))
            Interlocked.Increment(ref listings[tagId & (Stripes - 1)]);
        else if (tag == CacheTags.AllWorks)
            Interlocked.Increment(ref allWorks);
        else if (tag.StartsWith("shows-tag:", StringComparison.Ordinal) || tag == CacheTags.Everything)
            Interlocked.Increment(ref tags);
    }
}
