using Archive.Web.Database;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Caching;

/// <summary>What a work's change reaches besides its own pages: its canonical tags' listings, the originals listing it as inspired by them, and its series.</summary>
public sealed record WorkFootprint(int[] TagIds, int[] ParentWorkIds, int[] SeriesWorkIds)
{
    public static readonly WorkFootprint None = new([], [], []);
}

/// <summary>
/// The one place that knows which cached pages show what: every change calls one of these after its transaction commits,
/// and they evict exactly the pages (and page parts) that show it.
/// </summary>
public sealed class PageCacheEvictions(IOutputCacheStore store, HybridCache parts, CacheGenerations generations, EvictionBroadcast broadcast, ReplicaReads? replica = null)
{
    /// <summary>Evicts here, then tells the other processes sharing the database.</summary>
    public async Task EvictAsync(IEnumerable<string> tags)
    {
        var distinct = tags.Distinct().ToList();
        // Before anything is evicted: a page rebuilt from a standby that hasn't replayed the change would be cached stale.
        var position = replica is null ? 0 : await replica.PrimaryPositionAsync();
        replica?.MustSee(position);
        await EvictHereAsync(distinct);
        await broadcast.SendAsync(distinct, position);
    }

    /// <summary>Evicts from this process's caches only: whole pages, page parts, and the generations their keys name.</summary>
    public async ValueTask EvictHereAsync(IReadOnlyCollection<string> tags)
    {
        generations.Evicted(tags);
        foreach (var tag in tags) await store.EvictByTagAsync(tag, CancellationToken.None);
        await parts.RemoveByTagAsync(tags);
    }

    /// <summary>What a work's change would reach now; take it before a change that may move the work (edit, delete) and pass it to <see cref="WorkChangedAsync"/>.</summary>
    public static async Task<WorkFootprint> FootprintAsync(ArchiveDbContext db, int workId) =>
        await db.Database.SqlQuery<WorkFootprint>($"""
            SELECT w.filter_tag_ids AS tag_ids,
                   ARRAY(SELECT r.parent_work_id FROM related_works r WHERE r.work_id = w.id AND r.parent_work_id IS NOT NULL AND r.approval = 1) AS parent_work_ids,
                   ARRAY(SELECT o.work_id FROM series_parts p JOIN series_parts o ON o.series_id = p.series_id WHERE p.work_id = w.id) AS series_work_ids
            FROM works w WHERE w.id = {workId}
            """).SingleOrDefaultAsync() ?? WorkFootprint.None;

    /// <summary>
    /// A work was posted, edited, hidden or shown again, deleted, or a chapter of it changed: its pages, every listing it
    /// was or is in, and the pages that show it (its originals' "inspired by" lists, its series neighbours).
    /// </summary>
    public async Task WorkChangedAsync(ArchiveDbContext db, int workId, WorkFootprint? before = null)
    {
        var now = await FootprintAsync(db, workId);
        before ??= WorkFootprint.None;
        var tagIds = now.TagIds.Concat(before.TagIds);
        var works = now.ParentWorkIds.Concat(before.ParentWorkIds).Concat(now.SeriesWorkIds).Concat(before.SeriesWorkIds).Append(workId).ToList();
        await EvictAsync([CacheTags.AllWorks, CacheTags.AllCounts, .. works.Select(CacheTags.Work),
            .. tagIds.SelectMany(id => new[] { CacheTags.Listing(id), CacheTags.Counts(id) })]);
    }

    /// <summary>Kudos, hits or public bookmarks of these works changed: their pages and blurbs, and listings sorted by those counts.</summary>
    public async Task CountsChangedAsync(ArchiveDbContext db, IReadOnlyCollection<int> workIds)
    {
        if (workIds.Count == 0) return;
        int[] ids = [.. workIds];
        var tagIds = await db.Database.SqlQuery<int>($"""SELECT DISTINCT unnest(filter_tag_ids) AS "Value" FROM works WHERE id = ANY({ids})""").ToListAsync();
        await EvictAsync([CacheTags.AllCounts, .. ids.Select(CacheTags.Work), .. tagIds.Select(CacheTags.Counts)]);
    }

    /// <summary>Only what shows on these works' own pages changed (a comment, a refused gift, a related work's approval).</summary>
    public Task WorkPagesChangedAsync(params IEnumerable<int> workIds) => EvictAsync(workIds.Select(CacheTags.Work));

    /// <summary>
    /// A pseud was renamed: the works it is credited on (their pages, and listings sorted by creator), and the pages
    /// of works it commented on or was given.
    /// </summary>
    public async Task PseudRenamedAsync(ArchiveDbContext db, int pseudId)
    {
        foreach (var workId in await db.WorkCreators.Where(c => c.PseudId == pseudId).Select(c => c.WorkId).ToListAsync())
            await WorkChangedAsync(db, workId);
        await WorkPagesChangedAsync(await db.Comments.Where(c => c.PseudId == pseudId).Select(c => c.WorkId)
            .Union(db.Gifts.Where(g => g.PseudId == pseudId).Select(g => g.WorkId)).ToListAsync());
    }

    /// <summary>
    /// Tags were wrangled: pages naming them, and every listing that filters by a tag their works carry, since those
    /// works' canonical tags (and so their listings and option counts) changed. Call after the works' filter tags are refreshed.
    /// </summary>
    public async Task TagsWrangledAsync(ArchiveDbContext db, IReadOnlyCollection<int> tagIds)
    {
        int[] ids = [.. tagIds];
        var together = await db.Database.SqlQuery<int>($"""
            SELECT DISTINCT unnest(w.filter_tag_ids) AS "Value" FROM works w WHERE w.id IN (SELECT work_id FROM work_tags WHERE tag_id = ANY({ids}))
            """).ToListAsync();
        await EvictAsync([CacheTags.AllWorks, CacheTags.AllCounts, .. ids.Select(CacheTags.ShowsTag), .. ids.Concat(together).SelectMany(id => new[] { CacheTags.Listing(id), CacheTags.Counts(id) })]);
    }
}
