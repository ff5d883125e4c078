using System.Collections.Concurrent;
using Archive.Web.Caching;
using Archive.Web.Database;
using Archive.Web.Works;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Archive.Web.Tags;

/// <summary>
/// The names and types of the tags a listing offers as filter options (hundreds per page), kept in memory until any tag
/// is wrangled, so a listing reads only the ones it hasn't named before. Every instance forgets them on the same
/// evictions as its cached pages. Listed works' blurbs are kept too, each until its work changes (as AO3 keeps its blurbs):
/// a popular tag's filters and sorts list the same works again and again.
/// </summary>
public sealed class TagNames(CacheGenerations generations, IOptions<PageCacheOptions> options, HybridCache parts)
{
    static readonly HybridCacheEntryOptions LookOnly = new() { Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite };

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
        // Each blurb's key names its work's state as of before the database is read, so one read during a change is
        // kept under a key that is already old.
        var keys = workIds.Select(id => (Id: id, Key: $"blurb:{generations.Process}:{id}:{generations.Of(id)}")).ToList();
        var kept = new Dictionary<int, WorkBlurb>();
        foreach (var (id, key) in keys)
            if (await parts.GetOrCreateAsync<WorkBlurb?>(key, static _ => ValueTask.FromResult<WorkBlurb?>(null), LookOnly) is { } blurb) kept[id] = blurb;
        int[] unread = [.. workIds.Where(id => !kept.ContainsKey(id))];
        if (unread.Length > 0 || missing.Count > 0)
        {
            var (blurbs, read) = await db.BlurbsAndTagsAsync(unread, missing);
            foreach (var (id, name) in read)
            {
                names[id] = name;
                if (known.Names.Count < MaxKept) known.Names[id] = name;
            }
            foreach (var blurb in blurbs)
            {
                kept[blurb.Id] = blurb;
                await parts.SetAsync(keys.First(k => k.Id == blurb.Id).Key, blurb, tags: [CacheTags.Work(blurb.Id), CacheTags.Everything]);
            }
        }
        return ([.. workIds.Where(kept.ContainsKey).Select(id => kept[id])], names);
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
