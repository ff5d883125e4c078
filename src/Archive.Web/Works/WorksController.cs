using Archive.Web.Accounts;
using Archive.Web.Caching;
using Archive.Web.Chapters;
using Archive.Web.Database;
using Archive.Web.Errors;
using Archive.Web.Tags;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Works;

public sealed class WorksController(ArchiveDbContext db, WorkPosting posting, Drafts.DraftPosting drafts, WorkReading reading, Blocklist.ReaderBlocklist blocklist, Gifts.GiftRecipients gifts, Collections.WorkCollections collections, PageCacheEvictions evictions, Hits.HitCounter hits, History.ReadingRecorder readings, WorkFragments fragments) : Controller
{
    int? CurrentUserId => User.UserId();

    [HttpGet("/")]
    [HttpGet("/works")]
    [CachedForGuests]
    [ReadsFromReplica]
    public async Task<IActionResult> Index()
    {
        var blurbs = await db.BlurbsAsync(await blocklist.ApplyAsync(db.Works), 20);
        HttpContext.Shows([CacheTags.AllWorks, .. blurbs.Select(b => CacheTags.Work(b.Id))]);
        return View(blurbs);
    }

    [HttpGet("/works/{id:int}")]
    [CachedForGuests]
    public Task<IActionResult> Show(int id, [FromQuery(Name = "view_full_work")] bool fullWork = false,
        [FromQuery(Name = "comments_page")] int commentsPage = 1, [FromQuery(Name = "comment")] int? comment = null) =>
        Read(id, fullWork ? null : 1, commentsPage, comment);

    [HttpGet("/works/{id:int}/chapters/{position:int}")]
    [CachedForGuests]
    public async Task<IActionResult> Chapter(int id, int position, [FromQuery(Name = "comments_page")] int commentsPage = 1,
        [FromQuery(Name = "comment")] int? comment = null) => position < 1 ? NotFound() : await Read(id, position, commentsPage, comment);

    /// <summary>One chapter (by position) with the work header, or every chapter when position is null.</summary>
    async Task<IActionResult> Read(int id, int? position, int commentsPage, int? comment)
    {
        var page = await reading.PageAsync(id, position, CurrentUserId, commentsPage: commentsPage, showComment: comment);
        if (page is null) return NotFound();
        if (page.IsMystery || page.IsLocked)
        {
            HttpContext.Shows(CacheTags.Work(id));
            return View(page.IsMystery ? "Mystery" : "Locked", page.Work);
        }
        HttpContext.Shows([CacheTags.Work(id), .. page.Work.Tags.SelectMany(t => new[] { t.Id, t.CanonicalId ?? t.Id }).Distinct().Select(CacheTags.ShowsTag)]);
        // Creators and moderators know what they are looking at.
        if (AdultContent.MustAsk(HttpContext, page.Work.TagsOf(TagType.Rating), page.CanEdit || page.IsModerator, page.Reader.ViewAdultContent))
            return View("AdultNotice", page.Work);
        // A creator rereading their own work is not a reader's hit (as on AO3).
        if (!page.CanEdit) GuestPages.CountRead(HttpContext, id, hits);
        if (CurrentUserId is { } reader && page.Reader.KeepsHistory) readings.Record(reader, id);
        page = page.ForReaderNamed(User.Identity?.Name);
        if (await fragments.PlainReaderPageAsync(ControllerContext, page) is { } shared) return shared;
        return View("Show", page with { BodyHtml = await fragments.BodyAsync(ControllerContext, page), CommentsHtml = await fragments.CommentsAsync(ControllerContext, page) });
    }

    [Authorize]
    [HttpGet("/works/new")]
    public async Task<IActionResult> New(string? collections, int? fills)
    {
        var pseuds = await OwnPseudsAsync();
        // "Post your gift" and "Post a fill" links name the collection to post to.
        var form = new WorkForm { PseudIds = [pseuds.First(p => p.IsDefault).Id], PublishedOn = DateOnly.FromDateTime(DateTime.UtcNow), Collections = collections, FillsPromptId = fills };
        return View("Form", await FormPageAsync(form, null));
    }

    [Authorize]
    [Hosting.RequestSize(Hosting.RequestSize.Posting)]
    [HttpPost("/works/new")]
    public async Task<IActionResult> Create(WorkForm form, string? preview)
    {
        var checkedWork = await posting.ValidateAsync(form, CurrentUserId!.Value, isNew: true, chapterCount: 1, ModelState, host: Request.Host.Value ?? "");
        var postAt = Drafts.PostLater.Parse(form.PostAt, form.TimeZone, ModelState, nameof(form.PostAt), nameof(form.TimeZone));
        if (!ModelState.IsValid || preview is not null)
            return View("Form", await FormPageAsync(form, null, ModelState.IsValid && preview is not null ? posting.Preview(form) : null));
        if (postAt is { } at)
        {
            var scheduled = await drafts.SaveAsync(null, CurrentUserId!.Value, null, form, form.Title, at, form.TimeZone, Request.Host.Value ?? "");
            TempData["Notice"] = $"“{scheduled.Title}” will be posted at {Drafts.PostLater.Show(at, scheduled.TimeZone)}. Until then it is a draft only you can see.";
            return Redirect("/drafts");
        }
        var work = await posting.CreateAsync(form, CurrentUserId!.Value, checkedWork);
        TempData["Notice"] = "Work was successfully posted.";
        return Redirect($"/works/{work.Id}");
    }

