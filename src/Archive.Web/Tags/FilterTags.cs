using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Tags;

/// <summary>Keeps each work's <see cref="Works.Work.FilterTagIds"/> equal to the canonical tags of its tags and its collections' tags.</summary>
public static class FilterTags
{
    /// <summary>
    /// A work <c>w</c>'s filter tags: the canonical tag of each of its tags, and the tags of the collections it is approved
    /// in and of their parents (a parent's page lists its subcollections' works).
    /// </summary>
    const string TagsOfWork = """
        COALESCE((SELECT array_agg(DISTINCT id ORDER BY id) FROM (
            SELECT COALESCE(t.merger_id, t.id) AS id FROM work_tags wt JOIN tags t ON t.id = wt.tag_id WHERE wt.work_id = w.id
            UNION ALL
            SELECT unnest(ARRAY[c.tag_id, p.tag_id]) FROM collection_items ci JOIN collections c ON c.id = ci.collection_id LEFT JOIN collections p ON p.id = c.parent_id
            WHERE ci.work_id = w.id AND ci.creator_approval = 1 AND ci.collection_approval = 1) ids WHERE id IS NOT NULL), ARRAY[]::integer[])
        """;

    const string Refresh = $"""
        UPDATE works w SET filter_tag_ids = {TagsOfWork},
            fandom_count = (SELECT count(DISTINCT COALESCE(t.merger_id, t.id)) FROM work_tags wt JOIN tags t ON t.id = wt.tag_id WHERE wt.work_id = w.id AND t.type = 3)
        """;

    public static Task RefreshWorkAsync(this ArchiveDbContext db, int workId) =>
        db.Database.ExecuteSqlRawAsync(Refresh + " WHERE w.id = {0}", workId);

    /// <summary>After a collection's works (or its parent) changed: every work in it, in one statement.</summary>
    public static Task RefreshWorksInCollectionAsync(this ArchiveDbContext db, int collectionId) =>
        db.Database.ExecuteSqlRawAsync(Refresh + " WHERE w.id IN (SELECT work_id FROM collection_items WHERE collection_id = {0})", collectionId);

    /// <summary>After wrangling: every work that uses one of these tags, in one statement.</summary>
    public static Task RefreshWorksTaggedAsync(this ArchiveDbContext db, int[] tagIds) =>
        db.Database.ExecuteSqlRawAsync(Refresh + " WHERE w.id IN (SELECT work_id FROM work_tags WHERE tag_id = ANY({0}))", tagIds);
}
