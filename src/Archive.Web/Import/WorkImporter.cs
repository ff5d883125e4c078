using Archive.Web.Accounts;
using Archive.Web.Chapters;
using Archive.Web.Database;
using Archive.Web.Tags;
using Archive.Web.Text;
using Archive.Web.Works;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Archive.Web.Import;

public enum ImportOutcome { Created, Updated, Unchanged }

public sealed record ImportResult(int WorkId, string Title, int Chapters, ImportOutcome Outcome);

/// <summary>
/// Saves imported works. Parts join the work already imported with the same title and creators, in part order;
/// a part imported before is left alone, so importing the same files again changes nothing.
/// </summary>
public sealed class WorkImporter(ArchiveDbContext db, StoryText text, Caching.PageCacheEvictions evictions)
{
    /// <summary>Used when a post names no fandom (AO3's tag for the same).</summary>
    public const string UnspecifiedFandom = "Unspecified Fandom";

    public async Task<ImportResult> ImportAsync(ImportedWork imported, int archivistUserId)
    {
        var archivist = await db.Users.AsNoTracking().Where(u => u.Id == archivistUserId)
            .Select(u => new { u.UserName, Pseuds = u.Pseuds.Select(p => new { p.Id, p.Name, p.IsDefault }).ToList() }).SingleAsync();

        // The archivist's own names become their pseuds; everyone else is kept as an outside name, claimable later.
        var pseudIds = new List<int>();
        var external = new List<string>();
        foreach (var creator in imported.Creators)
        {
            if (string.Equals(creator.Identity, archivist.UserName, StringComparison.OrdinalIgnoreCase)
                || archivist.Pseuds.Any(p => string.Equals(p.Name, creator.Name, StringComparison.OrdinalIgnoreCase) && creator.UserName is null))
            {
                var pseud = archivist.Pseuds.FirstOrDefault(p => string.Equals(p.Name, creator.Name, StringComparison.OrdinalIgnoreCase))
                    ?? archivist.Pseuds.First(p => p.IsDefault);
                if (!pseudIds.Contains(pseud.Id)) pseudIds.Add(pseud.Id);
            }
            else if (!external.Contains(creator.Display)) external.Add(creator.Display);
        }
        // A post that names nobody is the archivist's own.
        if (pseudIds.Count == 0 && external.Count == 0) pseudIds.Add(archivist.Pseuds.First(p => p.IsDefault).Id);
        var key = ImportedWork.Key(imported.Title, imported.Creators) + (imported.Creators.Count == 0 ? $"archivist:{archivistUserId}" : "");

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SaveAsync(imported, archivistUserId, key, pseudIds, external);
            }
            catch (DbUpdateException e) when (attempt == 1 && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another import of this story won the race; join its work instead.
                db.ChangeTracker.Clear();
            }
        }
    }

    async Task<ImportResult> SaveAsync(ImportedWork imported, int archivistUserId, string key, List<int> pseudIds, List<string> external)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var existing = await db.Works.FromSql($"SELECT * FROM works WHERE import_key = {key} FOR UPDATE").Select(w => w.Id).SingleOrDefaultAsync();
        if (existing != 0)
        {
            var (result, joinedSpellings) = await AddPartsAsync(existing, imported);
            await transaction.CommitAsync();
            await evictions.WorkChangedAsync(db, existing);
            if (joinedSpellings.Length > 0) await evictions.TagsWrangledAsync(db, joinedSpellings);
            return result;
        }

        var now = DateTimeOffset.UtcNow;
        var published = imported.PostedOn ?? DateOnly.FromDateTime(now.UtcDateTime);
        var work = new Work
        {
            Title = imported.Title,
            Stats = new(),
            SummarySource = imported.Summary ?? "",
            SummaryHtml = text.ToHtml(imported.Summary, TextFormat.PlainText),
            NotesSource = imported.Notes,
            NotesHtml = text.ToHtml(imported.Notes, TextFormat.PlainText),
            TextFormat = TextFormat.PlainText,
            SanitizerVersion = ArchiveHtmlPolicy.Version,
            PublishedOn = published,
            UpdatedOn = published,
            ExpectedChapters = imported.ExpectedChapters,
            Language = imported.Language,
            CreatedAt = now,
            RevisedAt = now,
            ExternalCreators = external,
            ArchivistUserId = archivistUserId,
            ImportedAt = now,
            OriginallyPostedOn = imported.PostedOn,
            ImportSource = imported.Source,
            ImportKey = key,
        };
        for (var i = 0; i < pseudIds.Count; i++)
            work.Creators.Add(new WorkCreator { PseudId = pseudIds[i], Position = i, IsAccepted = true, InvitedAt = now });
        var position = 1;
        foreach (var part in imported.Parts) work.Chapters.Add(NewChapter(part, position++, published));
        foreach (var relation in imported.RelatedWorks)
            work.RelatedWorks.Add(new RelatedWork
            {
                Relation = relation.Relation, Title = relation.Title, Author = relation.Author,
                ParentWorkId = await FindOnArchiveAsync(relation),
            });
        var joined = await WorkTagging.SetTagsAsync(db, work, Tags(imported));
        db.Works.Add(work);
        await db.SaveChangesAsync();
        await db.RefreshWorkAsync(work.Id);
        await db.RecountAsync(work.Id);
        await transaction.CommitAsync();
        await evictions.WorkChangedAsync(db, work.Id);
        if (joined.Length > 0) await evictions.TagsWrangledAsync(db, joined);
        return new ImportResult(work.Id, work.Title, work.Chapters.Count, ImportOutcome.Created);
    }

    /// <summary>Adds the parts the work lacks and puts every chapter back in part order.</summary>
    async Task<(ImportResult Result, int[] JoinedSpellings)> AddPartsAsync(int workId, ImportedWork imported)
    {
        var work = await db.Works.Include(w => w.Tags).SingleAsync(w => w.Id == workId);
        var chapters = await db.Chapters.Where(c => c.WorkId == workId).Select(c => new { c.Id, c.ImportedPart, c.Position }).ToListAsync();
        var missing = imported.Parts.Where(p => chapters.All(c => c.ImportedPart != p.Part)).ToList();
        if (missing.Count == 0) return (new ImportResult(workId, work.Title, chapters.Count, ImportOutcome.Unchanged), []);

        var next = chapters.Max(c => c.Position) + 1;
        var added = missing.Select(part => NewChapter(part, next++, work.PublishedOn)).ToList();
        foreach (var chapter in added) chapter.WorkId = workId;
        db.Chapters.AddRange(added);
        if (imported.ExpectedChapters is { } expected && (work.ExpectedChapters is null || expected > work.ExpectedChapters)) work.ExpectedChapters = expected;
        if (imported.PostedOn is { } posted && (work.OriginallyPostedOn is null || posted < work.OriginallyPostedOn))
        {
            work.OriginallyPostedOn = posted;
            if (posted < work.PublishedOn) work.PublishedOn = posted;
        }
        // Tags a later part adds join the work's.
        var tags = await db.WorkTags.Where(t => t.WorkId == workId).OrderBy(t => t.Position).Select(t => new { t.Tag.Type, t.Tag.Name }).ToListAsync();
        var joined = await WorkTagging.SetTagsAsync(db, work, [.. tags.Select(t => (t.Type, t.Name)), .. Tags(imported)]);
        await db.SaveChangesAsync();

        var order = chapters.Select(c => (c.Id, Part: c.ImportedPart, c.Position))
            .Concat(added.Select(c => (c.Id, Part: c.ImportedPart, c.Position)))
            .OrderBy(c => c.Part ?? int.MaxValue).ThenBy(c => c.Position).Select(c => c.Id).ToList();
        await db.RenumberChaptersAsync(workId, order);
        await db.RefreshWorkAsync(workId);
        await db.RecountAsync(workId);
        return (new ImportResult(workId, work.Title, order.Count, ImportOutcome.Updated), joined);
    }

    Chapter NewChapter(ParsedPost part, int position, DateOnly fallbackDate)
    {
        var chapter = new Chapter { Position = position, ImportedPart = part.Part, PublishedOn = part.PostedOn ?? fallbackDate, CreatedAt = DateTimeOffset.UtcNow };
        ChapterText.Apply(chapter, text, null, null, null, null, part.BodyHtml, TextFormat.Html);
        return chapter;
    }

    static List<(TagType, string)> Tags(ImportedWork work) =>
    [
        (TagType.Rating, work.Rating),
        .. work.Warnings.Select(w => (TagType.ArchiveWarning, w)),
        .. work.Categories.Select(c => (TagType.Category, c)),
        .. (work.Fandoms.Count > 0 ? work.Fandoms : [UnspecifiedFandom]).Select(f => (TagType.Fandom, f)),
        .. work.Relationships.Select(r => (TagType.Relationship, r)),
        .. work.Characters.Select(c => (TagType.Character, c)),
        .. work.Freeforms.Select(f => (TagType.Freeform, f)),
    ];

    /// <summary>The work this one relates to, when it is on the archive under that title and author.</summary>
    async Task<int?> FindOnArchiveAsync(ImportedRelation relation)
    {
        if (relation.Author is null) return null;
        var title = relation.Title.ToLower();
        var author = Pseud.Normalize(relation.Author);
        var id = await db.Works.Where(w => w.Title.ToLower() == title
                && (w.Creators.Any(c => c.IsAccepted && (c.Pseud.NormalizedName == author || c.Pseud.User.NormalizedUserName == author))
                    || w.ExternalCreators.Contains(relation.Author)))
            .OrderBy(w => w.Id).Select(w => (int?)w.Id).FirstOrDefaultAsync();
        return id;
    }
}
