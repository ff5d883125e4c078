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
        await RefreshAsync("w.id = {0}", workId);
        await db.RefreshWorkAsync(workId);
        // Its search text, creator sort and downloads name its creators or not (the flags may have moved in the caller's transaction).
        await db.RecountAsync(workId, revised: false);
        await db.Downloads.Where(d => d.WorkId == workId).ExecuteDeleteAsync();
        await evictions.WorkChangedAsync(db, workId, before);
    }

    /// <summary>
    /// Inside the transaction that saves a work, before its filter tags and search text: its flags as its collections
    /// now say, so a work posted to an anonymous collection never shows its creators, not even for a moment.
    /// </summary>
    public Task SetFlagsAsync(int workId) => RefreshAsync("w.id = {0}", workId);

    /// <summary>A collection's settings changed (anonymous, unrevealed, parent, maintainers, a reveal): every work in it, evicted at once after it is saved.</summary>
    /// <param name="change">The change itself (saving the collection), made in the same transaction: a collection never says it is anonymous while its works still name their creators.</param>
    public async Task CollectionChangedAsync(int collectionId, Func<Task>? change = null)
    {
        List<string> reach;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            if (change is not null) await change();
            reach = await RefreshCollectionAsync(collectionId);
            // Subcollections' works carry their parent's tag among their filter tags.
            foreach (var child in await db.Collections.Where(c => c.ParentId == collectionId).Select(c => c.Id).ToListAsync())
                reach.AddRange(await RefreshCollectionAsync(child));
            await transaction.CommitAsync();
        }
        await evictions.EvictAsync(reach.Distinct());
    }

    /// <summary>Its works' flags, filter tags and search text, in the caller's transaction; returns what to evict once it commits.</summary>
    async Task<List<string>> RefreshCollectionAsync(int collectionId)
    {
        var before = await ReachAsync(collectionId);
        var anonymityMoved = await RefreshAsync("w.id IN (SELECT work_id FROM collection_items WHERE collection_id = {0})", collectionId);
        await db.RefreshWorksInCollectionAsync(collectionId);
        foreach (var id in anonymityMoved) await db.RecountAsync(id, revised: false);
        // Kept downloads were made with or without the names.
        int[] moved = [.. anonymityMoved];
        await db.Downloads.Where(d => moved.Contains(d.WorkId)).ExecuteDeleteAsync();
        var after = await ReachAsync(collectionId);
        return [CacheTags.AllWorks, CacheTags.AllCounts, CacheTags.Collections, .. before.Concat(after).Distinct()];
    }

    /// <summary>
    /// Reveals the collections whose reveal date has come, each once whatever the number of instances: claiming one is
    /// the same statement that reveals it, and its works follow in the same transaction (a crash leaves it still due).
    /// </summary>
    public async Task<int> RevealDueAsync()
    {
        var reach = new List<string>();
        List<int> due;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            due = await db.Database.SqlQuery<int>($"""
                UPDATE collections SET is_anonymous = false, is_unrevealed = false, reveal_at = NULL
                WHERE id IN (SELECT id FROM collections WHERE reveal_at <= now() FOR UPDATE SKIP LOCKED) RETURNING id AS "Value"
                """).ToListAsync();
            foreach (var id in due)
            {
                reach.AddRange(await RefreshCollectionAsync(id));
                reach.Add(CacheTags.ShowsTag(await db.Collections.Where(c => c.Id == id).Select(c => c.TagId).SingleAsync()));
            }
            await transaction.CommitAsync();
        }
        if (reach.Count > 0) await evictions.EvictAsync(reach.Distinct());
        return due.Count;
    }

    /// <summary>What a collection's works reach: their pages, the listings of their tags, and the originals that list them as inspired by them.</summary>
    async Task<List<string>> ReachAsync(int collectionId)
    {
        var reach = await db.Database.SqlQuery<Reach>($"""
            SELECT ARRAY(SELECT DISTINCT unnest(w.filter_tag_ids) FROM works w JOIN collection_items ci ON ci.work_id = w.id WHERE ci.collection_id = {collectionId}) AS tag_ids,
                   ARRAY(SELECT r.parent_work_id FROM related_works r JOIN collection_items ci ON ci.work_id = r.work_id
                         WHERE ci.collection_id = {collectionId} AND r.parent_work_id IS NOT NULL) AS parent_work_ids,
                   -- Its works, and their series neighbours (whose pages link to them).
                   ARRAY(SELECT work_id FROM collection_items WHERE collection_id = {collectionId}
                         UNION SELECT o.work_id FROM collection_items ci JOIN series_parts p ON p.work_id = ci.work_id JOIN series_parts o ON o.series_id = p.series_id
                         WHERE ci.collection_id = {collectionId}) AS work_ids
            """).SingleAsync();
        return [.. reach.TagIds.SelectMany(id => new[] { CacheTags.Listing(id), CacheTags.Counts(id) }),
            .. reach.ParentWorkIds.Concat(reach.WorkIds).Select(CacheTags.Work)];
    }

    sealed record Reach(int[] TagIds, int[] ParentWorkIds, int[] WorkIds);

    // A work its creator put in an anonymous or unrevealed collection is anonymous or unrevealed at once, while it waits
    // for a moderated collection's approval too: only the collection's refusal (or leaving it) lets it go.
    /// <param name="which">A condition on works <c>w</c> with one parameter, <paramref name="id"/>.</param>
    Task<List<int>> RefreshAsync(string which, int id) => db.Database.SqlQueryRaw<int>(Flags.Replace("WHICH", which), id).ToListAsync();

    const string Flags = """
        WITH wanted AS (
            SELECT w.id,
                EXISTS (SELECT 1 FROM collection_items ci JOIN collections c ON c.id = ci.collection_id
                        WHERE ci.work_id = w.id AND ci.creator_approval = 1 AND ci.collection_approval <> 2 AND c.is_anonymous) AS anonymous,
                EXISTS (SELECT 1 FROM collection_items ci JOIN collections c ON c.id = ci.collection_id
                        WHERE ci.work_id = w.id AND ci.creator_approval = 1 AND ci.collection_approval <> 2 AND c.is_unrevealed) AS unrevealed,
                w.is_anonymous AS was_anonymous
            FROM works w WHERE WHICH),
        updated AS (
            UPDATE works w SET is_anonymous = wanted.anonymous, is_unrevealed = wanted.unrevealed,
                revealed_at = CASE WHEN (w.is_anonymous OR w.is_unrevealed) AND NOT wanted.anonymous AND NOT wanted.unrevealed THEN now() ELSE w.revealed_at END
            FROM wanted WHERE w.id = wanted.id AND (w.is_anonymous <> wanted.anonymous OR w.is_unrevealed <> wanted.unrevealed)
            RETURNING w.id, wanted.anonymous <> wanted.was_anonymous AS anonymity_moved)
        SELECT id AS "Value" FROM updated WHERE anonymity_moved
        """;
}
