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
    // Which works each move of allWorks was for (null: it could have been any), newest last, so a search's cached
    // matches can be brought up to date by reading only those works again.
    readonly Queue<(long Generation, int[]? Works)> worksChanged = new();
    const int WorksChangedKept = 10_000;

    /// <summary>The part of a cache key that names this work's current state.</summary>
    public string Of(int workId)
    {
        var state = StateOf(workId);
        return $"{state.Work}.{state.Tags}";
    }

    /// <summary>What <see cref="Of"/> names, as numbers: for comparing many works' states without a string each.</summary>
    public (long Work, long Tags) StateOf(int workId) => (Volatile.Read(ref works[workId & (Stripes - 1)]), Volatile.Read(ref tags));

    /// <summary>The part of a cache key that names what is known of this reader now.</summary>
    public string OfReader(int userId) => $"{Volatile.Read(ref readers[userId & (Stripes - 1)])}.{Volatile.Read(ref tags)}";

    /// <summary>Moves on whenever a work with this canonical tag (or another sharing its stripe) enters, leaves or changes.</summary>
    public long ListingGeneration(int tagId) => Volatile.Read(ref listings[tagId & (Stripes - 1)]);

    /// <summary>Moves on whenever any tag is wrangled (or everything is forgotten).</summary>
    public long TagsGeneration => Volatile.Read(ref tags);

    /// <summary>Moves on whenever any work changes. Numbers this process's changes only: keep it with <see cref="Process"/>.</summary>
    public long AllWorksGeneration => Volatile.Read(ref allWorks);

    /// <summary>Names this process in keys of parts whose values hold its generation numbers, which another process's mean nothing beside.</summary>
    public string Process { get; } = Guid.NewGuid().ToString("N");

    /// <summary>
    /// These works changed (null: any may have): moves <see cref="AllWorksGeneration"/> on and remembers them for
    /// <see cref="WorksChangedSince"/>.
    /// </summary>
    public void WorksChanged(int[]? works)
    {
        lock (worksChanged)
        {
            worksChanged.Enqueue((Interlocked.Increment(ref allWorks), works));
            while (worksChanged.Count > WorksChangedKept) worksChanged.Dequeue();
        }
    }

    /// <summary>The works that changed after that generation of all works, or null when that is no longer known (or could be any).</summary>
    public HashSet<int>? WorksChangedSince(long generation)
    {
        lock (worksChanged)
        {
            var changed = new HashSet<int>();
            var next = generation + 1;
            foreach (var (moved, works) in worksChanged)
            {
                if (moved <= generation) continue;
                // A generation missing from what is kept (forgotten, or moved some other way) could have been any work.
                if (moved != next || works is null) return null;
                changed.UnionWith(works);
                next++;
            }
            return next == Volatile.Read(ref allWorks) + 1 ? changed : null;
        }
    }

    /// <summary>
    /// Moves on what a batch of evicted cache tags names: works, readers, listings, all works, any tag's wrangling, or
    /// everything. A change to all works names the works it was for beside it, and they are remembered.
    /// </summary>
    public void Evicted(IReadOnlyCollection<string> evicted)
    {
        if (evicted.Contains(CacheTags.AllWorks))
        {
            int[] changed = [.. evicted.Where(t => t.StartsWith("work:", StringComparison.Ordinal)).Select(t => int.Parse(t.AsSpan(5)))];
            WorksChanged(changed.Length > 0 && !evicted.Contains(CacheTags.Everything) ? changed : null);
        }
        foreach (var tag in evicted) Evicted(tag);
    }

    void Evicted(string tag)
    {
        if (tag.StartsWith("work:", StringComparison.Ordinal) && int.TryParse(tag.AsSpan(5), out var workId))
            Interlocked.Increment(ref works[workId & (Stripes - 1)]);
        else if (tag.StartsWith("reader:", StringComparison.Ordinal) && int.TryParse(tag.AsSpan(7), out var userId))
            Interlocked.Increment(ref readers[userId & (Stripes - 1)]);
        else if (tag.StartsWith("listing:", StringComparison.Ordinal) && int.TryParse(tag.AsSpan(8), out var tagId))
            Interlocked.Increment(ref listings[tagId & (Stripes - 1)]);
        else if (tag.StartsWith("shows-tag:", StringComparison.Ordinal) || tag == CacheTags.Everything)
            Interlocked.Increment(ref tags);
    }
}
