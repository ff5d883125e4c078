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
}

/// <summary>
/// One tag, shared by every work that uses it. Names are unique whatever their case,
/// across types, as on AO3, so a tag's name alone will find it.
/// </summary>
public sealed class Tag
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string NormalizedName { get; set; }
    public TagType Type { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public static string Normalize(string name) => name.ToUpperInvariant();
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
