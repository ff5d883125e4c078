using Archive.Web.Accounts;
using Archive.Web.Database;
using Archive.Web.Text;
using Archive.Web.Works;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Comments;

/// <summary>Posting comments and building what each viewer may see of them.</summary>
public sealed class Commenting(ArchiveDbContext db, StoryText text, UserManager<User> users)
{
    public const int MaxLength = 10_000;
    public const int MaxDepthShown = 5;
    public const string ModeratorRole = "moderator";
    /// <summary>A guest comment with this many links waits for approval whatever the work's setting.</summary>
    public const int GuestLinksScreened = 3;

    public async Task<CommentViewer> ViewerAsync(int workId, int? userId) =>
        userId is { } id ? new CommentViewer(id, await db.IsCreatorAsync(workId, id), await IsModeratorAsync(id)) : new CommentViewer(null, false, false);

    /// <summary>Moderators and admins, read from the database so a revoked role stops at once.</summary>
    public async Task<bool> IsModeratorAsync(int? userId)
    {
        if (userId is null) return false;
        var user = await users.FindByIdAsync(userId.Value.ToString());
        return user is not null && (await users.IsInRoleAsync(user, ModeratorRole) || await users.IsInRoleAsync(user, Tags.TagWrangling.AdminRole));
    }

    /// <summary>A guest's address, hashed: enough to act on one spammer's comments, nothing to show or leak.</summary>
    public static string HashAddress(System.Net.IPAddress? address) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"archive-guest:{address}")));

    /// <summary>Checks and saves a comment; messages go beside the fields. Returns the new comment, or null.</summary>
    public async Task<Comment?> PostAsync(int workId, int chapterId, CommentForm form, CommentViewer viewer, ModelStateDictionary errors, string? guestAddressHash = null)
    {
        var work = await db.Works.AsNoTracking().Where(w => w.Id == workId).Select(w => new { w.CommentPermission, w.ScreenComments }).SingleAsync();
        if (work.CommentPermission == CommentPermission.Nobody)
            errors.AddModelError("", "The creators of this work have turned comments off.");
        else if (work.CommentPermission == CommentPermission.RegisteredUsers && viewer.UserId is null)
            errors.AddModelError("", "Only registered users can comment on this work. Log in or sign up to comment.");
        if (viewer.UserId is { } commenterId && await db.UserBlocks.AnyAsync(b => b.BlockedId == commenterId
                && db.WorkCreators.Any(wc => wc.WorkId == workId && wc.IsAccepted && wc.Pseud.UserId == b.BlockerId)))
            errors.AddModelError("", "A creator of this work has blocked you from commenting on their works.");
        if (!string.IsNullOrEmpty(form.Website))
            errors.AddModelError("", "Your comment looked automated and was not posted.");

        if (string.IsNullOrWhiteSpace(form.Body)) errors.AddModelError(nameof(form.Body), "Please write a comment.");
        else if (form.Body.Length > MaxLength) errors.AddModelError(nameof(form.Body), $"Comments must be {MaxLength:N0} characters or fewer (this one is {form.Body.Length:N0}).");
        if (form.Subject?.Length > 150) errors.AddModelError(nameof(form.Subject), "The subject must be 150 characters or fewer.");

        int? pseudId = null;
        if (viewer.UserId is { } userId)
        {
            pseudId = form.PseudId is { } chosen && await db.Pseuds.AnyAsync(p => p.Id == chosen && p.UserId == userId)
                ? chosen
                : await db.Pseuds.Where(p => p.UserId == userId && p.IsDefault).Select(p => (int?)p.Id).SingleAsync();
        }
        else
        {
            if (string.IsNullOrWhiteSpace(form.GuestName)) errors.AddModelError(nameof(form.GuestName), "Please give a name to comment as a guest.");
            else if (form.GuestName.Length > 100) errors.AddModelError(nameof(form.GuestName), "Names must be 100 characters or fewer.");
            if (string.IsNullOrWhiteSpace(form.GuestEmail) || !form.GuestEmail.Contains('@') || form.GuestEmail.Length > 254)
                errors.AddModelError(nameof(form.GuestEmail), "Please give an email address (it is never shown).");
        }

        var depth = 0;
        if (form.ParentId is { } parentId)
        {
            var parent = await db.Set<Comment>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == parentId);
            if (parent is null || parent.WorkId != workId || parent.ChapterId != chapterId)
                errors.AddModelError("", "The comment you replied to isn't on this chapter.");
            else if (parent.IsDeleted || !viewer.CanSee(parent))
                errors.AddModelError("", "The comment you replied to has been deleted or is awaiting approval, so it can't be replied to.");
            else depth = parent.Depth + 1;
        }
        if (!errors.IsValid) return null;

        var format = form.TextFormat == TextFormat.Markdown ? TextFormat.Markdown : TextFormat.Html;
        var body = text.ToHtml(form.Body, format);
        var comment = new Comment
        {
            WorkId = workId, ChapterId = chapterId, ParentId = form.ParentId, Depth = depth,
            UserId = viewer.UserId, PseudId = pseudId,
            GuestName = viewer.UserId is null ? form.GuestName!.Trim() : null,
            GuestEmail = viewer.UserId is null ? form.GuestEmail!.Trim() : null,
            Subject = form.Subject?.Trim() ?? "", BodySource = form.Body!, BodyHtml = body, TextFormat = format,
            SanitizerVersion = ArchiveHtmlPolicy.Version,
            // The creators' own comments never wait for their approval; guests' link-heavy ones always do.
            IsScreened = (work.ScreenComments && !viewer.IsCreator) || (viewer.UserId is null && LinkCount(body) >= GuestLinksScreened)
                || (viewer.UserId is null && guestAddressHash is not null && await db.Comments.AnyAsync(c => c.GuestAddressHash == guestAddressHash && c.IsSpam)),
            GuestAddressHash = viewer.UserId is null ? guestAddressHash : null,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Add(comment);
        await db.SaveChangesAsync();
        return comment;
    }

    static int LinkCount(string html) => System.Text.RegularExpressions.Regex.Matches(html, "<a ").Count;

    /// <summary>Checks an edit of a comment's subject and text; only its writer may, and it is marked edited.</summary>
    public async Task<bool> EditAsync(Comment comment, CommentForm form, ModelStateDictionary errors)
    {
        if (string.IsNullOrWhiteSpace(form.Body)) errors.AddModelError(nameof(form.Body), "Please write a comment.");
        else if (form.Body.Length > MaxLength) errors.AddModelError(nameof(form.Body), $"Comments must be {MaxLength:N0} characters or fewer (this one is {form.Body.Length:N0}).");
        if (form.Subject?.Length > 150) errors.AddModelError(nameof(form.Subject), "The subject must be 150 characters or fewer.");
        if (!errors.IsValid) return false;
        comment.Subject = form.Subject?.Trim() ?? "";
        comment.BodySource = form.Body!;
        comment.TextFormat = form.TextFormat == TextFormat.Markdown ? TextFormat.Markdown : TextFormat.Html;
        comment.BodyHtml = text.ToHtml(form.Body, comment.TextFormat);
        comment.SanitizerVersion = ArchiveHtmlPolicy.Version;
        comment.EditedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>The chapter's comments this viewer may see, as threads (from <paramref name="rootId"/> down, for a thread's own page).</summary>
    public async Task<(List<CommentNode> Threads, int Count)> ThreadsAsync(int chapterId, CommentViewer viewer, int? rootId = null)
    {
        // An anonymous work's creators comment on it as "Anonymous Creator", as on its page.
        var rows = await db.Comments.AsNoTracking().Where(c => c.ChapterId == chapterId).OrderBy(c => c.Id)
            .Select(c => new { c, ByCreator = db.Works.Any(w => w.Id == c.WorkId && w.IsAnonymous)
                && db.WorkCreators.Any(wc => wc.WorkId == c.WorkId && wc.IsAccepted && wc.Pseud.UserId == c.UserId) })
            .Select(x => new CommentRow(x.c.Id, x.c.ParentId, x.c.Depth, x.c.UserId, x.ByCreator ? null : db.Pseuds.Where(p => p.Id == x.c.PseudId).Select(p => p.Name).FirstOrDefault(),
                x.ByCreator ? null : db.Pseuds.Where(p => p.Id == x.c.PseudId).Select(p => p.User.UserName).FirstOrDefault(), x.ByCreator ? "Anonymous Creator" : x.c.GuestName, x.c.Subject, x.c.BodyHtml,
                x.c.IsScreened, x.c.IsDeleted, x.c.EditedAt != null, x.c.CreatedAt, x.ByCreator)).ToListAsync();
        var muted = viewer.UserId is { } me ? await db.UserMutes.Where(m => m.MuterId == me).Select(m => m.MutedId).ToListAsync() : [];
        return CommentThreads.Build(rows, viewer, muted, rootId);
    }
}

