namespace Archive.Web.Comments;

/// <summary>A new comment or reply as typed; kept whole when it comes back with a message.</summary>
public sealed class CommentForm
{
    public int? ParentId { get; set; }
    public string? Subject { get; set; }
    public string? Body { get; set; }
    /// <summary>HTML or Markdown, sanitized like chapters.</summary>
    public Text.TextFormat TextFormat { get; set; } = Text.TextFormat.Html;
    public int? PseudId { get; set; }
    public string? GuestName { get; set; }
    public string? GuestEmail { get; set; }
    /// <summary>Left empty by people; bots fill it in.</summary>
    public string? Website { get; set; }
}

/// <summary>A comment in a creator's inbox.</summary>
public sealed record InboxItem(int Id, int WorkId, string WorkTitle, int ChapterPosition, string Author, string Subject, string BodyHtml, bool Screened, DateTimeOffset CreatedAt, bool Read);

/// <summary>One comment as a viewer sees it, with the replies they may see.</summary>
public sealed record CommentNode(
    int Id, string Author, string? AuthorUrl, bool IsGuest, string Subject, string BodyHtml,
    bool Screened, bool Deleted, bool Edited, DateTimeOffset CreatedAt, bool CanModerate, bool IsOwn, int Depth, List<CommentNode> Replies, bool Muted = false, int ChapterPosition = 0);

/// <summary>The comments under a chapter, and the form to add one.</summary>
public sealed record CommentSection(
    int WorkId, int ChapterPosition, CommentPermission Permission, bool Screening, List<CommentNode> Threads, int Count,
    CommentForm Form, IReadOnlyList<Works.PseudChoice> Pseuds, bool SignedIn, string? Closed, int Page = 1, int Pages = 1)
{
    /// <summary>
    /// Shown alike to every signed-in reader who is not a creator or moderator, wrote none of these comments, mutes none
    /// of their writers, has one pseud and sent no form: rendered once for all of them (<see cref="Works.WorkFragments"/>).
    /// </summary>
    public bool SameForPlainReaders { get; init; }

    /// <summary>The form that was sent back with messages: its own reply box when that comment is on the page, else the main form.</summary>
    public bool ShowsSentFormAt(int? parentId, ISet<int> replyable) =>
        Form.ParentId is { } sent && replyable.Contains(sent) ? parentId == sent : parentId is null;

    public HashSet<int> Replyable { get; } = [.. Flatten(Threads).Where(c => !c.Deleted && !c.Screened).Select(c => c.Id)];

    /// <summary>
    /// The entire work's comments: every chapter's threads, each marked with its chapter. A new comment goes on
    /// <see cref="ChapterPosition"/> (the first chapter, as AO3 does), a reply on its comment's own chapter.
    /// </summary>
    public bool FullWork { get; init; }

    /// <summary>The chapter a reply to <paramref name="parentId"/> (or a new comment, when null) is posted on.</summary>
    public int PostsTo(int? parentId) =>
        parentId is { } parent && Flatten(Threads).FirstOrDefault(c => c.Id == parent) is { ChapterPosition: > 0 } replied ? replied.ChapterPosition : ChapterPosition;

    /// <summary>Where the pages of these comments are.</summary>
    public string PageLink(int page) =>
        FullWork ? $"/works/{WorkId}?view_full_work=true&comments_page={page}#comments" : $"/works/{WorkId}/chapters/{ChapterPosition}?comments_page={page}#comments";

    static IEnumerable<CommentNode> Flatten(IEnumerable<CommentNode> nodes) => nodes.SelectMany(n => Flatten(n.Replies).Prepend(n));
}

/// <summary>Where a comment is read: its chapter, on the page of comments that holds its thread.</summary>
public static class CommentLink
{
    public static string To(int workId, int position, int commentId) => $"/works/{workId}/chapters/{position}?comment={commentId}#comment_{commentId}";
}
