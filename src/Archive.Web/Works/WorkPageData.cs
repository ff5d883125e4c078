using System.ComponentModel;
using System.Text.Json;
using Archive.Web.Comments;
using Archive.Web.Database;
using Archive.Web.Series;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Works;

/// <summary>A chapter as a page shows it: only stored, sanitized HTML.</summary>
public sealed record ShownChapter(int Id, int Position, string? Title, string SummaryHtml, string NotesHtml, string BodyHtml, string EndNotesHtml);

/// <summary>A comment as stored, with its writer's names; who may see it is decided per reader (<see cref="CommentViewer"/>).</summary>
/// <param name="ByAnonymousCreator">Written by a creator of the anonymous work it is on: shown as "Anonymous Creator", and never hidden as a muted writer's (that would say who it is).</param>
/// <param name="ChapterPosition">The chapter it is on (the entire work's page shows every chapter's comments).</param>
public sealed record CommentRow(int Id, int? ParentId, int Depth, int? UserId, string? PseudName, string? UserName, string? GuestName,
    string Subject, string BodyHtml, bool IsScreened, bool IsDeleted, bool Edited, DateTimeOffset CreatedAt, bool ByAnonymousCreator = false, int ChapterPosition = 0);

/// <summary>
/// Everything a work page shows that is the same for every reader: the header, the chapters shown, all their comments
/// (screened ones too: each reader's page leaves out what they may not see), series and "inspired by" lists, and who may
/// edit it. One query builds it; it is cached until the work changes, and never changed once built.
/// </summary>
[ImmutableObject(true)]
public sealed record WorkPageData(
    WorkHeader Header, string? HiddenReason, CommentPermission CommentPermission, bool ScreenComments,
    int[] CreatorUserIds, int? ArchivistUserId, List<SeriesPlace> Series, List<InspiredWork> Inspired,
    List<ShownChapter> Chapters, List<CommentRow> Comments, int[]? MaintainerUserIds = null)
{
    /// <summary>Pass as the position for the whole work (with every chapter's comments), or for the header alone (the JSON API).</summary>
    public const int AllChapters = 0, NoChapters = -1;

    /// <summary>Accepted creators and the archivist who imported it may change it.</summary>
    public bool IsCreator(int? userId) => userId is { } id && (CreatorUserIds.Contains(id) || ArchivistUserId == id);

    /// <summary>An unrevealed work shows itself only to its creators and its collections' maintainers.</summary>
    public bool IsMysteryTo(int? userId) => Header.Unrevealed && !IsCreator(userId) && !(userId is { } id && (MaintainerUserIds ?? []).Contains(id));

    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The work with one chapter (by position), all of them, or none; null when there is no such work.</summary>
    public static async Task<WorkPageData?> LoadAsync(ArchiveDbContext db, int id, int position)
    {
        var json = await db.Database.SqlQuery<string>($"""
            SELECT json_build_object(
              'header', json_build_object(
                'id', w.id, 'title', w.title,
                'creators', COALESCE((SELECT json_agg(json_build_object('pseud_name', p.name, 'user_name', u.user_name) ORDER BY wc.position)
                    FROM work_creators wc JOIN pseuds p ON p.id = wc.pseud_id JOIN users u ON u.id = p.user_id WHERE wc.work_id = w.id AND wc.is_accepted AND NOT w.is_anonymous), '[]'),
                'anonymous', w.is_anonymous, 'unrevealed', w.is_unrevealed, 'restricted', w.is_restricted,
                -- The work skin's address changes with it, so readers' browsers keep it until it changes.
                'skin_hash', CASE WHEN w.skin_css = '' THEN NULL ELSE left(md5(w.skin_css), 16) END,
                'fills', COALESCE((SELECT json_agg(json_build_object('prompt_id', pr.id, 'title', pr.title, 'collection_name', col.name, 'collection_title', col.title,
                        'poster', CASE WHEN pr.is_anonymous THEN NULL ELSE pp.name || ' (' || pu.user_name || ')' END) ORDER BY pr.id)
                    FROM prompt_claims pc JOIN prompts pr ON pr.id = pc.prompt_id JOIN challenges ch ON ch.id = pr.challenge_id JOIN collections col ON col.id = ch.collection_id
                    JOIN sign_ups su ON su.id = pr.sign_up_id JOIN pseuds pp ON pp.id = su.pseud_id JOIN users pu ON pu.id = pp.user_id
                    WHERE pc.work_id = w.id), '[]'),
                'collections', COALESCE((SELECT json_agg(json_build_object('name', c.name, 'title', c.title) ORDER BY c.title)
                    FROM collection_items ci JOIN collections c ON c.id = ci.collection_id WHERE ci.work_id = w.id AND ci.creator_approval = 1 AND ci.collection_approval = 1), '[]'),
                'tags', COALESCE((SELECT json_agg(json_build_object('name', t.name, 'type', t.type, 'canonical_name', m.name, 'id', t.id, 'canonical_id', t.merger_id) ORDER BY wt.position)
                    FROM work_tags wt JOIN tags t ON t.id = wt.tag_id LEFT JOIN tags m ON m.id = t.merger_id WHERE wt.work_id = w.id), '[]'),
                'summary_html', w.summary_html, 'notes_html', w.notes_html, 'end_notes_html', w.end_notes_html, 'language', w.language,
                'published_on', w.published_on, 'updated_on', w.updated_on, 'word_count', w.word_count, 'chapter_count', w.chapter_count,
                'expected_chapters', w.expected_chapters,
                'chapters', COALESCE((SELECT json_agg(json_build_object('position', c.position, 'title', c.title, 'published_on', c.published_on, 'word_count', c.word_count) ORDER BY c.position)
                    FROM chapters c WHERE c.work_id = w.id), '[]'),
                'external_creators', CASE WHEN w.is_anonymous THEN json_build_array('Anonymous') ELSE to_json(w.external_creators) END,
                -- The original's title and creators were copied when the link was made; an original gone anonymous or unrevealed since says so.
                'related_works', COALESCE((SELECT json_agg(json_build_object('relation', r.relation,
                        'title', CASE WHEN pw.is_unrevealed THEN 'Mystery work' ELSE r.title END,
                        'author', CASE WHEN pw.is_anonymous OR pw.is_unrevealed THEN 'Anonymous' ELSE r.author END, 'work_id', r.parent_work_id, 'url', r.url) ORDER BY r.id)
                    FROM related_works r LEFT JOIN works pw ON pw.id = r.parent_work_id WHERE r.work_id = w.id), '[]'),
                'import', CASE WHEN w.imported_at IS NULL THEN NULL ELSE json_build_object('source', w.import_source, 'originally_posted_on', w.originally_posted_on,
                    'archivist_name', (SELECT user_name FROM users WHERE id = w.archivist_user_id)) END,
                'comments', (SELECT count(*) FROM comments c WHERE c.work_id = w.id AND NOT c.is_screened AND NOT c.is_deleted),
                'kudos', s.kudos_count,
                'kudos_names', COALESCE((SELECT json_agg(u.user_name ORDER BY k.id)
                    FROM (SELECT id, user_id FROM kudos WHERE work_id = w.id AND user_id IS NOT NULL ORDER BY id LIMIT 50) k JOIN users u ON u.id = k.user_id), '[]'),
                'guest_kudos', (SELECT count(*) FROM kudos WHERE work_id = w.id AND user_id IS NULL),
                'bookmarks', s.bookmarks_count, 'hits', s.hits_count,
                'gifts', COALESCE((SELECT json_agg(json_build_object('name', COALESCE(p.name, g.recipient_name), 'user_name', u.user_name) ORDER BY g.id)
                    FROM gifts g LEFT JOIN pseuds p ON p.id = g.pseud_id LEFT JOIN users u ON u.id = p.user_id WHERE g.work_id = w.id AND g.refused_at IS NULL), '[]')),
              'hidden_reason', CASE WHEN w.hidden_at IS NULL THEN NULL ELSE COALESCE(w.hidden_reason, '') END,
              'comment_permission', w.comment_permission, 'screen_comments', w.screen_comments,
              'creator_user_ids', COALESCE((SELECT json_agg(p.user_id) FROM work_creators wc JOIN pseuds p ON p.id = wc.pseud_id WHERE wc.work_id = w.id AND wc.is_accepted), '[]'),
              'archivist_user_id', w.archivist_user_id,
              -- Who may see an unrevealed work besides its creators.
              -- The maintainers of the unrevealed collections its creator put it in (a parent's maintainers run its subcollections).
              'maintainer_user_ids', CASE WHEN w.is_unrevealed THEN COALESCE((SELECT json_agg(DISTINCT m.user_id) FROM collection_items ci
                    JOIN collections c ON c.id = ci.collection_id AND c.is_unrevealed
                    JOIN collection_maintainers m ON m.collection_id = c.id OR m.collection_id = c.parent_id
                    WHERE ci.work_id = w.id AND ci.creator_approval = 1 AND ci.collection_approval <> 2), '[]') ELSE '[]' END,
              -- A hidden neighbour is skipped, as if it weren't in the series.
              'series', COALESCE((SELECT json_agg(json_build_object('series_id', sp.series_id, 'title', s.title, 'position', sp.position,
                    'previous_work_id', (SELECT o.work_id FROM series_parts o JOIN works ow ON ow.id = o.work_id AND ow.hidden_at IS NULL AND NOT ow.is_unrevealed AND NOT ow.is_anonymous
                        WHERE o.series_id = sp.series_id AND o.position < sp.position ORDER BY o.position DESC LIMIT 1),
                    'next_work_id', (SELECT o.work_id FROM series_parts o JOIN works ow ON ow.id = o.work_id AND ow.hidden_at IS NULL AND NOT ow.is_unrevealed AND NOT ow.is_anonymous
                        WHERE o.series_id = sp.series_id AND o.position > sp.position ORDER BY o.position LIMIT 1)) ORDER BY sp.series_id)
                  FROM series_parts sp JOIN series s ON s.id = sp.series_id WHERE sp.work_id = w.id AND NOT w.is_anonymous), '[]'),
              'inspired', COALESCE((SELECT json_agg(json_build_object('work_id', x.id, 'title', x.title, 'relation', x.relation,
                    'external_creators', CASE WHEN x.is_anonymous THEN json_build_array('Anonymous') ELSE to_json(x.external_creators) END,
                    'creators', COALESCE((SELECT json_agg(json_build_object('pseud_name', p.name, 'user_name', u.user_name) ORDER BY wc.position)
                        FROM work_creators wc JOIN pseuds p ON p.id = wc.pseud_id JOIN users u ON u.id = p.user_id WHERE wc.work_id = x.id AND wc.is_accepted AND NOT x.is_anonymous), '[]')) ORDER BY x.id)
                  FROM (SELECT cw.id, cw.title, cw.external_creators, cw.is_anonymous, r.relation FROM related_works r JOIN works cw ON cw.id = r.work_id AND cw.hidden_at IS NULL AND NOT cw.is_unrevealed AND NOT cw.is_restricted
                        WHERE r.parent_work_id = w.id AND r.approval = 1 ORDER BY cw.id LIMIT 200) x), '[]'),
              'chapters', COALESCE((SELECT json_agg(json_build_object('id', c.id, 'position', c.position, 'title', c.title, 'summary_html', c.summary_html,
                    'notes_html', c.notes_html, 'body_html', c.body_html, 'end_notes_html', c.end_notes_html) ORDER BY c.position)
                  FROM chapters c WHERE c.work_id = w.id AND ({position} = 0 OR c.position = {position})), '[]'),
              'comments', COALESCE((SELECT json_agg(json_build_object('id', c.id, 'parent_id', c.parent_id, 'depth', c.depth, 'user_id', c.user_id,
                    -- An anonymous work's creators comment on it as "Anonymous Creator".
                    'pseud_name', CASE WHEN by_creator THEN NULL ELSE p.name END, 'user_name', CASE WHEN by_creator THEN NULL ELSE u.user_name END,
                    'guest_name', CASE WHEN by_creator THEN 'Anonymous Creator' ELSE c.guest_name END, 'by_anonymous_creator', by_creator, 'subject', c.subject, 'body_html', c.body_html,
                    'is_screened', c.is_screened, 'is_deleted', c.is_deleted, 'edited', c.edited_at IS NOT NULL, 'created_at', c.created_at, 'chapter_position', ch.position) ORDER BY c.id)
                  FROM chapters ch JOIN comments c ON c.chapter_id = ch.id LEFT JOIN pseuds p ON p.id = c.pseud_id LEFT JOIN users u ON u.id = p.user_id
                  CROSS JOIN LATERAL (SELECT w.is_anonymous AND EXISTS (SELECT 1 FROM work_creators wc JOIN pseuds cp ON cp.id = wc.pseud_id
                      WHERE wc.work_id = w.id AND wc.is_accepted AND cp.user_id = c.user_id) AS by_creator) anon
                  WHERE ch.work_id = w.id AND (ch.position = {position} OR {position} = 0)), '[]')
            )::text AS "Value"
            FROM works w JOIN work_stats s ON s.work_id = w.id WHERE w.id = {id}
            """).SingleOrDefaultAsync();
        return json is null ? null : JsonSerializer.Deserialize<WorkPageData>(json, Json);
    }
}
