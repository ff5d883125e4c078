using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Kudos;

/// <summary>Kudos on a work: one per registered reader, one per guest address. The database enforces "once".</summary>
public sealed class Kudo
{
    public long Id { get; set; }
    public int WorkId { get; set; }
    public int? UserId { get; set; }
    public string? GuestAddressHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class KudoConfiguration : IEntityTypeConfiguration<Kudo>
{
    public void Configure(EntityTypeBuilder<Kudo> kudo)
    {
        kudo.ToTable("kudos");
        kudo.HasIndex(k => new { k.WorkId, k.UserId }).IsUnique().HasFilter("user_id IS NOT NULL");
        kudo.HasIndex(k => new { k.WorkId, k.GuestAddressHash }).IsUnique().HasFilter("user_id IS NULL");
        kudo.HasOne<Works.Work>().WithMany().HasForeignKey(k => k.WorkId).OnDelete(DeleteBehavior.Cascade);
        kudo.HasOne<Accounts.User>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
