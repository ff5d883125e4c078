using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.History;

/// <summary>A signed-in reader's visits to a work, and whether they marked it to read later.</summary>
public sealed class Reading
{
    public int UserId { get; set; }
    public int WorkId { get; set; }
    public DateTimeOffset LastVisitedAt { get; set; }
    public int Visits { get; set; }
    public bool MarkedForLater { get; set; }
}

/// <summary>Readers who asked not to have their reading remembered.</summary>
public sealed class HistoryOptOut
{
    public int UserId { get; set; }
}

public sealed class ReadingConfiguration : IEntityTypeConfiguration<Reading>
{
    public void Configure(EntityTypeBuilder<Reading> reading)
    {
        reading.HasKey(r => new { r.UserId, r.WorkId });
        reading.HasIndex(r => new { r.UserId, r.LastVisitedAt });
        reading.HasOne<Accounts.User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        reading.HasOne<Works.Work>().WithMany().HasForeignKey(r => r.WorkId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class HistoryOptOutConfiguration : IEntityTypeConfiguration<HistoryOptOut>
{
    public void Configure(EntityTypeBuilder<HistoryOptOut> optOut)
    {
        optOut.HasKey(o => o.UserId);
        optOut.HasOne<Accounts.User>().WithMany().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
