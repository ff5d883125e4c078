using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Series;

/// <summary>Works read in order: "Part 2 of the Superhero Blues series".</summary>
public sealed class WorkSeries
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public int OwnerUserId { get; set; }
    public string SummarySource { get; set; } = "";
    public string SummaryHtml { get; set; } = "";
    public string NotesSource { get; set; } = "";
    public string NotesHtml { get; set; } = "";
    public bool IsComplete { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A work's place in a series. Positions are unique within a series, in the database.</summary>
public sealed class SeriesPart
{
    public int SeriesId { get; set; }
    public int WorkId { get; set; }
    public int Position { get; set; }
}

public sealed class WorkSeriesConfiguration : IEntityTypeConfiguration<WorkSeries>
{
    public void Configure(EntityTypeBuilder<WorkSeries> series)
    {
        series.ToTable("series");
        series.Property(s => s.Title).HasMaxLength(255);
        series.HasIndex(s => s.OwnerUserId);
        series.HasOne<Accounts.User>().WithMany().HasForeignKey(s => s.OwnerUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SeriesPartConfiguration : IEntityTypeConfiguration<SeriesPart>
{
    public void Configure(EntityTypeBuilder<SeriesPart> part)
    {
        part.HasKey(p => new { p.SeriesId, p.WorkId });
        part.HasIndex(p => new { p.SeriesId, p.Position }).IsUnique();
        part.HasIndex(p => p.WorkId);
        part.HasOne<WorkSeries>().WithMany().HasForeignKey(p => p.SeriesId).OnDelete(DeleteBehavior.Cascade);
        part.HasOne<Works.Work>().WithMany().HasForeignKey(p => p.WorkId).OnDelete(DeleteBehavior.Cascade);
    }
}
