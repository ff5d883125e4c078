using Archive.Web.Accounts;
using Archive.Web.Chapters;
using Archive.Web.Database;
using Archive.Web.Tags;
using Archive.Web.Text;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Archive.Web.Works;

/// <summary>Checks a work form and saves it: the work, its creators, tags and first chapter in one transaction.</summary>
/// <summary>What a valid form resolved to, beyond its plain fields.</summary>
public sealed record CheckedWork(List<Pseud> CoCreators, List<RelatedWorkLink> Related, List<Gifts.GiftRecipient> Gifts, List<Collections.Collection> Collections);

public sealed class WorkPosting(ArchiveDbContext db, StoryText text, IOptions<ArchiveLimits> limitOptions, RelatedWorkLinks relatedLinks, Gifts.GiftRecipients giftRecipients,
    Caching.PageCacheEvictions evictions, Collections.WorkCollections collections, Challenges.GiftExchange exchange)
{
    readonly ArchiveLimits limits = limitOptions.Value;

    /// <summary>Adds a message beside each bad field. Returns the resolved co-creators, related works and gift recipients.</summary>
    /// <param name="othersCredited">The work already credits someone besides the editor (another user, or an imported outside name), so the editor need not pick a pseud.</param>
    /// <param name="host">The host the form was posted to: links to works there are links to this archive.</param>
    public async Task<CheckedWork> ValidateAsync(WorkForm form, int userId, bool isNew, int chapterCount, ModelStateDictionary errors,
        bool othersCredited = false, int? workId = null, string host = "")
    {
        form.Warnings.RemoveAll(string.IsNullOrWhiteSpace);
        form.Categories.RemoveAll(string.IsNullOrWhiteSpace);
        if (string.IsNullOrWhiteSpace(form.Title))
            errors.AddModelError(nameof(form.Title), "Please enter a title.");
        else if (form.Title.Trim().Length > limits.TitleMaxLength)
            errors.AddModelError(nameof(form.Title), $"The title must be {limits.TitleMaxLength} characters or fewer (it is {form.Title.Trim().Length}).");

        // No rating is taken for granted: "Not Rated" is a choice the author makes, like any other.
        if (string.IsNullOrEmpty(form.Rating))
            errors.AddModelError(nameof(form.Rating), $"Please choose a rating (“{Ratings.NotRated}” if you'd rather not rate it).");
        else if (!Ratings.All.Contains(form.Rating))
            errors.AddModelError(nameof(form.Rating), $"Please choose one of the ratings: {string.Join(", ", Ratings.All)}.");
        if (form.Warnings.Count == 0)
            errors.AddModelError(nameof(form.Warnings), $"Please choose at least one archive warning (or “{ArchiveWarnings.ChoseNotToUse}”).");
        else if (form.Warnings.FirstOrDefault(w => !ArchiveWarnings.All.Contains(w)) is { } unknown)
            errors.AddModelError(nameof(form.Warnings), $"“{unknown}” is not an archive warning.");
        if (form.Categories.FirstOrDefault(c => !Categories.All.Contains(c)) is { } category)
            errors.AddModelError(nameof(form.Categories), $"“{category}” is not a category; choose from {string.Join(", ", Categories.All)}.");

        await ValidateTagsAsync(form, errors);

        ArchiveLimits.CheckLength(errors, nameof(form.Summary), "The summary", form.Summary, limits.SummaryMaxLength);
        ArchiveLimits.CheckLength(errors, nameof(form.Notes), "The notes", form.Notes, limits.NotesMaxLength);
        ArchiveLimits.CheckLength(errors, nameof(form.EndNotes), "The end notes", form.EndNotes, limits.NotesMaxLength);
        ArchiveLimits.CheckLength(errors, nameof(form.SkinCss), "The work skin", form.SkinCss, limits.WorkSkinMaxLength);

        if (form.Language is null || !Languages.All.Contains(form.Language))
            errors.AddModelError(nameof(form.Language), "Please choose a language from the list.");
        if (form.PublishedOn is { } published && published > DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)))
            errors.AddModelError(nameof(form.PublishedOn), "The publication date can't be in the future.");
        if (!TryParseExpectedChapters(form.ExpectedChapters, out var expected))
            errors.AddModelError(nameof(form.ExpectedChapters), "Expected chapters must be a whole number, or ? if you don't know yet.");
        else if (expected is { } n && (n < Math.Max(1, chapterCount) || n > limits.ExpectedChaptersMax))
            errors.AddModelError(nameof(form.ExpectedChapters),
                $"Expected chapters must be between {Math.Max(1, chapterCount)} and {limits.ExpectedChaptersMax} (the work has {Math.Max(1, chapterCount)} posted), or ?.");

        if (isNew)
        {
            ArchiveLimits.CheckLength(errors, nameof(form.ChapterTitle), "The chapter title", form.ChapterTitle, limits.ChapterTitleMaxLength);
            if (string.IsNullOrWhiteSpace(form.Body))
                errors.AddModelError(nameof(form.Body), "Please write the first chapter's text.");
            else ArchiveLimits.CheckLength(errors, nameof(form.Body), "The chapter text", form.Body, limits.ChapterBodyMaxLength);
        }

        var ownPseuds = await db.Pseuds.Where(p => p.UserId == userId).Select(p => p.Id).ToListAsync();
        if ((form.PseudIds.Count == 0 && !othersCredited) || form.PseudIds.Any(id => !ownPseuds.Contains(id)))
            errors.AddModelError(nameof(form.PseudIds), "Please choose at least one of your own pseuds to post as.");
        if (form.SeriesId is { } seriesId && !await db.Series.AnyAsync(s => s.Id == seriesId && s.OwnerUserId == userId))
            errors.AddModelError(nameof(form.SeriesId), "You can only add works to your own series.");
        if (form.NewSeriesTitle?.Trim().Length > 255) errors.AddModelError(nameof(form.NewSeriesTitle), "Series titles are 255 characters or fewer.");
        var coCreators = await ResolveCoCreatorsAsync(form.CoCreators, errors);
        var related = await relatedLinks.ValidateAsync(form.Related, workId, host, errors);
        var gifts = await giftRecipients.ValidateAsync(form.GiftTo, workId, nameof(form.GiftTo), errors);
        var inCollections = await collections.ValidateAsync(form.Collections, userId, workId, nameof(form.Collections), errors);
        // A fill goes into its prompt meme's collection.
        if (form.FillsPromptId is { } promptId)
        {
            if (await Challenges.PromptFills.CollectionOfAsync(db, promptId) is not { } memeCollection)
                errors.AddModelError(nameof(form.Collections), "The prompt this work was to fill isn't there any more.");
            else if (inCollections.All(c => c.Id != memeCollection.Id)) inCollections.Add(memeCollection);
        }
        return new CheckedWork(coCreators, related, gifts, inCollections);
    }

    /// <exception cref="Drafts.DraftGoneException">Posting a draft that was posted by someone else first.</exception>
    public async Task<Work> CreateAsync(WorkForm form, int userId, CheckedWork checkedWork, int? fromDraftId = null)
    {
        var now = DateTimeOffset.UtcNow;
        var published = form.PublishedOn ?? DateOnly.FromDateTime(now.UtcDateTime);
        var work = new Work { Title = form.Title!.Trim(), Stats = new(), CreatedAt = now, RevisedAt = now, PublishedOn = published, UpdatedOn = published };
        ApplyFields(work, form);

        var chapter = new Chapter { Position = 1, PublishedOn = published, CreatedAt = now };
        ChapterText.Apply(chapter, text, form.ChapterTitle, null, null, null, form.Body, form.TextFormat);
        work.Chapters.Add(chapter);

        AddCreators(work, form.PseudIds, checkedWork.CoCreators, userId);

        await using var transaction = await db.Database.BeginTransactionAsync();
        await Drafts.DraftClaim.TakeAsync(db, fromDraftId);
        var joined = await SetTagsAsync(work, form);
        db.Works.Add(work);
        await db.SaveChangesAsync();
        await AddToSeriesAsync(work.Id, form, userId);
        await relatedLinks.ApplyAsync(work, checkedWork.Related, userId);
        await giftRecipients.ApplyAsync(work.Id, checkedWork.Gifts);
        await collections.ApplyAsync(work.Id, checkedWork.Collections, userId);
        // Posted to an exchange's collection by one of its writers: their assignment, and a gift to its recipient.
        await exchange.FulfilAsync(work.Id, userId, [.. checkedWork.Collections.Select(c => c.Id)]);
        if (form.FillsPromptId is { } fills) await Challenges.PromptFills.FillAsync(db, fills, userId, work.Id);
        await db.RefreshWorkAsync(work.Id);
        await db.RecountAsync(work.Id);
        await transaction.CommitAsync();
        await evictions.WorkChangedAsync(db, work.Id);
        if (joined.Length > 0) await evictions.TagsWrangledAsync(db, joined);
        return work;
    }

    public async Task UpdateAsync(Work work, WorkForm form, int userId, CheckedWork checkedWork)
    {
        work.Title = form.Title!.Trim();
        if (form.PublishedOn is { } published) work.PublishedOn = published;
        ApplyFields(work, form);

        // The editor's own pseuds follow the checkboxes; other people's stay, and new invitations are added.
        var ownPseudIds = await db.Pseuds.Where(p => p.UserId == userId).Select(p => p.Id).ToListAsync();
        work.Creators.RemoveAll(c => ownPseudIds.Contains(c.PseudId) && !form.PseudIds.Contains(c.PseudId));
        AddCreators(work, form.PseudIds, checkedWork.CoCreators, userId);
        work.RevisedAt = DateTimeOffset.UtcNow;

        var before = await Caching.PageCacheEvictions.FootprintAsync(db, work.Id);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var joined = await SetTagsAsync(work, form);
        await db.SaveChangesAsync();
        await AddToSeriesAsync(work.Id, form, userId);
        await relatedLinks.ApplyAsync(work, checkedWork.Related, userId);
        await giftRecipients.ApplyAsync(work.Id, checkedWork.Gifts);
        await collections.ApplyAsync(work.Id, checkedWork.Collections, userId);
        // Posted to an exchange's collection by one of its writers: their assignment, and a gift to its recipient.
        await exchange.FulfilAsync(work.Id, userId, [.. checkedWork.Collections.Select(c => c.Id)]);
        if (form.FillsPromptId is { } fills) await Challenges.PromptFills.FillAsync(db, fills, userId, work.Id);
        await db.RefreshWorkAsync(work.Id);
        await db.RecountAsync(work.Id);
        await transaction.CommitAsync();
        await evictions.WorkChangedAsync(db, work.Id, before);
        if (joined.Length > 0) await evictions.TagsWrangledAsync(db, joined);
    }

    /// <summary>Adds the work as the series' next part (a new series if titled), unless it is already in it.</summary>
    async Task AddToSeriesAsync(int workId, WorkForm form, int userId)
    {
        var seriesId = form.SeriesId;
        if (seriesId is null && !string.IsNullOrWhiteSpace(form.NewSeriesTitle))
        {
            var series = new Series.WorkSeries { Title = form.NewSeriesTitle.Trim(), OwnerUserId = userId, CreatedAt = DateTimeOffset.UtcNow };
            db.Series.Add(series);
            await db.SaveChangesAsync();
            seriesId = series.Id;
        }
        if (seriesId is not { } id || await db.SeriesParts.AnyAsync(p => p.SeriesId == id && p.WorkId == workId)) return;
        // Lock the series so two works added at once don't take the same position.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM series WHERE id = {id} FOR UPDATE");
        var position = (await db.SeriesParts.Where(p => p.SeriesId == id).MaxAsync(p => (int?)p.Position) ?? 0) + 1;
        db.SeriesParts.Add(new Series.SeriesPart { SeriesId = id, WorkId = workId, Position = position });
        await db.SaveChangesAsync();
    }

    public TextPreview Preview(WorkForm form) =>
        text.Preview(form.Title, form.Summary, form.Notes, form.Body, form.EndNotes, form.TextFormat);

    public static bool TryParseExpectedChapters(string? value, out int? expected)
    {
        expected = null;
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed == "?") return true;
        if (int.TryParse(trimmed, out var n)) { expected = n; return true; }
        return false;
    }

    void ApplyFields(Work work, WorkForm form)
    {
        work.SummarySource = form.Summary ?? "";
        work.SummaryHtml = text.ToHtml(form.Summary, form.TextFormat);
        work.NotesSource = form.Notes ?? "";
        work.NotesHtml = text.ToHtml(form.Notes, form.TextFormat);
        work.EndNotesSource = form.EndNotes ?? "";
        work.EndNotesHtml = text.ToHtml(form.EndNotes, form.TextFormat);
        work.TextFormat = form.TextFormat;
        work.SanitizerVersion = ArchiveHtmlPolicy.Version;
        work.Language = form.Language!;
        work.CommentPermission = form.CommentPermission;
        work.ScreenComments = form.ScreenComments;
        work.IsRestricted = form.RegisteredOnly;
        work.SkinCssSource = form.SkinCss ?? "";
        work.SkinCss = Skins.WorkSkinCss.Clean(form.SkinCss);
        work.SkinCssVersion = Skins.WorkSkinCss.Version;
        TryParseExpectedChapters(form.ExpectedChapters, out var expected);
        work.ExpectedChapters = expected;
    }

    static void AddCreators(Work work, List<int> ownPseudIds, List<Pseud> coCreators, int userId)
    {
        var now = DateTimeOffset.UtcNow;
        var position = work.Creators.Count == 0 ? 0 : work.Creators.Max(c => c.Position) + 1;
        foreach (var pseudId in ownPseudIds.Distinct().Where(id => work.Creators.All(c => c.PseudId != id)))
            work.Creators.Add(new WorkCreator { PseudId = pseudId, Position = position++, IsAccepted = true, InvitedAt = now });
        foreach (var pseud in coCreators.Where(p => work.Creators.All(c => c.PseudId != p.Id)))
            // Another user's pseud is only an invitation until they accept it.
            work.Creators.Add(new WorkCreator { PseudId = pseud.Id, Position = position++, IsAccepted = pseud.UserId == userId, InvitedAt = now });
    }

    async Task ValidateTagsAsync(WorkForm form, ModelStateDictionary errors)
    {
        var typed = form.TypedTags().Select(t => (t.Type, t.Field, Names: TagList.Parse(t.Text))).ToList();
        if (typed.Single(t => t.Type == TagType.Fandom).Names.Count == 0)
            errors.AddModelError(nameof(form.Fandoms), "Please add at least one fandom.");
        var total = typed.Sum(t => t.Names.Count);
        if (total > limits.TagsPerWork)
            errors.AddModelError(nameof(form.AdditionalTags), $"A work can have at most {limits.TagsPerWork} fandom, relationship, character and additional tags; this one has {total}.");

        var normalized = typed.SelectMany(t => t.Names).Select(Tag.Normalize).Distinct().ToList();
        var existing = await db.Tags.AsNoTracking().Where(t => normalized.Contains(t.NormalizedName))
            .ToDictionaryAsync(t => t.NormalizedName);
        foreach (var (type, field, names) in typed)
            foreach (var name in names)
            {
                if (TagList.NameProblem(name, limits.TagNameMaxLength) is { } problem)
                    errors.AddModelError(field, problem);
                else if (existing.TryGetValue(Tag.Normalize(name), out var tag) && tag.Type != type)
                    errors.AddModelError(field, $"“{name}” is already {TagTypes.Described(tag.Type)}, so it can’t be {TagTypes.Described(type)} too.");
            }
        foreach (var (type, field, names) in typed)
            foreach (var other in typed.Where(o => o.Type > type))
                foreach (var name in names.Where(n => other.Names.Contains(n, StringComparer.OrdinalIgnoreCase)))
                    errors.AddModelError(other.Field, $"“{name}” is already one of the {TagTypes.Plural(type).ToLowerInvariant()}; a tag can only have one type.");
    }

    async Task<List<Pseud>> ResolveCoCreatorsAsync(string? text, ModelStateDictionary errors)
    {
        var pseuds = new List<Pseud>();
        foreach (var reference in TagList.Parse(text))
        {
            var (pseud, ambiguous) = await PseudReference.FindAsync(db, reference);
            if (pseud is not null) pseuds.Add(pseud);
            else if (ambiguous)
                errors.AddModelError(nameof(WorkForm.CoCreators), $"Several users have a pseud called “{reference}”; write it as “{reference} (username)”.");
            else
                errors.AddModelError(nameof(WorkForm.CoCreators), $"We couldn't find a pseud called “{reference}”.");
        }
        return pseuds;
    }

    Task<int[]> SetTagsAsync(Work work, WorkForm form) => WorkTagging.SetTagsAsync(db, work,
    [
        (TagType.Rating, form.Rating!),
        .. form.Warnings.Distinct().Select(w => (TagType.ArchiveWarning, w)),
        .. form.Categories.Distinct().Select(c => (TagType.Category, c)),
        .. form.TypedTags().SelectMany(t => TagList.Parse(t.Text).Select(n => (t.Type, n))),
    ]);
}