/// <summary>Turns a chapter's stored comments into the threads one reader sees.</summary>
public static class CommentThreads
{
    /// <summary>
    /// Which threads a page of comments holds: every page holds the same threads for every reader (those a reader may not
    /// see are left out of their page, not moved up), so a link to a comment finds it on the page it names.
    /// </summary>
    /// <param name="showing">A comment to show: its thread's page is chosen, whatever page was asked for.</param>
    public static (List<CommentNode> Threads, int Page, int Pages) Page(IReadOnlyList<CommentRow> all, List<CommentNode> threads, int page, int? showing, int perPage)
    {
        var roots = all.Where(c => c.ParentId is null).Select(c => c.Id).ToList();
        var pages = Math.Max(1, (roots.Count + perPage - 1) / perPage);
        if (showing is { } shown)
        {
            var parents = all.ToDictionary(c => c.Id, c => c.ParentId);
            var root = shown;
            while (parents.GetValueOrDefault(root) is { } parent) root = parent;
            var index = roots.IndexOf(root);
            if (index >= 0) page = index / perPage + 1;
        }
        page = Math.Clamp(page, 1, pages);
        if (pages == 1) return (threads, 1, 1);
        var onPage = roots.Skip((page - 1) * perPage).Take(perPage).ToHashSet();
        return (threads.Where(t => onPage.Contains(t.Id)).ToList(), page, pages);
    }

