using Archive.Web.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Comments;

/// <summary>Who may comment on a work.</summary>
public enum CommentPermission
{
    Everyone = 0,
    RegisteredUsers = 1,
    Nobody = 2,
}

/// <summary>
/// A comment on a chapter, or a reply to another comment. Registered commenters post as one of their pseuds;
/// guests give a name and an email that is never shown. A screened comment waits for a creator or moderator.
/// </summary>
public sealed class Comment
{
    public int Id { get; set; }
    public int WorkId { get; set; }
    public int ChapterId { get; set; }
    public int? ParentId { get; set; }
    public int Depth { get; set; }

    public int? UserId { get; set; }
    public int? PseudId { get; set; }
    public string? GuestName { get; set; }
    public string? GuestEmail { get; set; }

    /// <summary>Plain text, shown escaped.</summary>
    public string Subject { get; set; } = "";
    public string BodySource { get; set; } = "";
    public string BodyHtml { get; set; } = "";
    public TextFormat TextFormat { get; set; }
    public int SanitizerVersion { get; set; }

    public bool IsScreened { get; set; }
    public bool IsDeleted { get; set; }
    /// <summary>Marked as spam by a moderator: gone for everyone. Later guest comments from its address wait for approval.</summary>
    public bool IsSpam { get; set; }
    /// <summary>A one-way hash of a guest's network address (the visitor's, behind a named proxy), to find one spammer's other comments for a moderator to confirm.</summary>
    public string? GuestAddressHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
}

public sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> comment)
    {
        comment.Property(c => c.Subject).HasMaxLength(150);
        comment.Property(c => c.GuestName).HasMaxLength(100);
        comment.Property(c => c.GuestEmail).HasMaxLength(254);
        comment.HasIndex(c => new { c.ChapterId, c.Id });
        // Visible comment counts per work read this partial index.
        comment.HasIndex(c => c.WorkId).HasFilter("NOT is_screened AND NOT is_deleted");
        comment.HasIndex(c => c.ParentId);
        comment.HasIndex(c => c.GuestAddressHash);
        // The moderators' queue reads screened comments across the archive.
        comment.HasIndex(c => c.Id).HasFilter("is_screened AND NOT is_deleted").HasDatabaseName("ix_comments_screened");
        comment.HasOne<Works.Work>().WithMany().HasForeignKey(c => c.WorkId).OnDelete(DeleteBehavior.Cascade);
        comment.HasOne<Chapters.Chapter>().WithMany().HasForeignKey(c => c.ChapterId).OnDelete(DeleteBehavior.Cascade);
        comment.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        comment.HasOne<Accounts.User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.SetNull);
        comment.HasOne<Accounts.Pseud>().WithMany().HasForeignKey(c => c.PseudId).OnDelete(DeleteBehavior.SetNull);
    }
}

/// <summary>That a creator has read a comment in their inbox.</summary>
public sealed class CommentRead
{
    public int UserId { get; set; }
    public int CommentId { get; set; }
}

public sealed class CommentReadConfiguration : IEntityTypeConfiguration<CommentRead>
{
    public void Configure(EntityTypeBuilder<CommentRead> read)
    {
        read.HasKey(r => new { r.UserId, r.CommentId });
        read.HasOne<Accounts.User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        read.HasOne<Comment>().WithMany().HasForeignKey(r => r.CommentId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Who is looking at comments, for deciding what they may see and do.</summary>
public sealed record CommentViewer(int? UserId, bool IsCreator, bool IsModerator)
{
    /// <summary>A screened comment is seen only by its writer, the work's creators and moderators.</summary>
    public bool CanSee(Comment comment) =>
        !comment.IsScreened || IsCreator || IsModerator || (UserId is { } id && comment.UserId == id);

    public bool CanSee(Works.CommentRow comment) =>
        !comment.IsScreened || IsCreator || IsModerator || (UserId is { } id && comment.UserId == id);

    public bool CanModerate => IsCreator || IsModerator;
}
