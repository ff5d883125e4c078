using System.Collections.Concurrent;
using Archive.Web.Caching;
using Archive.Web.Database;
using Archive.Web.Works;
using Microsoft.Extensions.Options;

namespace Archive.Web.Tags;

/// <summary>
/// The names and types of the tags a listing offers as filter options (hundreds per page), kept in memory until any tag
/// is wrangled, so a listing reads only the ones it hasn't named before. Every instance forgets them on the same
/// evictions as its cached pages.
/// </summary>
public sealed class TagNames(CacheGenerations generations, IOptions<PageCacheOptions> options)
{
    const int MaxKept = 100_000;
    volatile Kept kept = new(-1);

    sealed class Kept(long generation)
    {
        public long Generation { get; } = generation;
        public ConcurrentDictionary<int, (string Name, TagType Type)> Names { get; } = new();
    }

    /// <summary>These works' blurbs and these tags' names and types, in one round trip (or none for names already known).</summary>
    public async Task<(List<WorkBlurb> Blurbs, Dictionary<int, (string Name, TagType Type)> Tags)> BlurbsAndNamesAsync(ArchiveDbContext db, IReadOnlyList<int> workIds, IReadOnlyCollection<int> tagIds)
    {
        if (!options.Value.Enabled) return await db.BlurbsAndTagsAsync(workIds, tagIds);
        // Taken before reading: names read while a tag is wrangled go into a set that is already being replaced.
        var known = Current();
        var names = new Dictionary<int, (string Name, TagType Type)>();
        var missing = new List<int>();
        foreach (var id in tagIds)
        {
            if (known.Names.TryGetValue(id, out var name)) names[id] = name;
            else missing.Add(id);
        }
        if (workIds.Count == 0 && missing.Count == 0) return ([], names);
        var (blurbs, read) = await db.BlurbsAndTagsAsync(workIds, missing);
        foreach (var (id, name) in read)
        {
            names[id] = name;
            if (known.Names.Count < MaxKept) known.Names[id] = name;
        }
        return (blurbs, names);
    }

    Kept Current()
    {
        var generation = generations.TagsGeneration;
        var now = kept;
        if (now.Generation == generation) return now;
        var fresh = new Kept(generation);
        kept = fresh;
        return fresh;
    }
}
