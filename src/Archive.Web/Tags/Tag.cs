using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Tags;

/// <summary>AO3's tag types, in the order a work header shows them.</summary>
public enum TagType
{
    Rating = 0,
    ArchiveWarning = 1,
    Category = 2,
    Fandom = 3,
    Relationship = 4,
    Character = 5,
    Freeform = 6,
    /// <summary>A collection's own tag (<see cref="Collections.Collection"/>): carried among its works' filter tags, never shown as a tag.</summary>
    Collection = 7,
}

/// <summary>
/// One tag, shared by every work that uses it. Names are unique whatever their case,
/// across types, as on AO3, so a tag's name alone will find it.
/// A tag is canonical (shown in filters and indexes), a synonym of one canonical tag (<see cref="MergerId"/>), or unwrangled.
/// </summary>
public sealed class Tag
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string NormalizedName { get; set; }
    public TagType Type { get; set; }
    public bool IsCanonical { get; set; }
    /// <summary>The canonical tag this one is a synonym of.</summary>
    public int? MergerId { get; set; }
    /// <summary>For relationships: the people in it, sorted and normalized ("clark/lex"), so "Lex/Clark" and "Clark/Lex" match.</summary>
    public string? RelationshipKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Visible works carrying this tag as their canonical tag, up to the changes waiting in <see cref="TagCountChange"/>; read it as <see cref="TagCounts"/> says.</summary>
    public int WorksCount { get; set; }

    public static string Normalize(string name) => name.ToUpperInvariant();

    /// <summary>Ratings, warnings and categories are fixed sets: always canonical.</summary>
    public static bool IsFixedType(TagType type) => type is TagType.Rating or TagType.ArchiveWarning or TagType.Category;

    /// <summary>"Lex / Clark" → "clark/lex"; "Clark & Lex" → "clark&lex". Romantic "/" and platonic "&" stay distinct.</summary>
    public static string? RelationshipKeyOf(TagType type, string name)
    {
        if (type != TagType.Relationship) return null;
        var separator = name.Contains('/') ? '/' : name.Contains('&') ? '&' : (char?)null;
        if (separator is null) return null;
        var people = name.Split(separator.Value).Select(p => string.Join(' ', p.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant())
            .Where(p => p.Length > 0).Order(StringComparer.Ordinal);
        return string.Join(separator.Value, people);
    }
}

/// <summary>A tag's parent: a character's or relationship's fandom, or any canonical tag's broader tag.</summary>
public sealed class TagParent
{
    public int TagId { get; set; }
    public int ParentId { get; set; }
}

/// <summary>A tag on a work, in the order its author typed the tags.</summary>
public sealed class WorkTag
{
    public int WorkId { get; set; }
    public int TagId { get; set; }
    public Tag Tag { get; set; } = null!;
    public int Position { get; set; }
}

public sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> tag)
    {
        tag.Property(t => t.Name).HasMaxLength(150);
        tag.Property(t => t.NormalizedName).HasMaxLength(150);
        tag.HasIndex(t => t.NormalizedName).IsUnique();
        tag.HasIndex(t => t.Type);
        tag.Property(t => t.RelationshipKey).HasMaxLength(300);
        tag.HasIndex(t => t.RelationshipKey);
        tag.HasIndex(t => t.MergerId);
        // The fandoms page lists a type's tags, biggest first.
        tag.HasIndex(t => new { t.Type, t.WorksCount });
        // Tag suggestions (every keystroke on the posting form) walk one type's canonical or other tags by name from
        // what was typed. In byte order ("C"), so a range of names from the prefix is every name starting with it,
        // whatever the database's collation.
        tag.HasIndex(t => new { t.Type, t.IsCanonical, t.NormalizedName }).HasDatabaseName("ix_tags_suggestions").UseCollation(null!, null!, "C");
        tag.HasOne<Tag>().WithMany().HasForeignKey(t => t.MergerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TagParentConfiguration : IEntityTypeConfiguration<TagParent>
{
    public void Configure(EntityTypeBuilder<TagParent> parent)
    {
        parent.HasKey(p => new { p.TagId, p.ParentId });
        parent.HasIndex(p => p.ParentId);
        parent.HasOne<Tag>().WithMany().HasForeignKey(p => p.TagId).OnDelete(DeleteBehavior.Cascade);
        parent.HasOne<Tag>().WithMany().HasForeignKey(p => p.ParentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class WorkTagConfiguration : IEntityTypeConfiguration<WorkTag>
{
    public void Configure(EntityTypeBuilder<WorkTag> workTag)
    {
        workTag.HasKey(t => new { t.WorkId, t.TagId });
        // Listing a tag's works walks this index.
        workTag.HasIndex(t => new { t.TagId, t.WorkId });
        workTag.HasOne(t => t.Tag).WithMany().HasForeignKey(t => t.TagId).OnDelete(DeleteBehavior.Restrict);
    }
}