    /// <summary>"Save as draft" on the new work form: kept as typed, seen only by its author, posted when they choose. Drafts don't expire.</summary>
    [Authorize]
    [Hosting.RequestSize(Hosting.RequestSize.Posting)]
    [HttpPost("/works/draft")]
    public async Task<IActionResult> SaveDraft(WorkForm form)
    {
        drafts.CheckForDraft(form, ModelState);
        if (!ModelState.IsValid) return View("Form", await FormPageAsync(form, null));
        var draft = await drafts.SaveAsync(null, CurrentUserId!.Value, null, form, form.Title, null, form.TimeZone, Request.Host.Value ?? "");
        TempData["Notice"] = "Your draft was saved. Only you can see it; it stays until you post or delete it.";
        return Redirect($"/drafts/{draft.Id}");
    }

    [Authorize]
    [HttpGet("/works/{id:int}/edit")]
    public async Task<IActionResult> Edit(int id)
    {
        // Three small queries in one snapshot: a single joined query would repeat the work's notes and skin on every row of
        // its tags times its creators (75 tags of a work with long notes came to megabytes), and the form shows one moment's work.
        await using var snapshot = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        var work = await db.Works.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id);
        if (work is null) return NotFound();
        if (!await db.IsCreatorAsync(id, CurrentUserId!.Value)) return this.Refuse(ErrorResults.NotACreator);
        var tags = await db.WorkTags.AsNoTracking().Where(t => t.WorkId == id).OrderBy(t => t.Position)
            .Select(t => new { t.Tag.Type, t.Tag.Name }).ToListAsync();
        var ownPseudIds = await db.WorkCreators.AsNoTracking().Where(c => c.WorkId == id && c.Pseud.UserId == CurrentUserId)
            .OrderBy(c => c.Position).Select(c => c.PseudId).ToListAsync();
        string TagsOf(TagType type) => TagList.Join(tags.Where(t => t.Type == type).Select(t => t.Name));
        var form = new WorkForm
        {
            Title = work.Title,
            PseudIds = ownPseudIds,
            Rating = tags.FirstOrDefault(t => t.Type == TagType.Rating)?.Name ?? Ratings.NotRated,
            Warnings = tags.Where(t => t.Type == TagType.ArchiveWarning).Select(t => t.Name).ToList(),
            Categories = tags.Where(t => t.Type == TagType.Category).Select(t => t.Name).ToList(),
            Fandoms = TagsOf(TagType.Fandom),
            Relationships = TagsOf(TagType.Relationship),
            Characters = TagsOf(TagType.Character),
            AdditionalTags = TagsOf(TagType.Freeform),
            Summary = work.SummarySource,
            Notes = work.NotesSource,
            EndNotes = work.EndNotesSource,
            TextFormat = work.TextFormat,
            Language = work.Language,
            PublishedOn = work.PublishedOn,
            ExpectedChapters = work.ExpectedChapters?.ToString() ?? "?",
            CommentPermission = work.CommentPermission,
            ScreenComments = work.ScreenComments,
            RegisteredOnly = work.IsRestricted,
            SkinCss = work.SkinCssSource,
            Related = RelatedWorkLinks.RowsFor(await db.RelatedWorks.AsNoTracking().Where(r => r.WorkId == id).ToListAsync(), $"{Request.Scheme}://{Request.Host}"),
            GiftTo = await gifts.TextForAsync(id),
            Collections = await collections.TextForAsync(id),
        };
        return View("Form", await FormPageAsync(form, id));
    }

    [Authorize]
    [Hosting.RequestSize(Hosting.RequestSize.Posting)]
    [HttpPost("/works/{id:int}/edit")]
    public async Task<IActionResult> Update(int id, WorkForm form, string? preview)
    {
        // Split queries: one joined query repeats the work's long columns on every tag-times-creator row. An edit landing between
        // them changes nothing here: the form's tags replace the work's tags, and only this author's own pseuds are touched.
        var work = await db.Works.Include(w => w.Tags).Include(w => w.Creators).AsSplitQuery().SingleOrDefaultAsync(w => w.Id == id);
        if (work is null) return NotFound();
        if (!await db.IsCreatorAsync(id, CurrentUserId!.Value)) return this.Refuse(ErrorResults.NotACreator);
        var ownPseudIds = await db.Pseuds.Where(p => p.UserId == CurrentUserId).Select(p => p.Id).ToListAsync();
        var othersCredited = work.ExternalCreators.Count > 0 || work.Creators.Any(c => c.IsAccepted && !ownPseudIds.Contains(c.PseudId));
        var checkedWork = await posting.ValidateAsync(form, CurrentUserId!.Value, isNew: false, work.ChapterCount, ModelState, othersCredited, id, Request.Host.Value ?? "");
        if (!ModelState.IsValid || preview is not null)
            return View("Form", await FormPageAsync(form, id, ModelState.IsValid && preview is not null ? posting.Preview(form) : null));
        await posting.UpdateAsync(work, form, CurrentUserId!.Value, checkedWork);
        TempData["Notice"] = "Work was successfully updated.";
        return Redirect($"/works/{id}");
    }

    [Authorize]
    [HttpGet("/works/{id:int}/delete")]
    public async Task<IActionResult> ConfirmDelete(int id)
    {
        var header = await db.HeaderAsync(id);
        if (header is null) return NotFound();
        if (!await db.IsCreatorAsync(id, CurrentUserId!.Value)) return this.Refuse(ErrorResults.NotACreator);
        return View("Delete", header);
    }

    [Authorize]
    [HttpPost("/works/{id:int}/delete")]
    public async Task<IActionResult> Delete(int id)
    {
        if (!await db.Works.AnyAsync(w => w.Id == id)) return NotFound();
        if (!await db.IsCreatorAsync(id, CurrentUserId!.Value)) return this.Refuse(ErrorResults.NotACreator);
        await DeleteWorkAsync(db, evictions, id);
        TempData["Notice"] = "Your work was deleted.";
        return Redirect("/");
    }


    /// <summary>A work and everything that hangs off it, for good; then every page that showed it forgets it.</summary>
    public static async Task DeleteWorkAsync(ArchiveDbContext db, PageCacheEvictions evictions, int id)
    {
        var before = await PageCacheEvictions.FootprintAsync(db, id);
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.WorkTags.Where(t => t.WorkId == id).ExecuteDeleteAsync();
            await db.Kudos.Where(k => k.WorkId == id).ExecuteDeleteAsync();
            await db.Downloads.Where(d => d.WorkId == id).ExecuteDeleteAsync();
            await db.Comments.Where(c => c.WorkId == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ParentId, (int?)null));
            await db.Comments.Where(c => c.WorkId == id).ExecuteDeleteAsync();
            await db.Reports.Where(r => r.WorkId == id).ExecuteDeleteAsync();
            await db.RelatedWorks.Where(r => r.WorkId == id).ExecuteDeleteAsync();
            await db.WorkCreators.Where(c => c.WorkId == id).ExecuteDeleteAsync();
            await db.Chapters.Where(c => c.WorkId == id).ExecuteDeleteAsync();
            await db.Works.Where(w => w.Id == id).ExecuteDeleteAsync();
            await transaction.CommitAsync();
        }
        await evictions.WorkChangedAsync(db, id, before);
    }

    Task<List<Accounts.Pseud>> OwnPseudsAsync() =>
        db.Pseuds.AsNoTracking().Where(p => p.UserId == CurrentUserId).OrderByDescending(p => p.IsDefault).ThenBy(p => p.Name).ToListAsync();

    Task<WorkFormPage> FormPageAsync(WorkForm form, int? workId, Text.TextPreview? preview = null) =>
        WorkFormPage.BuildAsync(db, CurrentUserId!.Value, form, workId, preview);
}

