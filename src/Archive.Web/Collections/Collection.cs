using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Collections;

/// <summary>
/// A group of works gathered by its maintainers: a fest, an exchange, a theme. It may sit under one parent (Yuletide 2026
/// under Yuletide), whose page lists its works too.
/// </summary>
/// <remarks>
/// A collection's works are found as a tag's are: each collection has a tag of its own (<see cref="Tags.TagType.Collection"/>),
/// which its approved works carry among their filter tags, never among the tags they show. So a collection's page has a tag
/// page's filters, sorts, counts, feeds and cache evictions at the same flat cost, whatever the archive's size.
/// </remarks>
public sealed class Collection
{
    public int Id { get; set; }
    /// <summary>Its address: /collections/NAME. Letters, digits and underscores, in lower case.</summary>
    public required string Name { get; set; }
    public required string Title { get; set; }
    public string DescriptionSource { get; set; } = "";
    public string DescriptionHtml { get; set; } = "";
    /// <summary>An image shown atop its page: an http(s) address only, checked on save.</summary>
    public string? HeaderImageUrl { get; set; }
    public int? ParentId { get; set; }
    public int TagId { get; set; }

    /// <summary>Closed collections take no new works from their creators (maintainers may still invite).</summary>
    public bool IsOpen { get; set; } = true;
    /// <summary>Works added by their creators wait for a maintainer's approval.</summary>
    public bool IsModerated { get; set; }
    /// <summary>Its works' creators show as "Anonymous" until the maintainers reveal them.</summary>
    public bool IsAnonymous { get; set; }
    /// <summary>Its works show only as "Mystery work" until the maintainers reveal them.</summary>
    public bool IsUnrevealed { get; set; }
    /// <summary>When the works (and creators) are revealed by themselves, if the maintainers haven't done it before.</summary>
    public DateTimeOffset? RevealAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public const int NameMaxLength = 60, TitleMaxLength = 255;

    /// <summary>The name of the collection's own tag: "*" is refused in tags people type, so no author's tag can be it.</summary>
    public static string TagNameFor(string name) => TagNamePrefix + name;
    public const string TagNamePrefix = "*collection*";
}

public enum MaintainerRole { Owner = 0, Moderator = 1 }

/// <summary>Someone who runs a collection: owners change its settings and maintainers; both approve works and reveal.</summary>
public sealed class CollectionMaintainer
{
    public int CollectionId { get; set; }
    public int UserId { get; set; }
    public MaintainerRole Role { get; set; }
}

public enum Approval { Unreviewed = 0, Approved = 1, Rejected = 2 }

/// <summary>
/// A work in a collection. Both sides agree: the work's creator (who added it, or accepts a maintainer's invitation) and
/// the collection (at once, or a maintainer's approval when it is moderated). Only then is it listed there.
/// </summary>
public sealed class CollectionItem
{
    public int Id { get; set; }
    public int CollectionId { get; set; }
    public Collection Collection { get; set; } = null!;
    public int WorkId { get; set; }
    public Approval CreatorApproval { get; set; }
    public Approval CollectionApproval { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public bool IsApproved => CreatorApproval == Approval.Approved && CollectionApproval == Approval.Approved;
}

/// <summary>A public bookmark in a collection (a rec list): listed once approved, at once unless the collection is moderated.</summary>
public sealed class CollectionBookmark
{
    public int CollectionId { get; set; }
    public int BookmarkId { get; set; }
    public bool IsApproved { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

public sealed class CollectionBookmarkConfiguration : IEntityTypeConfiguration<CollectionBookmark>
{
    public void Configure(EntityTypeBuilder<CollectionBookmark> item)
    {
        item.HasKey(b => new { b.CollectionId, b.BookmarkId });
        item.HasIndex(b => b.BookmarkId);
        item.HasOne<Collection>().WithMany().HasForeignKey(b => b.CollectionId).OnDelete(DeleteBehavior.Cascade);
        item.HasOne<Bookmarks.Bookmark>().WithMany().HasForeignKey(b => b.BookmarkId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CollectionConfiguration : IEntityTypeConfiguration<Collection>
{
    public void Configure(EntityTypeBuilder<Collection> collection)
    {
        collection.Property(c => c.Name).HasMaxLength(Collection.NameMaxLength);
        collection.HasIndex(c => c.Name).IsUnique();
        collection.Property(c => c.Title).HasMaxLength(Collection.TitleMaxLength);
        collection.Property(c => c.HeaderImageUrl).HasMaxLength(500);
        collection.HasOne<Collection>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        collection.HasIndex(c => c.ParentId);
        collection.HasOne<Tags.Tag>().WithMany().HasForeignKey(c => c.TagId).OnDelete(DeleteBehavior.Restrict);
        collection.HasIndex(c => c.TagId).IsUnique();
        // Reveals due are found by date.
        collection.HasIndex(c => c.RevealAt).HasFilter("reveal_at IS NOT NULL");
    }
}

public sealed class CollectionMaintainerConfiguration : IEntityTypeConfiguration<CollectionMaintainer>
{
    public void Configure(EntityTypeBuilder<CollectionMaintainer> maintainer)
    {
        maintainer.HasKey(m => new { m.CollectionId, m.UserId });
        maintainer.HasIndex(m => m.UserId);
        maintainer.HasOne<Collection>().WithMany().HasForeignKey(m => m.CollectionId).OnDelete(DeleteBehavior.Cascade);
        maintainer.HasOne<Accounts.User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CollectionItemConfiguration : IEntityTypeConfiguration<CollectionItem>
{
    public void Configure(EntityTypeBuilder<CollectionItem> item)
    {
        item.HasIndex(i => new { i.CollectionId, i.WorkId }).IsUnique();
        item.HasIndex(i => i.WorkId);
        item.HasOne(i => i.Collection).WithMany().HasForeignKey(i => i.CollectionId).OnDelete(DeleteBehavior.Cascade);
        item.HasOne<Works.Work>().WithMany().HasForeignKey(i => i.WorkId).OnDelete(DeleteBehavior.Cascade);
    }
}
