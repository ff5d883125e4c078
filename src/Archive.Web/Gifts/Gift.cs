using Archive.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Gifts;

/// <summary>"For NAME": a work given to a pseud on the archive (who is told, and may refuse it) or to a name alone.</summary>
public sealed class Gift
{
    public int Id { get; set; }
    public int WorkId { get; set; }
    public int? PseudId { get; set; }
    public Pseud? Pseud { get; set; }
    /// <summary>For someone without an account: the name the author wrote.</summary>
    public string? RecipientName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the recipient saw it on their gifts page; until then it is news in their inbox.</summary>
    public DateTimeOffset? SeenAt { get; set; }
    /// <summary>A refused gift stays refused: the work no longer names them and can't be given to them again.</summary>
    public DateTimeOffset? RefusedAt { get; set; }
}

public sealed class GiftConfiguration : IEntityTypeConfiguration<Gift>
{
    public void Configure(EntityTypeBuilder<Gift> gift)
    {
        gift.ToTable("gifts", t => t.HasCheckConstraint("ck_gifts_recipient", "(pseud_id IS NULL) <> (recipient_name IS NULL)"));
        gift.Property(g => g.RecipientName).HasMaxLength(100);
        gift.HasOne<Works.Work>().WithMany().HasForeignKey(g => g.WorkId).OnDelete(DeleteBehavior.Cascade);
        gift.HasOne(g => g.Pseud).WithMany().HasForeignKey(g => g.PseudId).OnDelete(DeleteBehavior.Cascade);
        gift.HasIndex(g => new { g.WorkId, g.PseudId }).IsUnique().HasFilter("pseud_id IS NOT NULL");
        gift.HasIndex(g => new { g.WorkId, g.RecipientName }).IsUnique().HasFilter("recipient_name IS NOT NULL");
        gift.HasIndex(g => g.PseudId);
    }
}
