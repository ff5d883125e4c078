using Archive.Web.Caching;
using Archive.Web.Database;
using Archive.Web.Tags;
using Archive.Web.Works;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Collections;

/// <summary>
/// Keeps what a work's collections decide about it on the work itself: its filter tags (which collections list it), and
/// whether it is anonymous or unrevealed. Every page reads these from the work's row, so none can forget to ask its
/// collections. Call after any change to a work's items or to a collection's settings, then evict.
/// </summary>
public sealed class CollectionWorks(ArchiveDbContext db, PageCacheEvictions evictions)
{
    /// <summary>A work's items changed (added, approved, rejected, removed).</summary>
    public async Task WorkChangedAsync(int workId)
    {
        var before = await PageCacheEvictions.FootprintAsync(db, workId);
        var anonymityMoved = await RefreshAsync("w.id = {0}", workId);
        await db.RefreshWorkAsync(workId);
        if (anonymityMoved.Contains(workId)) await db.RecountAsync(workId, revised: false);
        await evictions.WorkChangedAsync(db, workId, before);
    }

    /// <summary>
    /// Inside the transaction that saves a work, before its filter tags and search text: its flags as its collections
    /// now say, so a work posted to an anonymous collection never shows its creators, not even for a moment.
    /// </summary>
    public Task SetFlagsAsync(int workId) => RefreshAsync("w.id = {0}", workId);

    /// <summary>A collection's settings changed (anonymous, unrevealed, parent, a reveal): every work in it.</summary>
    public async Task CollectionChangedAsync(int collectionId)
    {
        var workIds = await db.CollectionItems.Where(i => i.CollectionId == collectionId).Select(i => i.WorkId).ToListAsync();
        var before = new Dictionary<int, WorkFootprint>();
        foreach (var id in workIds) before[id] = await PageCacheEvictions.FootprintAsync(db, id);
        var anonymityMoved = await RefreshAsync("w.id IN (SELECT work_id FROM collection_items WHERE collection_id = {0})", collectionId);
        await db.RefreshWorksInCollectionAsync(collectionId);
        foreach (var id in anonymityMoved) await db.RecountAsync(id, revised: false);
        foreach (var id in workIds) await evictions.WorkChangedAsync(db, id, before[id]);
    }

    /// <summary>Sets the flags of the works <paramref name="which"/> selects; returns those whose anonymity moved (their search text names creators or not).</summary>
    /// <param name="which">A condition on works <c>w</c> with one parameter, <paramref name="id"/>.</param>
    Task<List<int>> RefreshAsync(string which, int id) => db.Database.SqlQueryRaw<int>(Flags.Replace("WHICH", which), id).ToListAsync();

    const string Flags = """
        WITH wanted AS (
            SELECT w.id,
                EXISTS (SELECT 1 FROM collection_items ci JOIN collections c ON c.id = ci.collection_id
                        WHERE ci.work_id = w.id AND ci.creator_approval = 1 AND ci.collection_approval = 1 AND c.is_anonymous) AS anonymous,
                EXISTS (SELECT 1 FROM collection_items ci JOIN collections c ON c.id = ci.collection_id
                        WHERE ci.work_id = w.id AND ci.creator_approval = 1 AND ci.collection_approval = 1 AND c.is_unrevealed) AS unrevealed,
                w.is_anonymous AS was_anonymous
            FROM works w WHERE WHICH),
        updated AS (
            UPDATE works w SET is_anonymous = wanted.anonymous, is_unrevealed = wanted.unrevealed
            FROM wanted WHERE w.id = wanted.id AND (w.is_anonymous <> wanted.anonymous OR w.is_unrevealed <> wanted.unrevealed)
            RETURNING w.id, wanted.anonymous <> wanted.was_anonymous AS anonymity_moved)
        SELECT id AS "Value" FROM updated WHERE anonymity_moved
        """;
}