/// <summary>A work page: the header, the chapters shown (one, or all for the full work), and that chapter's comments.</summary>
public sealed record WorkPage(WorkHeader Work, List<ShownChapter> Chapters, int? Position, bool CanEdit, Comments.CommentSection? Comments,
    string? HiddenReason, bool IsModerator, List<Series.SeriesPlace> Series, List<InspiredWork> Inspired, ReaderFacts Reader)
{
    /// <summary>The shared part of the page, already rendered (<see cref="WorkFragments"/>).</summary>
    public string? BodyHtml { get; init; }

    /// <summary>The comment section, already rendered with this reader's form token, when it is the same for many readers.</summary>
    public string? CommentsHtml { get; init; }

    /// <summary>The cache generation of the work (<see cref="CacheGenerations"/>) this page's shared data is at least as new as.</summary>
    public string Generation { get; init; } = "";

    /// <summary>The reader left kudos that the shared list of names doesn't show yet: their name is added to it.</summary>
    public bool AddsReaderToKudos { get; init; }

    /// <summary>The page as the reader with this name sees it: their own kudos shows at once, though the shared list follows a moment later.</summary>
    public WorkPage ForReaderNamed(string? name) => this with
    {
        AddsReaderToKudos = Reader.KudosGiven && name is not null && Work.KudosNames.Count < 50 && !Work.KudosNames.Contains(name),
    };

    /// <summary>An unrevealed work, to someone who may not see it yet: only "Mystery work" and its collections are shown.</summary>
    public bool IsMystery { get; init; }
    /// <summary>For registered users only, and the reader is a guest: they are asked to log in.</summary>
    public bool IsLocked { get; init; }

    public bool IsFullWork => Position is null;
    public bool IsMultiChapter => Work.ChapterCount > 1;
}
