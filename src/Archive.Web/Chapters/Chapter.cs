using Archive.Web.Text;
using Archive.Web.Works;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Chapters;

/// <summary>One chapter of a work, at a 1-based position.</summary>
public sealed class Chapter
{
    public int Id { get; set; }
    public int WorkId { get; set; }
    public Work Work { get; set; } = null!;
    public int Position { get; set; }
    public string? Title { get; set; }

    public string SummarySource { get; set; } = "";
    public string SummaryHtml { get; set; } = "";
    public string NotesSource { get; set; } = "";
    public string NotesHtml { get; set; } = "";
    public string EndNotesSource { get; set; } = "";
    public string EndNotesHtml { get; set; } = "";
    public string BodySource { get; set; } = "";
    public string BodyHtml { get; set; } = "";
    public TextFormat TextFormat { get; set; }
    public int SanitizerVersion { get; set; }

    /// <summary>The part number of the imported post this chapter came from, so importing it again changes nothing.</summary>
    public int? ImportedPart { get; set; }

    public int WordCount { get; set; }
    public DateOnly PublishedOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset RevisedAt { get; set; }
}

public sealed class ChapterConfiguration : IEntityTypeConfiguration<Chapter>
{
    public void Configure(EntityTypeBuilder<Chapter> chapter)
    {
        chapter.Property(c => c.Title).HasMaxLength(255);
        chapter.HasIndex(c => new { c.WorkId, c.Position }).IsUnique();
        chapter.HasIndex(c => new { c.WorkId, c.ImportedPart }).IsUnique();
    }
}
