using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Drafts;

/// <summary>
/// A work or chapter its author has written but not posted: the posting form as they left it. A draft is not a work (or a
/// chapter) until it is posted, so no listing, count, feed, search, API or download can ever show one. Drafts don't expire.
/// </summary>
public sealed class Draft
{
    public int Id { get; set; }
    /// <summary>Whose draft it is: only they see it.</summary>
    public int UserId { get; set; }
    /// <summary>The posted work a chapter draft belongs to; null for a new work.</summary>
    public int? WorkId { get; set; }
    /// <summary>The work's (or chapter's) title as typed, for the drafts list.</summary>
    public string Title { get; set; } = "";
    /// <summary>The form as JSON: a <see cref="Works.WorkForm"/>, or a <see cref="Chapters.ChapterForm"/> for a chapter.</summary>
    public string Form { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>When to post it by itself (UTC), or null to wait for the author.</summary>
    public DateTimeOffset? PostAt { get; set; }
    /// <summary>The time zone the author chose the moment in, to show it back to them as they typed it.</summary>
    public string TimeZone { get; set; } = "UTC";
    /// <summary>Why a scheduled post could not be made (the draft waits for its author then).</summary>
    public string? Problem { get; set; }
    /// <summary>The address the author saved it at: links they typed to works there are links to this archive.</summary>
    public string Host { get; set; } = "";

    public bool IsChapter => WorkId is not null;
}

public sealed class DraftConfiguration : IEntityTypeConfiguration<Draft>
{
    public void Configure(EntityTypeBuilder<Draft> draft)
    {
        draft.Property(d => d.Title).HasMaxLength(255);
        draft.Property(d => d.Form).HasColumnType("jsonb");
        draft.Property(d => d.TimeZone).HasMaxLength(100);
        draft.Property(d => d.Host).HasMaxLength(255);
        draft.HasOne<Accounts.User>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        draft.HasOne<Works.Work>().WithMany().HasForeignKey(d => d.WorkId).OnDelete(DeleteBehavior.Cascade);
        draft.HasIndex(d => new { d.UserId, d.UpdatedAt });
        draft.HasIndex(d => d.WorkId);
        // Every instance looks for the drafts due: only scheduled ones are in this index.
        draft.HasIndex(d => d.PostAt).HasFilter("post_at IS NOT NULL");
    }
}