    /// <summary>
    /// Screened comments only for those who may see them; a muted writer's comments gone for the muter; a deleted or muted
    /// comment with visible replies stays as a placeholder. Counts the comments shown.
    /// </summary>
    public static (List<CommentNode> Threads, int Count) Build(IReadOnlyList<CommentRow> all, CommentViewer viewer, IReadOnlyCollection<int> mutedUsers, int? rootId = null)
    {
        bool IsMuted(CommentRow c) => c.UserId is { } writer && !c.ByAnonymousCreator && mutedUsers.Contains(writer);
        var children = all.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!.Value);
        // A thread continued on its own page counts depth from its root, so it can go on collapsing further down.
        var baseDepth = rootId is { } root ? all.FirstOrDefault(c => c.Id == root)?.Depth ?? 0 : 0;
        CommentNode? Node(CommentRow c)
        {
            var replies = children[c.Id].Select(Node).OfType<CommentNode>().ToList();
            if (!viewer.CanSee(c)) return null;
            var muted = IsMuted(c);
            var gone = c.IsDeleted || muted;
            if (gone && replies.Count == 0) return null;
            var (author, url) = c.PseudName is { } pseud && c.UserName is { } user
                ? (Pseud.Display(pseud, user), $"/users/{Uri.EscapeDataString(user)}/pseuds/{Uri.EscapeDataString(pseud)}")
                : (c.GuestName ?? "Anonymous", (string?)null);
            return new CommentNode(c.Id, author, url, c.UserId is null, c.Subject, c.BodyHtml, c.IsScreened, gone, c.Edited,
                c.CreatedAt, viewer.CanModerate, viewer.UserId is { } me && c.UserId == me, c.Depth - baseDepth, replies, muted, c.ChapterPosition);
        }
        var roots = rootId is { } id ? all.Where(c => c.Id == id) : all.Where(c => c.ParentId is null);
        var threads = roots.Select(Node).OfType<CommentNode>().ToList();
        var count = all.Count(c => !c.IsDeleted && !IsMuted(c) && viewer.CanSee(c));
        return (threads, count);
    }
}
