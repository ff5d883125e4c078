using Archive.Web.Caching;
using Archive.Web.Database;
using Archive.Web.Tags;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Api;

[ApiController]
public sealed class TagsApiController(ArchiveDbContext db) : ControllerBase
{
    const int Suggested = 10;

    /// <summary>
    /// Tags starting with what was typed, for the posting form's suggestions: canonical tags first, then the spellings
    /// other works use (on a fresh archive nothing is canonical yet), each with its type.
    /// </summary>
    [HttpGet("/api/tags/autocomplete")]
    public async Task<IActionResult> Autocomplete(string? term, string? type)
    {
        var prefix = Tag.Normalize(term?.Trim() ?? "");
        if (prefix.Length < 2) return Ok(Array.Empty<TagSuggestion>());
        TagType[] types = Enum.TryParse<TagType>(type, ignoreCase: true, out var tagType) && tagType != TagType.Collection
            ? [tagType] : [.. Enum.GetValues<TagType>().Where(t => t != TagType.Collection)];
        // Each type's canonical tags, and its other tags on some work, are a walk of ix_tags_suggestions from the prefix
        // that stops at the tenth: a few index rows a keystroke, however many tags start so. In byte order ("C"), the
        // names from the prefix up to the prefix and the last character are the names starting with it.
        var lookups = types.SelectMany(t => new[]
        {
            $"""
            (SELECT name, type, is_canonical, normalized_name FROM tags
             WHERE type = {(int)t} AND is_canonical AND normalized_name COLLATE "C" >= @prefix AND normalized_name COLLATE "C" < @upTo
             ORDER BY normalized_name COLLATE "C" LIMIT {Suggested})
            """,
            $"""
            (SELECT name, type, is_canonical, normalized_name FROM tags
             WHERE type = {(int)t} AND NOT is_canonical AND normalized_name COLLATE "C" >= @prefix AND normalized_name COLLATE "C" < @upTo
               AND EXISTS (SELECT 1 FROM work_tags wt WHERE wt.tag_id = tags.id)
             ORDER BY normalized_name COLLATE "C" LIMIT {Suggested})
            """,
        });
        var sql = $"""
            SELECT name AS "Name", type AS "Type", is_canonical AS "Canonical" FROM ({string.Join(" UNION ALL ", lookups)}) suggested
            ORDER BY is_canonical DESC, normalized_name COLLATE "C" LIMIT {Suggested}
            """;
        var found = await db.Database.SqlQueryRaw<FoundTag>(sql,
            new Npgsql.NpgsqlParameter("prefix", prefix), new Npgsql.NpgsqlParameter("upTo", prefix + char.ConvertFromUtf32(0x10FFFF))).ToListAsync();
        return Ok(found.Select(t => new TagSuggestion(t.Name, TagTypes.Label(t.Type), t.Canonical)));
    }

    sealed record FoundTag(string Name, TagType Type, bool Canonical);

    /// <summary>One suggestion: <c>{"name": "Clark Kent/Lex Luthor", "type": "Relationship", "canonical": false}</c>.</summary>
    public sealed record TagSuggestion(string Name, string Type, bool Canonical);

    [HttpGet("/api/tags/{name}")]
    [CachedForGuests]
    [ReadsFromReplica]
    public async Task<IActionResult> Get(string name)
    {
        var tagName = TagUrl.Unescape(name);
        var tag = await TagInfo.LoadAsync(db, tagName);
        if (tag is null || tag.Type == TagType.Collection) return NotFound(new { error = $"There is no tag called “{tagName}”." });
        HttpContext.Shows(CacheTags.Listing(tag.CanonicalId), CacheTags.ShowsTag(tag.Id), CacheTags.ShowsTag(tag.CanonicalId));
        return Ok(new
        {
            tag.Name,
            Type = TagTypes.Label(tag.Type),
            Canonical = tag.IsCanonical,
            tag.CanonicalName,
            tag.Synonyms,
            tag.Parents,
            tag.Works,
        });
    }
}
