using Archive.Web.Accounts;
using Archive.Web.Chapters;
using Archive.Web.Tags;
using Archive.Web.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Works;

/// <summary>A story: its metadata, creators and tags, and its chapters.</summary>
public sealed class Work
{
    public int Id { get; set; }
    public required string Title { get; set; }

    // Summary and notes keep the author's source beside the sanitized HTML so a later policy can re-sanitize them.
    public string SummarySource { get; set; } = "";
    public string SummaryHtml { get; set; } = "";
    public string NotesSource { get; set; } = "";
    public string NotesHtml { get; set; } = "";
    public string EndNotesSource { get; set; } = "";
    public string EndNotesHtml { get; set; } = "";
    public TextFormat TextFormat { get; set; }
    public int SanitizerVersion { get; set; }

    // The work skin: the author's CSS as typed, and as cleaned and scoped to the work's text (Skins/WorkSkinCss.cs) with the cleaner's version.
    public string SkinCssSource { get; set; } = "";
    public string SkinCss { get; set; } = "";
    public int SkinCssVersion { get; set; }

    public string Language { get; set; } = "English";
    public DateOnly PublishedOn { get; set; }
    /// <summary>The newest chapter's publication date.</summary>
    public DateOnly UpdatedOn { get; set; }
    /// <summary>Null when the author does not know yet (shown as "?").</summary>
    public int? ExpectedChapters { get; set; }
    public int ChapterCount { get; set; }
    public int WordCount { get; set; }
    /// <summary>Kudos, hits and bookmarks counted, in a table of their own: set on a new work, loaded only when asked for.</summary>
    public WorkStats Stats { get; set; } = null!;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset RevisedAt { get; set; }

    public Comments.CommentPermission CommentPermission { get; set; }
    /// <summary>New comments wait for a creator's approval before others see them.</summary>
    public bool ScreenComments { get; set; }
    /// <summary>Set while moderators review the work: only its creators and moderators see it, with the reason.</summary>
    public DateTimeOffset? HiddenAt { get; set; }
    public string? HiddenReason { get; set; }
    /// <summary>In an anonymous collection not yet revealed: every page names its creators "Anonymous" (kept by <see cref="Collections.CollectionWorks"/>).</summary>
    public bool IsAnonymous { get; set; }
    /// <summary>In an unrevealed collection not yet revealed: listed nowhere, and its page shows only "Mystery work" except to its creators and the collection's maintainers.</summary>
    public bool IsUnrevealed { get; set; }
    /// <summary>"Only show to registered users": guests are told to log in, and it is left out of everything they see.</summary>
    public bool IsRestricted { get; set; }
    /// <summary>When its collection revealed it (works or creators): subscribers hear of it then, as of a new work.</summary>
    public DateTimeOffset? RevealedAt { get; set; }

    // Set when the work was brought in from an old journal post rather than posted here.
    /// <summary>Creators named in an imported post who are not (yet) users here; they can claim the work later.</summary>
    public List<string> ExternalCreators { get; set; } = [];
    /// <summary>The account that imported the work; it may maintain the work like a creator.</summary>
    public int? ArchivistUserId { get; set; }
    public DateTimeOffset? ImportedAt { get; set; }
    /// <summary>The imported post's own date, when it gave one.</summary>
    public DateOnly? OriginallyPostedOn { get; set; }
    /// <summary>Where the post was: a community, a journal, or the file it came in.</summary>
    public string? ImportSource { get; set; }
    /// <summary>Title and creators, normalized: the parts of one story share it, so they join one work.</summary>
    public string? ImportKey { get; set; }

    /// <summary>
    /// The canonical tag of each of the work's tags (or the tag itself while unwrangled), GIN-indexed:
    /// filters and counts read this instead of joining tags, and a synonym's works show under its canonical tag.
    /// </summary>
    public int[] FilterTagIds { get; set; } = [];
    /// <summary>How many fandoms the work is tagged with: more than one makes it a crossover.</summary>
    public int FandomCount { get; set; }
    /// <summary>Title and creators, tags, summary and notes, and chapter text, weighted in that order; GIN-indexed for search.</summary>
    public NpgsqlTypes.NpgsqlTsVector? SearchVector { get; set; }
    /// <summary>The first creator's name in lower case, for sorting listings by creator.</summary>
    public string CreatorSort { get; set; } = "";

    public List<Chapter> Chapters { get; set; } = [];
    public List<RelatedWork> RelatedWorks { get; set; } = [];
    public List<WorkCreator> Creators { get; set; } = [];
    public List<WorkTag> Tags { get; set; } = [];

    public static bool IsComplete(int chapterCount, int? expectedChapters) => expectedChapters == chapterCount;

}

