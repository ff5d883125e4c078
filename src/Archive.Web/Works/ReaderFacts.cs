using System.Text.Json;
using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Works;

/// <summary>
/// The few facts about a signed-in reader that their page of a work shows, beside the parts every reader shares: read in one
/// query per page. A guest has none.
/// </summary>
[System.ComponentModel.ImmutableObject(true)]
public sealed record ReaderFacts(bool IsModerator, int[] Muted, List<PseudChoice> Pseuds, bool ViewAdultContent,
    bool KudosGiven, int? BookmarkId, int? SubscriptionId, bool KeepsHistory, bool MarkedForLater = false)
{
    public static readonly ReaderFacts Guest = new(false, [], [], false, false, null, null, false);

    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Roles are read from the database on every page, so a revoked moderator stops at once.</summary>
    public static async Task<ReaderFacts> LoadAsync(ArchiveDbContext db, int userId, int workId)
    {
        var json = await db.Database.SqlQuery<string>($"""
            SELECT json_build_object(
              'is_moderator', EXISTS(SELECT 1 FROM "AspNetUserRoles" ur JOIN "AspNetRoles" r ON r.id = ur.role_id
                                     WHERE ur.user_id = u.id AND r.normalized_name IN ('MODERATOR', 'ADMIN')),
              'muted', COALESCE((SELECT json_agg(muted_id) FROM user_mutes WHERE muter_id = u.id), '[]'),
              'pseuds', COALESCE((SELECT json_agg(json_build_object('id', p.id, 'name', p.name) ORDER BY p.is_default DESC, p.name) FROM pseuds p WHERE p.user_id = u.id), '[]'),
              'view_adult_content', u.view_adult_content,
              'kudos_given', EXISTS(SELECT 1 FROM kudos WHERE work_id = {workId} AND user_id = u.id),
              'bookmark_id', (SELECT id FROM bookmarks WHERE work_id = {workId} AND user_id = u.id),
              'subscription_id', (SELECT id FROM subscriptions WHERE user_id = u.id AND kind = 0 AND target_id = {workId}),
              'keeps_history', NOT EXISTS(SELECT 1 FROM history_opt_outs WHERE user_id = u.id),
              'marked_for_later', EXISTS(SELECT 1 FROM readings WHERE user_id = u.id AND work_id = {workId} AND marked_for_later)
            )::text AS "Value"
            FROM users u WHERE u.id = {userId}
            """).SingleOrDefaultAsync();
        return json is null ? Guest : JsonSerializer.Deserialize<ReaderFacts>(json, Json)!;
    }
}
