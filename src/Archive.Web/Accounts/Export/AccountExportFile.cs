using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using Archive.Web.Database;
using Archive.Web.Downloads;
using Archive.Web.Tags;
using Archive.Web.Text;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Accounts.Export;

/// <summary>
/// Everything of one user's as a ZIP: each work they created as EPUB, HTML (the download files) and as they wrote it,
/// and their bookmarks, comments, kudos, reading history and account as JSON.
/// </summary>
public sealed class AccountExportFile(ArchiveDbContext db, WorkBooks books, Mail.OutgoingMail mail, History.ReadingRecorder readings)
{
    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // A file to read, not a page: "é" and "<" stay as written.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Builds the ZIP; <paramref name="stillWorking"/> is called between works, so a long build keeps its claim.</summary>
    public async Task<byte[]> BuildAsync(int userId, Func<Task> stillWorking, CancellationToken cancel)
    {
        // Visits this instance has not written yet belong in the history.
        await readings.FlushAsync(cancel);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.UserName, u.Email, u.CreatedAt, Pseuds = u.Pseuds.OrderBy(p => p.Id).Select(p => new { p.Name, p.IsDefault, p.CreatedAt }).ToList() })
            .SingleAsync(cancel);
        var now = DateTimeOffset.UtcNow;

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(archive, "account.json", JsonSerializer.SerializeToUtf8Bytes(new
            {
                user.UserName, user.Email, user.CreatedAt, user.Pseuds, ExportedAt = now, Site = mail.Site,
            }, Json), now);

            // Their own works, whatever readers may see of them now (hidden by moderators, anonymous, unrevealed).
            var works = await db.Works.AsNoTracking()
                .Where(w => w.Creators.Any(c => c.IsAccepted && c.Pseud.UserId == userId))
                .OrderBy(w => w.Id).Select(w => new { w.Id, w.Title, w.RevisedAt }).ToListAsync(cancel);
            foreach (var work in works)
            {
                cancel.ThrowIfCancellationRequested();
                await AddWorkAsync(archive, work.Id, work.Title, work.RevisedAt, cancel);
                await stillWorking();
            }

            var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => b.UserId == userId).OrderBy(b => b.CreatedAt).ToListAsync(cancel);
            // Comments they took back are not theirs to carry away any more.
            var comments = await (
                from c in db.Comments.AsNoTracking()
                join ch in db.Chapters on c.ChapterId equals ch.Id
                where c.UserId == userId && !c.IsDeleted
                orderby c.CreatedAt
                select new { c.Id, c.WorkId, Chapter = ch.Position, ReplyTo = c.ParentId, c.Subject, Text = c.BodySource, c.TextFormat, c.CreatedAt, c.EditedAt })
                .ToListAsync(cancel);
            var kudos = await db.Kudos.AsNoTracking().Where(k => k.UserId == userId).OrderBy(k => k.CreatedAt).Select(k => new { k.WorkId, k.CreatedAt }).ToListAsync(cancel);
            var history = await db.Readings.AsNoTracking().Where(r => r.UserId == userId).OrderByDescending(r => r.LastVisitedAt).ToListAsync(cancel);
            var titles = await TitlesAsync(userId, [.. bookmarks.Select(b => b.WorkId), .. comments.Select(c => c.WorkId), .. kudos.Select(k => k.WorkId), .. history.Select(r => r.WorkId)], cancel);
            string Url(int workId) => $"{mail.Site}/works/{workId}";

            Add(archive, "bookmarks.json", JsonSerializer.SerializeToUtf8Bytes(bookmarks.Select(b => new
            {
                b.WorkId, Title = titles[b.WorkId], Url = Url(b.WorkId), Notes = b.NotesSource, b.Tags, b.IsPrivate, IsRecommended = b.IsRec, b.CreatedAt, b.UpdatedAt,
            }), Json), now);
            Add(archive, "comments.json", JsonSerializer.SerializeToUtf8Bytes(comments.Select(c => new
            {
                c.Id, c.WorkId, Title = titles[c.WorkId], c.Chapter, Url = $"{mail.Site}/comments/{c.Id}", c.ReplyTo, c.Subject, c.Text, c.TextFormat, c.CreatedAt, c.EditedAt,
            }), Json), now);
            Add(archive, "kudos.json", JsonSerializer.SerializeToUtf8Bytes(kudos.Select(k => new
            {
                k.WorkId, Title = titles[k.WorkId], Url = Url(k.WorkId), LeftAt = k.CreatedAt,
            }), Json), now);
            Add(archive, "history.json", JsonSerializer.SerializeToUtf8Bytes(history.Select(r => new
            {
                r.WorkId, Title = titles[r.WorkId], Url = Url(r.WorkId), r.LastVisitedAt, r.Visits, r.MarkedForLater,
            }), Json), now);
            // Drafts are theirs too: each as its form was left (a work's, or a chapter's for one of their works).
            var drafts = await db.Drafts.AsNoTracking().Where(d => d.UserId == userId).OrderBy(d => d.CreatedAt).ToListAsync(cancel);
            if (drafts.Count > 0)
                Add(archive, "drafts.json", JsonSerializer.SerializeToUtf8Bytes(drafts.Select(d => new
                {
                    d.Id, d.Title, ChapterOfWork = d.WorkId, d.CreatedAt, d.UpdatedAt, d.PostAt, Form = JsonDocument.Parse(d.Form).RootElement,
                }), Json), now);
        }
        return zip.ToArray();
    }

    /// <summary>
    /// The titles of the works these rows are about. Another's work waiting for its collection's reveal is a mystery to everyone
    /// but its creators, and the export says no more than its page would.
    /// </summary>
    async Task<Dictionary<int, string>> TitlesAsync(int userId, int[] workIds, CancellationToken cancel) =>
        await db.Works.AsNoTracking().Where(w => workIds.Contains(w.Id))
            .Select(w => new { w.Id, Title = w.IsUnrevealed && !w.Creators.Any(c => c.IsAccepted && c.Pseud.UserId == userId) ? "Mystery work" : w.Title })
            .ToDictionaryAsync(w => w.Id, w => w.Title, cancel);

    async Task AddWorkAsync(ZipArchive archive, int id, string title, DateTimeOffset revised, CancellationToken cancel)
    {
        var folder = $"works/{id}-{WorkBooks.FileName(title)}/";
        var name = WorkBooks.FileName(title);
        Add(archive, folder + name + ".epub", await books.EpubAsync(id, revised), revised, CompressionLevel.NoCompression);
        Add(archive, folder + name + ".html", await books.HtmlAsync(id, revised), revised);

        var work = await db.Works.AsNoTracking().Where(w => w.Id == id).Select(w => new
        {
            w.Title, w.TextFormat, w.SummarySource, w.NotesSource, w.EndNotesSource, w.Language, w.PublishedOn, w.UpdatedOn,
            w.CreatedAt, w.RevisedAt, w.ExpectedChapters, w.WordCount, w.HiddenReason, Hidden = w.HiddenAt != null, w.IsAnonymous, w.IsUnrevealed,
            Creators = w.Creators.Where(c => c.IsAccepted).OrderBy(c => c.Position).Select(c => Pseud.Display(c.Pseud.Name, c.Pseud.User.UserName!)).ToList(),
            Tags = w.Tags.OrderBy(t => t.Position).Select(t => new { t.Tag.Type, t.Tag.Name }).ToList(),
        }).SingleAsync(cancel);
        var chapters = await db.Chapters.AsNoTracking().Where(c => c.WorkId == id).OrderBy(c => c.Position).ToListAsync(cancel);

        var files = new List<string>();
        foreach (var chapter in chapters)
        {
            var file = $"source/chapter-{chapter.Position:00}.{Extension(chapter.TextFormat)}";
            files.Add(file);
            // The text exactly as the author wrote it: no BOM, nothing added.
            Add(archive, folder + file, new System.Text.UTF8Encoding(false).GetBytes(chapter.BodySource), chapter.RevisedAt);
        }

        Add(archive, folder + "work.json", JsonSerializer.SerializeToUtf8Bytes(new
        {
            Id = id, work.Title, Url = $"{mail.Site}/works/{id}", work.Creators,
            // Collection tags are the collection's business, not the author's.
            Tags = work.Tags.Where(t => t.Type != TagType.Collection).GroupBy(t => t.Type)
                .ToDictionary(g => JsonNamingPolicy.SnakeCaseLower.ConvertName(g.Key.ToString()), g => g.Select(t => t.Name).ToList()),
            work.Language, work.TextFormat, Summary = work.SummarySource, Notes = work.NotesSource, EndNotes = work.EndNotesSource,
            work.PublishedOn, work.UpdatedOn, work.CreatedAt, work.RevisedAt, work.ExpectedChapters, work.WordCount,
            HiddenByModerators = work.Hidden ? work.HiddenReason ?? "" : null, work.IsAnonymous, work.IsUnrevealed,
            Chapters = chapters.Select((c, i) => new
            {
                c.Position, c.Title, c.TextFormat, File = files[i], Summary = c.SummarySource, Notes = c.NotesSource, EndNotes = c.EndNotesSource,
                c.PublishedOn, c.WordCount, c.CreatedAt, c.RevisedAt,
            }),
        }, Json), revised);
    }

    static string Extension(TextFormat format) => format switch
    {
        TextFormat.Markdown => "md",
        TextFormat.PlainText => "txt",
        _ => "html",
    };

    static void Add(ZipArchive archive, string name, byte[] content, DateTimeOffset modified, CompressionLevel level = CompressionLevel.Optimal)
    {
        var entry = archive.CreateEntry(name, level);
        // ZIP dates cannot be before 1980 (an imported work's may be).
        entry.LastWriteTime = modified.Year < 1980 ? new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero) : modified;
        using var stream = entry.Open();
        stream.Write(content);
    }
}
