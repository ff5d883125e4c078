using Archive.Web.Database;
using Archive.Web.Works;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Tags;

public static class WorkTagging
{
    /// <summary>The tag with this name, made if nobody has used it yet (a name that exists keeps its tag, whatever its type); its canonical id.</summary>
    public static async Task<int> EnsureTagAsync(ArchiveDbContext db, TagType type, string name)
    {
        await InsertIfNewAsync(db, type, name, DateTimeOffset.UtcNow);
        return await db.Tags.Where(t => t.NormalizedName == Tag.Normalize(name)).Select(t => t.MergerId ?? t.Id).SingleAsync();
    }

    /// <summary>Made with ON CONFLICT, so two posts naming a new tag at once don't collide; a name that exists keeps its tag.</summary>
    static Task InsertIfNewAsync(ArchiveDbContext db, TagType type, string name, DateTimeOffset now) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO tags (name, normalized_name, type, is_canonical, relationship_key, created_at)
            VALUES ({name}, {Tag.Normalize(name)}, {(int)type}, {Tag.IsFixedType(type)}, {Tag.RelationshipKeyOf(type, name)}, {now})
            ON CONFLICT (normalized_name) DO NOTHING
            """);

    /// <summary>
    /// Gives the work exactly these tags, in this order. Missing tags are created with ON CONFLICT so two posts
    /// naming a new tag at once don't collide; a name that already exists keeps its tag, whatever its type.
    /// Call inside the transaction that saves the work, and <see cref="FilterTags.RefreshWorkAsync"/> once it is saved.
    /// Returns the tags that joined another spelling of their relationship while already on other works (whose filter
    /// tags it refreshed): evict them as wrangled once committed. Usually none: a new spelling has no other works.
    /// </summary>
    public static async Task<int[]> SetTagsAsync(ArchiveDbContext db, Work work, IReadOnlyList<(TagType Type, string Name)> wanted)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (type, name) in wanted) await InsertIfNewAsync(db, type, name, now);
        var keys = wanted.Select(w => Tag.RelationshipKeyOf(w.Type, w.Name)).OfType<string>().Distinct().ToArray();
        int[] joined = keys.Length > 0 ? await JoinSpellingsAsync(db, keys) : [];
        if (joined.Length > 0) await db.RefreshWorksTaggedAsync(joined);
        var normalized = wanted.Select(w => Tag.Normalize(w.Name)).ToList();
        var ids = await db.Tags.Where(t => normalized.Contains(t.NormalizedName)).ToDictionaryAsync(t => t.NormalizedName, t => t.Id);

        var positions = normalized.Select((n, i) => (Id: ids[n], Position: i)).DistinctBy(t => t.Id).ToList();
        work.Tags.RemoveAll(t => positions.All(p => p.Id != t.TagId));
        foreach (var (id, position) in positions)
        {
            if (work.Tags.FirstOrDefault(t => t.TagId == id) is { } existing) existing.Position = position;
            else work.Tags.Add(new WorkTag { TagId = id, Position = position });
        }
        return joined;
    }

    /// <summary>
    /// "Lex/Clark" joins whatever "Clark/Lex" belongs to, without anyone wrangling it: the unwrangled spellings of each
    /// relationship become synonyms of its canonical tag, or, while it has none, of its first spelling (which stays
    /// unwrangled, for a wrangler to choose; <see cref="TagWrangling"/> takes them all along). Spellings a wrangler
    /// made canonical or a synonym of a canonical tag are left as they are. One statement over the relationships'
    /// spellings (their key's index), so it can't loop however posts race; the tags that changed and have works.
    /// </summary>
    public static async Task<int[]> JoinSpellingsAsync(ArchiveDbContext db, string[] keys) => [.. await db.Database.SqlQuery<int>($"""
        WITH spelling AS (
            SELECT t.id, t.relationship_key, t.is_canonical OR COALESCE(m.is_canonical, false) AS wrangled,
                   CASE WHEN t.is_canonical THEN t.id WHEN m.is_canonical THEN m.id END AS canonical_id
            FROM tags t LEFT JOIN tags m ON m.id = t.merger_id
            WHERE t.relationship_key = ANY({keys})
        ), joining AS (
            SELECT relationship_key,
                   COALESCE(min(id) FILTER (WHERE canonical_id = id), min(canonical_id), min(id) FILTER (WHERE NOT wrangled)) AS target
            FROM spelling GROUP BY relationship_key
        ), joined AS (
            UPDATE tags t SET merger_id = NULLIF(j.target, t.id)
            FROM spelling s JOIN joining j ON j.relationship_key = s.relationship_key
            WHERE t.id = s.id AND NOT s.wrangled AND t.merger_id IS DISTINCT FROM NULLIF(j.target, t.id)
            RETURNING t.id)
        SELECT id AS "Value" FROM joined WHERE EXISTS (SELECT 1 FROM work_tags wt WHERE wt.tag_id = joined.id)
        """).ToListAsync()];
}
