using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Tags;

public sealed record WrangleResult(bool Done, string Message);

/// <summary>
/// What tag wranglers do: make a tag canonical, make it a synonym of a canonical tag, or give it a parent.
/// Every change refreshes the filter tags of the works it touches, so listings and counts follow at once.
/// </summary>
public sealed class TagWrangling(ArchiveDbContext db, Caching.PageCacheEvictions evictions)
{
    public const string WranglerRole = "wrangler";
    public const string AdminRole = "admin";

    public async Task<WrangleResult> MakeCanonicalAsync(string name)
    {
        var tag = await FindAsync(name);
        if (tag is null) return Refused($"There is no tag called “{name}”.");
        if (tag.IsCanonical) return new(true, $"“{tag.Name}” is already canonical.");
        await using var transaction = await db.Database.BeginTransactionAsync();
        var wasSynonymOf = tag.MergerId;
        var wasWrangled = wasSynonymOf is { } merger && await db.Tags.AnyAsync(t => t.Id == merger && t.IsCanonical);
        tag.IsCanonical = true;
        tag.MergerId = null;
        await db.SaveChangesAsync();
        var claimed = await ClaimSpellingsAsync(tag, tag.RelationshipKey);
        await db.RefreshWorksTaggedAsync([tag.Id, .. claimed]);
        await transaction.CommitAsync();
        await evictions.TagsWrangledAsync(db, [tag.Id, .. claimed, .. wasSynonymOf is { } old ? [old] : Array.Empty<int>()]);
        return new(true, wasWrangled ? $"“{tag.Name}” is now canonical on its own, no longer a synonym." : $"“{tag.Name}” is now canonical.");
    }

