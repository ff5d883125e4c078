using Archive.Web.Accounts;
using Archive.Web.Database;
using Archive.Web.Search;
using Archive.Web.Tags;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Works;

public sealed record CreatorLink(string PseudName, string UserName)
{
    public string Display => Pseud.Display(PseudName, UserName);
}

/// <summary>A tag as its author wrote it, and the canonical tag it is a synonym of, if any.</summary>
public sealed record TagLink(string Name, TagType Type, string? CanonicalName = null, int Id = 0, int? CanonicalId = null)
{
    public string Canonical => CanonicalName ?? Name;
}
/// <summary>A prompt meme's prompt a work fills; its poster is null when they posted it anonymously.</summary>
public sealed record FilledPrompt(int PromptId, string Title, string CollectionName, string CollectionTitle, string? Poster);
/// <summary>A collection a work is in.</summary>
public sealed record CollectionLink(string Name, string Title);
public sealed record ChapterLink(int Position, string? Title, DateOnly PublishedOn, int WordCount);
public sealed record RelatedLink(Relation Relation, string Title, string? Author, int? WorkId, string? Url = null);
/// <summary>Who a work is for: a pseud (linked) or a name alone.</summary>
public sealed record GiftLink(string Name, string? UserName)
{
    public string Display => UserName is null ? Name : Pseud.Display(Name, UserName);
}
/// <summary>Where an imported work came from and who archived it.</summary>
public sealed record ImportNote(string? Source, DateOnly? OriginallyPostedOn, string? ArchivistName);