/// <summary>A pseud credited on a work. Co-creators invited by someone else are listed only once they accept.</summary>
public sealed class WorkCreator
{
    public int WorkId { get; set; }
    public int PseudId { get; set; }
    public Pseud Pseud { get; set; } = null!;
    public int Position { get; set; }
    public bool IsAccepted { get; set; }
    public DateTimeOffset InvitedAt { get; set; }
}

public sealed class WorkConfiguration : IEntityTypeConfiguration<Work>
{
    public void Configure(EntityTypeBuilder<Work> work)
    {
        work.Property(w => w.Title).HasMaxLength(255);
        work.Property(w => w.Language).HasMaxLength(60);
        work.HasMany(w => w.Chapters).WithOne(c => c.Work).HasForeignKey(c => c.WorkId);
        work.HasMany(w => w.Creators).WithOne().HasForeignKey(c => c.WorkId);
        work.HasMany(w => w.Tags).WithOne().HasForeignKey(t => t.WorkId);
        work.HasIndex(w => w.RevisedAt);
        work.HasOne(w => w.Stats).WithOne().HasForeignKey<WorkStats>(s => s.WorkId).OnDelete(DeleteBehavior.Cascade);
        work.Navigation(w => w.Stats).IsRequired();
        work.HasIndex(w => new { w.WordCount, w.Id }).HasDatabaseName("ix_works_words");
        work.HasIndex(w => new { w.PublishedOn, w.Id }).HasDatabaseName("ix_works_posted");
        work.Property(w => w.FilterTagIds).HasDefaultValueSql("ARRAY[]::integer[]");
        work.HasIndex(w => w.FilterTagIds).HasMethod("gin");
        work.HasIndex(w => w.SearchVector).HasMethod("gin");
        work.Property(w => w.CreatorSort).HasMaxLength(100);
        work.HasIndex(w => w.CreatorSort);
        // Existing rows (works posted before imports existed) get an empty list, not NULL.
        work.Property(w => w.ExternalCreators).HasDefaultValueSql("ARRAY[]::text[]");
        work.Property(w => w.ImportSource).HasMaxLength(255);
        work.Property(w => w.SkinCssSource).HasDefaultValue("");
        work.Property(w => w.SkinCss).HasDefaultValue("");
        work.Property(w => w.ImportKey).HasMaxLength(600);
        work.HasIndex(w => w.ImportKey).IsUnique();
        work.HasMany(w => w.RelatedWorks).WithOne().HasForeignKey(r => r.WorkId);
        work.HasOne<Accounts.User>().WithMany().HasForeignKey(w => w.ArchivistUserId).OnDelete(DeleteBehavior.SetNull);
    }
}

/// <summary>
/// A work's counts. They change on every read and every kudos, so they live in a narrow table of their own (as AO3's
/// stat counters do): counting rewrites a small row and its few indexes, not the work's wide row and every index on it
/// (two of them GIN, which every tag page and search reads through).
/// </summary>
public sealed class WorkStats
{
    public int WorkId { get; set; }
    public int KudosCount { get; set; }
    public int HitsCount { get; set; }
    /// <summary>Public bookmarks.</summary>
    public int BookmarksCount { get; set; }
    /// <summary>
    /// The work's <see cref="Work.FilterTagIds"/>, copied here by the database (triggers): a listing sorted by a count walks
    /// the count's index and checks each work's tags in this narrow table, which stays in memory, instead of in the works.
    /// </summary>
    public int[] FilterTagIds { get; set; } = [];
}

public sealed class WorkStatsConfiguration : IEntityTypeConfiguration<WorkStats>
{
    public void Configure(EntityTypeBuilder<WorkStats> stats)
    {
        stats.ToTable("work_stats");
        stats.HasKey(s => s.WorkId);
        // Listings sorted by these read a page by walking an index (a popular tag's works match often enough that
        // twenty are found soon), instead of sorting every match.
        stats.HasIndex(s => new { s.KudosCount, s.WorkId }).HasDatabaseName("ix_work_stats_kudos");
        stats.HasIndex(s => new { s.HitsCount, s.WorkId }).HasDatabaseName("ix_work_stats_hits");
        stats.HasIndex(s => new { s.BookmarksCount, s.WorkId }).HasDatabaseName("ix_work_stats_bookmarks");
        // Filled by the database from the work: EF never writes it.
        stats.Property(s => s.FilterTagIds).HasDefaultValueSql("ARRAY[]::integer[]").ValueGeneratedOnAdd().Metadata.SetAfterSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
    }
}

public sealed class WorkCreatorConfiguration : IEntityTypeConfiguration<WorkCreator>
{
    public void Configure(EntityTypeBuilder<WorkCreator> creator)
    {
        creator.HasKey(c => new { c.WorkId, c.PseudId });
        // Pseud pages list works by pseud.
        creator.HasIndex(c => new { c.PseudId, c.WorkId });
        creator.HasOne(c => c.Pseud).WithMany().HasForeignKey(c => c.PseudId).OnDelete(DeleteBehavior.Restrict);
    }
}