    public async Task<WrangleResult> MakeSynonymAsync(string name, string canonicalName)
    {
        var tag = await FindAsync(name);
        if (tag is null) return Refused($"There is no tag called “{name}”.");
        if (Tag.IsFixedType(tag.Type)) return Refused($"“{tag.Name}” is one of the archive's fixed {TagTypes.Plural(tag.Type).ToLowerInvariant()} and can't be a synonym.");
        if (string.Equals(tag.Name, canonicalName.Trim(), StringComparison.OrdinalIgnoreCase)) return Refused("A tag can't be a synonym of itself.");
        var canonical = await FindAsync(canonicalName) ?? await CreateCanonicalAsync(canonicalName.Trim(), tag.Type);
        if (canonical.Type != tag.Type)
            return Refused($"“{tag.Name}” is {TagTypes.Described(tag.Type)} but “{canonical.Name}” is {TagTypes.Described(canonical.Type)}; a synonym must be of the same type.");
        // A spelling that only joined its relationship's first spelling by itself is unwrangled: choosing it as canonical takes the others along.
        var detached = false;
        if (canonical.MergerId is { } further)
        {
            var furtherTag = await db.Tags.AsNoTracking().Where(t => t.Id == further).Select(t => new { t.Name, t.IsCanonical }).SingleAsync();
            if (furtherTag.IsCanonical) return Refused($"“{canonical.Name}” is itself a synonym of “{furtherTag.Name}”; make “{tag.Name}” a synonym of “{furtherTag.Name}” instead.");
            detached = true;
        }
        // An unwrangled tag's synonyms are its other spellings that joined it by themselves: they follow it.
        if (tag.IsCanonical && await db.Tags.AnyAsync(t => t.MergerId == tag.Id))
            return Refused($"“{tag.Name}” has synonyms of its own; make those synonyms of “{canonical.Name}” first.");

        await using var transaction = await db.Database.BeginTransactionAsync();
        tag.IsCanonical = false;
        tag.MergerId = canonical.Id;
        canonical.IsCanonical = true;
        canonical.MergerId = null;
        await db.SaveChangesAsync();
        // The synonym's parents belong to its canonical now; other spellings of the same relationship follow it.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO tag_parents (tag_id, parent_id) SELECT {canonical.Id}, parent_id FROM tag_parents WHERE tag_id = {tag.Id} AND parent_id <> {canonical.Id}
            ON CONFLICT DO NOTHING
            """);
        var followers = await db.Tags.Where(t => t.MergerId == tag.Id).ToListAsync();
        foreach (var follower in followers) follower.MergerId = canonical.Id;
        await db.SaveChangesAsync();
        int[] affected = [tag.Id, .. followers.Select(f => f.Id), .. await ClaimSpellingsAsync(canonical, tag.RelationshipKey, canonical.RelationshipKey)];
        // A canonical tag's own works already count under it; one that was another spelling's synonym until now moves.
        await db.RefreshWorksTaggedAsync(detached ? [.. affected, canonical.Id] : affected);
        await transaction.CommitAsync();
        await evictions.TagsWrangledAsync(db, [.. affected, canonical.Id]);
        return new(true, $"“{tag.Name}” is now a synonym of “{canonical.Name}”.");
    }

    /// <summary>
    /// A relationship's unwrangled spellings (also those that joined its first spelling by themselves, <see cref="WorkTagging.JoinSpellingsAsync"/>)
    /// become synonyms of the tag a wrangler just made canonical: the wrangler's choice wins. Spellings already wrangled stay.
    /// </summary>
    async Task<int[]> ClaimSpellingsAsync(Tag canonical, params string?[] keys)
    {
        string[] wanted = [.. keys.OfType<string>().Distinct()];
        if (wanted.Length == 0) return [];
        var spellings = await db.Tags.Where(t => t.RelationshipKey != null && wanted.Contains(t.RelationshipKey) && t.Id != canonical.Id && !t.IsCanonical
            && (t.MergerId == null || db.Tags.Any(m => m.Id == t.MergerId && !m.IsCanonical))).ToListAsync();
        foreach (var spelling in spellings) spelling.MergerId = canonical.Id;
        await db.SaveChangesAsync();
        return [.. spellings.Select(s => s.Id)];
    }

    public async Task<WrangleResult> AddParentAsync(string name, string parentName)
    {
        var tag = await FindAsync(name);
        if (tag is null) return Refused($"There is no tag called “{name}”.");
        var parent = await FindAsync(parentName);
        if (parent is null) return Refused($"There is no tag called “{parentName}”.");
        // A synonym's relations live on its canonical tag.
        if (tag.MergerId is { } canonicalId) tag = await db.Tags.SingleAsync(t => t.Id == canonicalId);
        if (parent.MergerId is { } parentCanonical) parent = await db.Tags.SingleAsync(t => t.Id == parentCanonical);
        if (tag.Id == parent.Id) return Refused("A tag can't be its own parent.");
        if (tag.Type is TagType.Character or TagType.Relationship && parent.Type != TagType.Fandom)
            return Refused($"{TagTypes.Plural(tag.Type)} belong to fandoms; “{parent.Name}” is {TagTypes.Described(parent.Type)}.");
        if (!parent.IsCanonical) return Refused($"“{parent.Name}” isn't canonical yet; make it canonical before giving it children.");
        var ancestors = await db.Database.SqlQuery<int>($"""
            WITH RECURSIVE up(id) AS (SELECT parent_id FROM tag_parents WHERE tag_id = {parent.Id}
                UNION SELECT p.parent_id FROM tag_parents p JOIN up ON p.tag_id = up.id)
            SELECT id AS "Value" FROM up
            """).ToListAsync();
        if (ancestors.Contains(tag.Id)) return Refused($"“{parent.Name}” is already below “{tag.Name}”; that would make a loop.");
        await db.Database.ExecuteSqlAsync($"INSERT INTO tag_parents (tag_id, parent_id) VALUES ({tag.Id}, {parent.Id}) ON CONFLICT DO NOTHING");
        // Only the tag's own pages name its parents.
        await evictions.EvictAsync([Caching.CacheTags.ShowsTag(tag.Id), .. (await db.Tags.Where(t => t.MergerId == tag.Id).Select(t => t.Id).ToListAsync()).Select(Caching.CacheTags.ShowsTag)]);
        return new(true, $"“{tag.Name}” now belongs to “{parent.Name}”.");
    }

    Task<Tag?> FindAsync(string name) => db.Tags.SingleOrDefaultAsync(t => t.NormalizedName == Tag.Normalize(name.Trim()));

    async Task<Tag> CreateCanonicalAsync(string name, TagType type)
    {
        var tag = new Tag { Name = name, NormalizedName = Tag.Normalize(name), Type = type, IsCanonical = true, RelationshipKey = Tag.RelationshipKeyOf(type, name), CreatedAt = DateTimeOffset.UtcNow };
        db.Tags.Add(tag);
        await db.SaveChangesAsync();
        return tag;
    }

    static WrangleResult Refused(string message) => new(false, message);
}
