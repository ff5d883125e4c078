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
    /// </summary>
    public static async Task SetTagsAsync(ArchiveDbContext db, Work work, IReadOnlyList<(TagType Type, string Name)> wanted)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (type, name) in wanted) await InsertIfNewAsync(db, type, name, now);
        // "Lex/Clark" joins the canonical tag that "Clark/Lex" already belongs to, without anyone wrangling it.
        var keys = wanted.Select(w => Tag.RelationshipKeyOf(w.Type, w.Name)).OfType<string>().ToArray();
        if (keys.Length > 0)
            await db.Database.ExecuteSqlAsync($"""
                UPDATE tags t SET merger_id = (
                    SELECT COALESCE(o.merger_id, o.id) FROM tags o
                    WHERE o.relationship_key = t.relationship_key AND o.id <> t.id AND (o.is_canonical OR o.merger_id IS NOT NULL)
                    ORDER BY o.is_canonical DESC, o.id LIMIT 1)
                WHERE t.relationship_key = ANY({keys}) AND t.merger_id IS NULL AND NOT t.is_canonical
                  AND EXISTS (SELECT 1 FROM tags o WHERE o.relationship_key = t.relationship_key AND o.id <> t.id AND (o.is_canonical OR o.merger_id IS NOT NULL))
                """);
        var normalized = wanted.Select(w => Tag.Normalize(w.Name)).ToList();
        var ids = await db.Tags.Where(t => normalized.Contains(t.NormalizedName)).ToDictionaryAsync(t => t.NormalizedName, t => t.Id);

        var positions = normalized.Select((n, i) => (Id: ids[n], Position: i)).DistinctBy(t => t.Id).ToList();
        work.Tags.RemoveAll(t => positions.All(p => p.Id != t.TagId));
        foreach (var (id, position) in positions)
        {
            if (work.Tags.FirstOrDefault(t => t.TagId == id) is { } existing) existing.Position = position;
            else work.Tags.Add(new WorkTag { TagId = id, Position = position });
        }
    }
}
