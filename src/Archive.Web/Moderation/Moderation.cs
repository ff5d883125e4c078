using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Moderation;

/// <summary>A reader's report of a work or a comment, for the moderators' queue.</summary>
public sealed class Report
{
    public int Id { get; set; }
    public int WorkId { get; set; }
    public int? CommentId { get; set; }
    public int? ReporterUserId { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public int? ResolvedByUserId { get; set; }
}

/// <summary>One moderator action: who, what, when, why. Written once; the database refuses to change or remove it.</summary>
public sealed class ModerationAction
{
    public long Id { get; set; }
    public int ModeratorUserId { get; set; }
    public required string Action { get; set; }
    public required string Target { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> report)
    {
        report.Property(r => r.Reason).HasMaxLength(2000);
        report.HasIndex(r => r.ResolvedAt);
        report.HasOne<Works.Work>().WithMany().HasForeignKey(r => r.WorkId).OnDelete(DeleteBehavior.Cascade);
        report.HasOne<Comments.Comment>().WithMany().HasForeignKey(r => r.CommentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ModerationActionConfiguration : IEntityTypeConfiguration<ModerationAction>
{
    public void Configure(EntityTypeBuilder<ModerationAction> action)
    {
        action.ToTable("moderation_log");
        action.Property(a => a.Action).HasMaxLength(60);
        action.Property(a => a.Target).HasMaxLength(300);
        action.Property(a => a.Reason).HasMaxLength(2000);
        action.HasIndex(a => a.CreatedAt);
    }
}
