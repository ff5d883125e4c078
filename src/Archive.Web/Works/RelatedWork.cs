using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Works;

public enum Relation
{
    RemixOf = 0,
    InspiredBy = 1,
    TranslationOf = 2,
}

/// <summary>A work this one remixes, is inspired by or translates: on this archive (linked) or elsewhere (title and author).</summary>
public sealed class RelatedWork
{
    public int Id { get; set; }
    public int WorkId { get; set; }
    public Relation Relation { get; set; }
    public required string Title { get; set; }
    public string? Author { get; set; }
    public string? Url { get; set; }
    public int? ParentWorkId { get; set; }

    public static string Describe(Relation relation) => relation switch
    {
        Relation.RemixOf => "A remix of",
        Relation.TranslationOf => "A translation of",
        _ => "Inspired by",
    };
}

public sealed class RelatedWorkConfiguration : IEntityTypeConfiguration<RelatedWork>
{
    public void Configure(EntityTypeBuilder<RelatedWork> related)
    {
        related.Property(r => r.Title).HasMaxLength(255);
        related.Property(r => r.Author).HasMaxLength(255);
        related.Property(r => r.Url).HasMaxLength(2000);
        related.HasIndex(r => r.ParentWorkId);
        related.HasOne<Work>().WithMany().HasForeignKey(r => r.ParentWorkId).OnDelete(DeleteBehavior.SetNull);
    }
}