/// <summary>What a work page shows above its chapters, and what the JSON API returns.</summary>
public sealed record WorkHeader(
    int Id, string Title, List<CreatorLink> Creators, List<TagLink> Tags,
    string SummaryHtml, string NotesHtml, string EndNotesHtml, string Language,
    DateOnly PublishedOn, DateOnly UpdatedOn, int WordCount, int ChapterCount, int? ExpectedChapters,
    List<ChapterLink> Chapters, List<string> ExternalCreators, List<RelatedLink> RelatedWorks, ImportNote? Import, int Comments,
    int Kudos, List<string> KudosNames, int GuestKudos, int Bookmarks, int Hits, List<GiftLink> Gifts,
    bool Anonymous = false, bool Unrevealed = false, List<CollectionLink>? Collections = null, List<FilledPrompt>? Fills = null, bool Restricted = false,
    string? SkinHash = null)
{
    public bool IsComplete => Work.IsComplete(ChapterCount, ExpectedChapters);
    public IEnumerable<string> TagsOf(TagType type) => Tags.Where(t => t.Type == type).Select(t => t.Name);
    /// <summary>Canonical names, each once: what readers filter by.</summary>
    public IEnumerable<string> CanonicalTagsOf(TagType type) => Tags.Where(t => t.Type == type).Select(t => t.Canonical).Distinct(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A work as listed on index pages (AO3's "blurb"); kept and shared by listings, so never changed once built.</summary>
[System.ComponentModel.ImmutableObject(true)]
public sealed record WorkBlurb(
    int Id, string Title, List<CreatorLink> Creators, List<TagLink> Tags, string SummaryHtml, string Language,
    DateOnly UpdatedOn, int WordCount, int ChapterCount, int? ExpectedChapters, List<string> ExternalCreators, int Comments = 0, int Kudos = 0, int Bookmarks = 0, int Hits = 0, bool Restricted = false)
{
    public bool IsComplete => Work.IsComplete(ChapterCount, ExpectedChapters);
}

public static class WorkQueries
{
    /// <summary>A work's header alone, in one query (the same one its pages are built from).</summary>
    public static async Task<WorkHeader?> HeaderAsync(this ArchiveDbContext db, int id) =>
        (await WorkPageData.LoadAsync(db, id, WorkPageData.NoChapters))?.Header;

    /// <summary>Blurbs for the newest-changed works of a query.</summary>
    public static async Task<List<WorkBlurb>> BlurbsAsync(this ArchiveDbContext db, IQueryable<Work> works, int take)
    {
        var ids = await works.OrderByDescending(w => w.RevisedAt).ThenByDescending(w => w.Id).Take(take).Select(w => w.Id).ToListAsync();
        return await db.BlurbsAsync(ids);
    }

    static readonly System.Text.Json.JsonSerializerOptions Json = new() { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Blurbs for these works, in this order: one query whatever the page size.</summary>
    public static async Task<List<WorkBlurb>> BlurbsAsync(this ArchiveDbContext db, IReadOnlyList<int> ids) => (await db.BlurbsAndTagsAsync(ids, [])).Blurbs;

    /// <summary>Blurbs for these works, in this order, and the names of these tags (a listing's filter options), in one round trip.</summary>
    public static async Task<(List<WorkBlurb> Blurbs, Dictionary<int, (string Name, TagType Type)> Tags)> BlurbsAndTagsAsync(this ArchiveDbContext db, IReadOnlyList<int> ids, IReadOnlyCollection<int> tagIds)
    {
        if (ids.Count == 0 && tagIds.Count == 0) return ([], []);
        int[] workIds = [.. ids], named = [.. tagIds];
        var json = await db.Database.SqlQuery<string>($"""
            SELECT json_build_object(
              'blurbs', COALESCE((SELECT json_agg(json_build_object(
                  'id', w.id, 'title', w.title,
                  'creators', COALESCE((SELECT json_agg(json_build_object('pseud_name', p.name, 'user_name', u.user_name) ORDER BY wc.position)
                      FROM work_creators wc JOIN pseuds p ON p.id = wc.pseud_id JOIN users u ON u.id = p.user_id WHERE wc.work_id = w.id AND wc.is_accepted AND NOT w.is_anonymous), '[]'),
                  'tags', COALESCE((SELECT json_agg(json_build_object('name', t.name, 'type', t.type, 'id', t.id) ORDER BY wt.position)
                      FROM work_tags wt JOIN tags t ON t.id = wt.tag_id WHERE wt.work_id = w.id), '[]'),
                  'summary_html', w.summary_html, 'language', w.language, 'updated_on', w.updated_on, 'word_count', w.word_count,
                  'chapter_count', w.chapter_count, 'expected_chapters', w.expected_chapters,
                  'external_creators', CASE WHEN w.is_anonymous THEN json_build_array('Anonymous') ELSE to_json(w.external_creators) END,
                  'comments', (SELECT count(*) FROM comments c WHERE c.work_id = w.id AND NOT c.is_screened AND NOT c.is_deleted),
                  'kudos', s.kudos_count, 'bookmarks', s.bookmarks_count, 'hits', s.hits_count, 'restricted', w.is_restricted))
                FROM works w JOIN work_stats s ON s.work_id = w.id WHERE w.id = ANY({workIds})), '[]'),
              'tags', COALESCE((SELECT json_agg(json_build_object('id', t.id, 'name', t.name, 'type', t.type)) FROM tags t WHERE t.id = ANY({named})), '[]')
            )::text AS "Value"
            """).SingleAsync();
        var found = System.Text.Json.JsonSerializer.Deserialize<BlurbsAndTags>(json, Json)!;
        var byId = found.Blurbs.ToDictionary(b => b.Id);
        return (ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList(), found.Tags.ToDictionary(t => t.Id, t => (t.Name, t.Type)));
    }

    sealed record BlurbsAndTags(List<WorkBlurb> Blurbs, List<NamedTag> Tags);
    sealed record NamedTag(int Id, string Name, TagType Type);

    /// <summary>Only a creator who has accepted, or the archivist who imported the work, may change it.</summary>
    public static Task<bool> IsCreatorAsync(this ArchiveDbContext db, int workId, int userId) =>
        db.Works.AnyAsync(w => w.Id == workId
            && (w.ArchivistUserId == userId || w.Creators.Any(c => c.IsAccepted && c.Pseud.UserId == userId)));

    /// <summary>Gives the chapters positions 1..n in the order given. Positions are unique per work, so they pass through negatives first.</summary>
    public static async Task RenumberChaptersAsync(this ArchiveDbContext db, int workId, IReadOnlyList<int> orderedIds)
    {
        await db.Chapters.Where(c => c.WorkId == workId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, c => -c.Position));
        for (var i = 0; i < orderedIds.Count; i++)
        {
            var (id, position) = (orderedIds[i], i + 1);
            await db.Chapters.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, position));
        }
    }

    /// <summary>
    /// Chapter count, word count, updated date and search text, recomputed from the work's rows in one statement.
    /// Every save of a work or chapter ends here. Chapter text counts up to its first 300,000 characters,
    /// which keeps the vector under PostgreSQL's 1 MB limit.
    /// </summary>
    /// <param name="revised">False when only how the work is shown changed (a creator's new pseud name), not the work: it keeps its place among recently updated works.</param>
    public static Task RecountAsync(this ArchiveDbContext db, int workId, bool revised = true) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE works SET chapter_count = c.n, word_count = c.words,
                updated_on = GREATEST(works.published_on, COALESCE(c.latest, works.published_on)), revised_at = CASE WHEN {revised} THEN now() ELSE works.revised_at END,
                -- An anonymous work's creators are in neither its sort key nor its search text: a search by name must not find it.
                creator_sort = CASE WHEN works.is_anonymous THEN 'anonymous' ELSE left(lower(COALESCE((
                    SELECT p.name FROM work_creators wc JOIN pseuds p ON p.id = wc.pseud_id WHERE wc.work_id = works.id AND wc.is_accepted ORDER BY wc.position LIMIT 1),
                    works.external_creators[1], '')), 100) END,
                search_vector =
                    -- A name with underscores also whole, as search asks for it (Search/SearchWords.cs).
                    setweight(to_tsvector('english', works.title || ' ' || CASE WHEN works.is_anonymous THEN '' ELSE COALESCE((
                        SELECT string_agg(CASE WHEN n ~ {SearchWords.UserNamePattern} THEN n || ' ' || n || {SearchWords.Whole} ELSE n END, ' ') FROM (
                            SELECT unnest(works.external_creators) AS n
                            UNION ALL
                            SELECT unnest(ARRAY[p.name, u.user_name]) FROM work_creators wc JOIN pseuds p ON p.id = wc.pseud_id JOIN users u ON u.id = p.user_id
                            WHERE wc.work_id = works.id AND wc.is_accepted) names), '') END), 'A')
                    || setweight(to_tsvector('english', COALESCE((
                        -- "Clark/Lex" would be one token; people are found by their names.
                        SELECT string_agg(translate(t.name || COALESCE(' ' || m.name, ''), '/&', '  '), ' ') FROM work_tags wt JOIN tags t ON t.id = wt.tag_id LEFT JOIN tags m ON m.id = t.merger_id
                        WHERE wt.work_id = works.id), '')), 'B')
                    || setweight(to_tsvector('english', regexp_replace(works.summary_html || ' ' || works.notes_html || ' ' || works.end_notes_html, '<[^>]*>', ' ', 'g')), 'C')
                    || setweight(to_tsvector('english', left(c.text, 300000)), 'D')
            FROM (SELECT count(*)::int AS n, COALESCE(sum(word_count), 0)::int AS words, max(published_on) AS latest,
                         COALESCE(string_agg(regexp_replace(body_html, '<[^>]*>', ' ', 'g'), ' ' ORDER BY position), '') AS text
                  FROM chapters WHERE work_id = {workId}) AS c
            WHERE works.id = {workId}
            """);
}
