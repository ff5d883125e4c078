using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Subscriptions;

public enum SubscriptionKind { Work = 0, Author = 1, Series = 2 }

/// <summary>A reader following a work (new chapters), an author (new works) or a series (new parts). Once each.</summary>
public sealed class Subscription
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public SubscriptionKind Kind { get; set; }
    public int TargetId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> subscription)
    {
        subscription.HasIndex(s => new { s.UserId, s.Kind, s.TargetId }).IsUnique();
        // A work's (or author's) subscribers: digests and authors' statistics count them.
        subscription.HasIndex(s => new { s.Kind, s.TargetId });
        subscription.HasOne<Accounts.User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
