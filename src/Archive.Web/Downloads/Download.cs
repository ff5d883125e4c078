using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Downloads;

/// <summary>A generated download of a work, kept until the work changes (stored in the database, so every instance shares it).</summary>
public sealed class Download
{
    public int WorkId { get; set; }
    public required string Format { get; set; }
    /// <summary>The work's RevisedAt when this was generated; a newer revision makes it stale.</summary>
    public DateTimeOffset WorkRevisedAt { get; set; }
    public required byte[] Content { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The archive address its links name (<see cref="Hosting.SiteAddress"/>): a file made for another address is made again, never served.</summary>
    public string Site { get; set; } = "";
}

public sealed class DownloadConfiguration : IEntityTypeConfiguration<Download>
{
    public void Configure(EntityTypeBuilder<Download> download)
    {
        download.HasKey(d => new { d.WorkId, d.Format });
        download.Property(d => d.Format).HasMaxLength(10);
        download.Property(d => d.Site).HasMaxLength(255).HasDefaultValue("");
        download.HasOne<Works.Work>().WithMany().HasForeignKey(d => d.WorkId).OnDelete(DeleteBehavior.Cascade);
    }
}
