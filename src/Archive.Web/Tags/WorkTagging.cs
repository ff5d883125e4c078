using Archive.Web.Database;
using Archive.Web.Works;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Tags;

public static class WorkTagging
{
    /// <summary>
    /// Gives the work exactly these tags, in this order. Missing tags are created with ON CONFLICT so two posts
    /// naming a new tag at once don't collide; a name that already exists keeps its tag, whatever its type.
    /// Call inside the transaction that saves the work.
    /// </summary>
    public static async Task SetTagsAsync(ArchiveDbContext db, Work work, IReadOnlyList<(TagType Type, string Name)> wanted)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (type, name) in wanted)
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO tags (name, normalized_name, type, created_at) VALUES ({name}, {Tag.Normalize(name)}, {(int)type}, {now})
                ON CONFLICT (normalized_name) DO NOTHING
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
