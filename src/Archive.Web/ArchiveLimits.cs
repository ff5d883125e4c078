using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Archive.Web;

/// <summary>The archive's limits, as AO3's; bound from the configuration section "Archive:Limits".</summary>
public sealed class ArchiveLimits
{
    public const string Section = "Archive:Limits";

    public int TitleMaxLength { get; set; } = 255;
    public int SummaryMaxLength { get; set; } = 1_250;
    public int NotesMaxLength { get; set; } = 5_000;
    public int ChapterBodyMaxLength { get; set; } = 510_000;
    public int TagNameMaxLength { get; set; } = 150;
    public int TagsPerWork { get; set; } = 75;
    public int PseudNameMaxLength { get; set; } = 40;
    public int ChapterTitleMaxLength { get; set; } = 255;
    public int ExpectedChaptersMax { get; set; } = 5_000;
    /// <summary>A work skin's CSS as typed (AO3 allows about as much).</summary>
    public int WorkSkinMaxLength { get; set; } = 20_000;
    /// <summary>Comments one account may post per minute.</summary>
    public int CommentsPerMinutePerUser { get; set; } = 5;
    /// <summary>Comments one network address may post per minute, whoever is signed in.</summary>
    public int CommentsPerMinutePerAddress { get; set; } = 10;
    /// <summary>Searches one network address may run per minute (result pages already kept in the page cache are not counted).</summary>
    public int SearchesPerMinutePerAddress { get; set; } = 30;
    /// <summary>New PDF, MOBI or AZW3 files one network address may have calibre make per minute (files already made are not counted).</summary>
    public int ConversionsPerMinutePerAddress { get; set; } = 3;
    /// <summary>Bytes an ordinary form may send (preferences, tags, a bookmark's notes, a work skin).</summary>
    public long RequestMaxBytes { get; set; } = 1024 * 1024;
    /// <summary>Bytes a comment's form may send: 10,000 characters of any script, as browsers encode them, with room to spare.</summary>
    public long CommentRequestMaxBytes { get; set; } = 128 * 1024;
    /// <summary>Bytes a work's or chapter's form may send: a chapter at its longest in any script (up to 9 bytes a character as forms encode it) with its notes.</summary>
    public long PostingRequestMaxBytes { get; set; } = 8 * 1024 * 1024;
    /// <summary>Seconds a guest's page may wait on one database command before giving up with a "try again" page.</summary>
    public int GuestCommandTimeoutSeconds { get; set; } = 5;
    /// <summary>
    /// A tag page reads at most this many of its tag's most recently updated works to filter and count; a tag with more has its counts
    /// estimated from them. Bigger is more exact and costs more per page.
    /// </summary>
    public int ListingSample { get; set; } = 2_000;
    /// <summary>Comment threads shown per page under a chapter: a much-discussed chapter costs the same to show as any other.</summary>
    public int CommentThreadsPerPage { get; set; } = 20;

    /// <summary>The one wording for "too long", beside the field.</summary>
    public static void CheckLength(ModelStateDictionary errors, string field, string label, string? value, int max)
    {
        if (value is not null && value.Length > max)
            errors.AddModelError(field, $"{label} must be {max:N0} characters or fewer (it is {value.Length:N0}).");
    }
}
