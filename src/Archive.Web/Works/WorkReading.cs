using Archive.Web.Comments;
using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Works;

/// <summary>Builds a work page for a reader: header, chapters, and (for one chapter) the comments they may see.</summary>
public sealed class WorkReading(ArchiveDbContext db, Commenting commenting)
{
    public async Task<WorkPage?> PageAsync(int id, int? position, int? userId, CommentForm? form = null)
    {
        var header = await db.HeaderAsync(id);
        if (header is null) return null;
        // What the page needs beyond the header, in one round trip.
        var state = await db.Works.Where(w => w.Id == id).Select(w => new
        {
            Hidden = w.HiddenAt == null ? null : w.HiddenReason ?? "",
            w.CommentPermission, w.ScreenComments,
            Inspires = db.RelatedWorks.Any(r => r.ParentWorkId == w.Id && r.Approval == LinkApproval.Approved),
        }).SingleOrDefaultAsync();
        if (state is null) return null;
        var hidden = state.Hidden;
        var chapters = db.Chapters.AsNoTracking().Where(c => c.WorkId == id);
        if (position is { } n) chapters = chapters.Where(c => c.Position == n);
        var shown = await chapters.OrderBy(c => c.Position).ToListAsync();
        if (shown.Count == 0) return null;
        var viewer = await commenting.ViewerAsync(id, userId);
        // A work hidden for review is, to everyone but its creators and moderators, not there.
        if (hidden is not null && !viewer.CanModerate) return null;

        CommentSection? comments = null;
        if (shown.Count == 1)
        {
            var (threads, count) = await commenting.ThreadsAsync(shown[0].Id, viewer);
            var pseuds = userId is null ? [] : await db.Pseuds.AsNoTracking().Where(p => p.UserId == userId)
                .OrderByDescending(p => p.IsDefault).ThenBy(p => p.Name).Select(p => new PseudChoice(p.Id, p.Name)).ToListAsync();
            var closed = state.CommentPermission switch
            {
                CommentPermission.Nobody => "The creators of this work have turned comments off.",
                CommentPermission.RegisteredUsers when userId is null => "Only registered users can comment on this work. Log in or sign up to comment.",
                _ => null,
            };
            comments = new CommentSection(id, shown[0].Position, state.CommentPermission, state.ScreenComments, threads, count,
                form ?? new CommentForm(), pseuds, userId is not null, closed);
        }
        return new WorkPage(header, shown, position, viewer.IsCreator, comments, hidden, viewer.IsModerator, await Series.SeriesQueries.SeriesOfAsync(db, id),
            state.Inspires ? await InspiredByAsync(id) : []);
    }

    /// <summary>Works that name this one as their original and were approved by its creators.</summary>
    Task<List<InspiredWork>> InspiredByAsync(int id) =>
        db.RelatedWorks.AsNoTracking().Where(r => r.ParentWorkId == id && r.Approval == LinkApproval.Approved)
            .Join(db.Works.Where(w => w.HiddenAt == null), r => r.WorkId, w => w.Id, (r, w) => new { r.Relation, w.Id, w.Title, w.ExternalCreators, Creators = w.Creators.Where(c => c.IsAccepted).OrderBy(c => c.Position).Select(c => new CreatorLink(c.Pseud.Name, c.Pseud.User.UserName!)).ToList() })
            .OrderBy(x => x.Id).Take(200)
            .Select(x => new InspiredWork(x.Id, x.Title, x.Creators, x.ExternalCreators, x.Relation)).ToListAsync();
}

public sealed record InspiredWork(int WorkId, string Title, List<CreatorLink> Creators, List<string> ExternalCreators, Relation Relation);
