using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Works;

public enum Relation
{
    RemixOf = 0,
    InspiredBy = 1,
    TranslationOf = 2,
}

/// <summary>Whether the original's creators agreed to list this work under "Works inspired by this one".</summary>
public enum LinkApproval
{
    Pending = 0,
    Approved = 1,
    Declined = 2,
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
    /// <summary>Only for a parent on this archive: the original shows this work once its creators approve.</summary>
    public LinkApproval Approval { get; set; }

    public static string Describe(Relation relation) => relation switch
    {
        Relation.RemixOf => "A remix of",
        Relation.TranslationOf => "A translation of",
        _ => "Inspired by",
    };

    /// <summary>"A remix of TITLE by AUTHOR", for plain-text places such as downloads.</summary>
    public static string Sentence(Relation relation, string title, string? author) =>
        $"{Describe(relation)} {title}{(string.IsNullOrEmpty(author) ? "" : $" by {author}")}.";
}

public sealed class RelatedWorkConfiguration : IEntityTypeConfiguration<RelatedWork>
{
    public void Configure(EntityTypeBuilder<RelatedWork> related)
    {
        related.Property(r => r.Title).HasMaxLength(255);
        related.Property(r => r.Author).HasMaxLength(255);
        related.Property(r => r.Url).HasMaxLength(2000);
        related.HasIndex(r => r.ParentWorkId);
        related.HasIndex(r => r.WorkId);
        // One link per original: editing a work can't list the same original twice.
        related.HasIndex(r => new { r.WorkId, r.ParentWorkId }).IsUnique().HasFilter("parent_work_id IS NOT NULL");
        related.ToTable(t => t.HasCheckConstraint("ck_related_works_url_http", "url IS NULL OR url ~* '^https?://'"));
        related.HasOne<Work>().WithMany().HasForeignKey(r => r.ParentWorkId).OnDelete(DeleteBehavior.SetNull);
    }
}
