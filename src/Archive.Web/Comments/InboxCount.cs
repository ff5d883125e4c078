using System.Security.Claims;
using Archive.Web.Accounts;
using Archive.Web.Caching;
using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Comments;

/// <summary>
/// How much news waits in a signed-in user's inbox, for the count beside "Inbox" on every page of theirs: unread comments
/// on their works, gifts not yet seen, collection invitations for their works and related works awaiting their approval
/// (what the inbox page lists as news; assignments are work to do, not news). Others' comments change it at any moment,
/// so it is never cached: one query, walking the indexes from the user's own pseuds.
/// </summary>
public sealed class InboxCount(ArchiveDbContext db)
{
    /// <summary>Stands in a page shared by plain readers where each reader's count goes (<see cref="Works.WorkFragments"/>).</summary>
    public static readonly string Slot = PageSlots.Named("inbox-count");

    public Task<int> UnreadAsync(int me) => db.Database.SqlQuery<int>($"""
        WITH mine AS (SELECT wc.work_id FROM pseuds p JOIN work_creators wc ON wc.pseud_id = p.id AND wc.is_accepted WHERE p.user_id = {me})
        SELECT ((SELECT count(DISTINCT c.id) FROM mine JOIN chapters ch ON ch.work_id = mine.work_id JOIN comments c ON c.chapter_id = ch.id
                 WHERE NOT c.is_deleted AND c.user_id IS DISTINCT FROM {me}
                   AND NOT EXISTS (SELECT 1 FROM comment_reads r WHERE r.user_id = {me} AND r.comment_id = c.id))
              -- A gift, or a link from a work, in an unrevealed collection is news when it is revealed.
              + (SELECT count(*) FROM pseuds p JOIN gifts g ON g.pseud_id = p.id JOIN works w ON w.id = g.work_id
                 WHERE p.user_id = {me} AND g.seen_at IS NULL AND g.refused_at IS NULL AND NOT w.is_unrevealed)
              + (SELECT count(DISTINCT ci.id) FROM mine JOIN collection_items ci ON ci.work_id = mine.work_id WHERE ci.creator_approval = 0)
              + (SELECT count(DISTINCT r.id) FROM mine JOIN related_works r ON r.parent_work_id = mine.work_id JOIN works w ON w.id = r.work_id
                 WHERE r.approval = 0 AND NOT w.is_unrevealed))::int AS "Value"
        """).SingleAsync();

    /// <summary>What follows "Inbox" (and the user's name in the menu): the count when there is news, else nothing.</summary>
    public static string Html(int count) => count == 0 ? "" : $" <span class=\"inbox-count\">({count} unread)</span>";

    /// <summary>The count's HTML for this user, or the slot when the page is rendered for many readers at once.</summary>
    public async Task<string> HtmlForAsync(ClaimsPrincipal user) =>
        user.UserId() is { } me ? Html(await UnreadAsync(me)) : user.Identity?.IsAuthenticated == true ? Slot : "";
}
