using Archive.Web.Accounts;
using Archive.Web.Caching;
using Archive.Web.Database;
using Archive.Web.Errors;
using Archive.Web.Tags;
using Archive.Web.Text;
using Archive.Web.Works;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Collections;

public sealed record CollectionSummary(int Id, int TagId, string Name, string Title, string DescriptionHtml, bool IsOpen, bool IsModerated, bool IsAnonymous, bool IsUnrevealed, int Works, string? ParentName, string? ParentTitle);
public sealed record CollectionIndexPage(string? Query, List<CollectionSummary> Collections, int Page, bool HasMore);
public sealed record CollectionPage(Collection Collection, CollectionSummary? Parent, List<CollectionSummary> Subcollections, List<(string UserName, MaintainerRole Role)> Maintainers,
    int Works, int Unrevealed, int Waiting, bool IsMaintainer, bool IsOwner, Challenges.Challenge? Challenge);
public sealed record CollectionFormPage(CollectionForm Form, string? Name);
public sealed record CollectionWorksPage(Collection Collection, WorkListingView Listing, int Unrevealed);

/// <summary>Collections: finding them, their pages and works, and their owners' settings, maintainers and reveals.</summary>
public sealed class CollectionsController(ArchiveDbContext db, StoryText text, WorkListing listing, CollectionWorks collectionWorks, PageCacheEvictions evictions) : Controller
{
    int? CurrentUserId => User.UserId();
    const int PerPage = 50;

    [HttpGet("/collections")]
    [CachedForGuests]
    public async Task<IActionResult> Index(string? q, int page = 1)
    {
        page = Math.Clamp(page, 1, 1000);
        var query = db.Collections.AsNoTracking();
        // PostgreSQL refuses NUL in text; nothing is called that anyway.
        q = q?.Replace("\0", "");
        if (!string.IsNullOrWhiteSpace(q))
        {
            var words = $"%{q.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
            query = query.Where(c => EF.Functions.ILike(c.Title, words) || EF.Functions.ILike(c.Name, words));
        }
        var found = await SummariesAsync(query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Skip((page - 1) * PerPage).Take(PerPage + 1));
        // Each collection's count of works moves with its works.
        HttpContext.Shows([CacheTags.Collections, .. found.Select(c => CacheTags.Listing(c.TagId))]);
        return View("Index", new CollectionIndexPage(q, found.Take(PerPage).ToList(), page, found.Count > PerPage));
    }

    /// <summary>Collections with their works' counts, read from their tags' kept counts (one query).</summary>
    async Task<List<CollectionSummary>> SummariesAsync(IQueryable<Collection> collections) =>
        await (from c in collections
               join t in db.Tags on c.TagId equals t.Id
               join p in db.Collections on c.ParentId equals p.Id into parents
               from p in parents.DefaultIfEmpty()
               select new CollectionSummary(c.Id, c.TagId, c.Name, c.Title, c.DescriptionHtml, c.IsOpen, c.IsModerated, c.IsAnonymous, c.IsUnrevealed,
                   t.WorksCount + (db.TagCountChanges.Where(d => d.TagId == t.Id).Sum(d => (int?)d.Delta) ?? 0), p == null ? null : p.Name, p == null ? null : p.Title))
            .ToListAsync();

    [Authorize]
    [HttpGet("/collections/new")]
    public IActionResult New(string? parent) => View("Form", new CollectionFormPage(new CollectionForm { Parent = parent }, null));

    [Authorize]
    [HttpPost("/collections/new")]
    public async Task<IActionResult> Create(CollectionForm form)
    {
        var (parent, revealAt) = await form.ValidateAsync(db, CurrentUserId!.Value, null, ModelState);
        if (!ModelState.IsValid) return View("Form", new CollectionFormPage(form, null));
        await using var transaction = await db.Database.BeginTransactionAsync();
        var tag = new Tag { Name = Collection.TagNameFor(form.Name!), NormalizedName = Tag.Normalize(Collection.TagNameFor(form.Name!)), Type = TagType.Collection, IsCanonical = true, CreatedAt = DateTimeOffset.UtcNow };
        db.Tags.Add(tag);
        await db.SaveChangesAsync();
        var collection = new Collection { Name = form.Name!, Title = form.Title!, TagId = tag.Id, ParentId = parent?.Id, CreatedAt = DateTimeOffset.UtcNow };
        Apply(collection, form, revealAt);
        db.Collections.Add(collection);
        await db.SaveChangesAsync();
        db.CollectionMaintainers.Add(new CollectionMaintainer { CollectionId = collection.Id, UserId = CurrentUserId.Value, Role = MaintainerRole.Owner });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await evictions.EvictAsync([CacheTags.Collections, .. parent is null ? [] : new[] { CacheTags.ShowsTag(parent.TagId) }]);
        TempData["Notice"] = "Collection was successfully created.";
        return Redirect($"/collections/{collection.Name}");
    }

    void Apply(Collection collection, CollectionForm form, DateTimeOffset? revealAt)
    {
        collection.Title = form.Title!;
        collection.DescriptionSource = form.Description ?? "";
        collection.DescriptionHtml = text.ToHtml(form.Description, TextFormat.Html);
        collection.HeaderImageUrl = form.HeaderImageUrl;
        collection.IsOpen = form.IsOpen;
        collection.IsModerated = form.IsModerated;
        collection.IsAnonymous = form.IsAnonymous;
        collection.IsUnrevealed = form.IsUnrevealed;
        collection.RevealAt = revealAt;
    }

    [HttpGet("/collections/{name}")]
    [CachedForGuests]
    public async Task<IActionResult> Show(string name)
    {
        var collection = await db.FindCollectionAsync(name);
        if (collection is null) return NotFound();
        var summaries = await SummariesAsync(db.Collections.Where(c => c.Id == collection.Id || c.ParentId == collection.Id || c.Id == collection.ParentId));
        var maintainers = (await db.CollectionMaintainers.AsNoTracking().Where(m => m.CollectionId == collection.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.UserName, m.Role }).OrderBy(m => m.Role).ThenBy(m => m.UserName).ToListAsync())
            .Select(m => (m.UserName!, m.Role)).ToList();
        var unrevealed = await MysteryWorksAsync(collection);
        var isMaintainer = await db.IsMaintainerAsync(collection, CurrentUserId);
        var waiting = isMaintainer ? await db.CollectionItems.CountAsync(i => i.CollectionId == collection.Id && i.CollectionApproval == Approval.Unreviewed) : 0;
        var challenge = await db.Challenges.AsNoTracking().SingleOrDefaultAsync(c => c.CollectionId == collection.Id);
        // Whether sign-ups are open moves with the clock.
        if (challenge is null) HttpContext.Shows(CacheTags.ShowsTag(collection.TagId), CacheTags.Listing(collection.TagId));
        else HttpContext.DoNotCache();
        return View("Show", new CollectionPage(collection, summaries.FirstOrDefault(s => s.Id == collection.ParentId),
            summaries.Where(s => s.Id != collection.Id && s.Id != collection.ParentId).OrderBy(s => s.Title).ToList(), maintainers,
            summaries.Single(s => s.Id == collection.Id).Works, unrevealed, waiting, isMaintainer, await db.IsOwnerAsync(collection, CurrentUserId),
            challenge));
    }

    [HttpGet("/collections/{name}/works")]
    [CachedForGuests]
    [ReadsFromReplica]
    public async Task<IActionResult> Works(string name)
    {
        var collection = await db.FindCollectionAsync(name);
        if (collection is null) return NotFound();
        var filter = WorkFilter.FromQuery(Request.Query);
        var result = await listing.ListAsync(db.Works, filter, [Collection.TagNameFor(collection.Name)]);
        if (result.Shows is { } shows) HttpContext.Shows([.. shows, CacheTags.ShowsTag(collection.TagId)]);
        else HttpContext.DoNotCache();
        return View("Works", new CollectionWorksPage(collection, new WorkListingView($"/collections/{collection.Name}/works", filter, result), await MysteryWorksAsync(collection)));
    }

    /// <summary>How many of its works wait for the reveal (listed nowhere until then; their number is no secret).</summary>
    async Task<int> MysteryWorksAsync(Collection collection) =>
        !collection.IsUnrevealed ? 0 : await db.CollectionItems.CountAsync(i => i.CollectionId == collection.Id && i.CreatorApproval == Approval.Approved
            && i.CollectionApproval == Approval.Approved && db.Works.Any(w => w.Id == i.WorkId && w.IsUnrevealed && w.HiddenAt == null));

    [HttpGet("/collections/{name}/feed.atom")]
    [CachedForGuests]
    [ReadsFromReplica]
    public async Task<IActionResult> Feed(string name)
    {
        var collection = await db.FindCollectionAsync(name);
        if (collection is null) return NotFound();
        // Newest first by when they joined, read from the collection's items (its own and its subcollections').
        var newest = await db.CollectionItems.AsNoTracking()
            .Where(i => (i.CollectionId == collection.Id || i.Collection.ParentId == collection.Id) && i.CreatorApproval == Approval.Approved && i.CollectionApproval == Approval.Approved)
            .Join(db.Works.Where(w => w.HiddenAt == null && !w.IsUnrevealed && !w.IsRestricted), i => i.WorkId, w => w.Id, (i, w) => new { i.Id, WorkId = w.Id, w.CreatedAt, w.RevisedAt })
            .OrderByDescending(x => x.Id).Take(40).ToListAsync();
        var unique = newest.DistinctBy(x => x.WorkId).Take(20).ToList();
        var blurbs = await db.BlurbsAsync(unique.Select(x => x.WorkId).ToList());
        HttpContext.Shows([CacheTags.Listing(collection.TagId), CacheTags.ShowsTag(collection.TagId), .. unique.Select(x => CacheTags.Work(x.WorkId))]);
        var site = $"{Request.Scheme}://{Request.Host}";
        using var atom = new Feeds.AtomWriter();
        atom.StartFeed($"{site}/collections/{collection.Name}", $"{collection.Title} | Archive", unique.Count == 0 ? collection.CreatedAt : unique.Max(x => x.RevisedAt));
        atom.Link("self", $"{site}/collections/{collection.Name}/feed.atom", "application/atom+xml");
        atom.Link("alternate", $"{site}/collections/{collection.Name}/works", "text/html");
        foreach (var work in blurbs)
        {
            var row = unique.First(x => x.WorkId == work.Id);
            atom.WorkEntry(site, work, row.CreatedAt, row.RevisedAt, []);
        }
        return Content(atom.Finish(), "application/atom+xml; charset=utf-8");
    }

    [Authorize]
    [HttpGet("/collections/{name}/edit")]
    public async Task<IActionResult> Edit(string name)
    {
        var collection = await db.FindCollectionAsync(name);
        if (collection is null) return NotFound();
        if (!await db.IsOwnerAsync(collection, CurrentUserId)) return this.Refuse(OnlyOwners);
        var parent = collection.ParentId is { } parentId ? await db.Collections.Where(c => c.Id == parentId).Select(c => c.Name).SingleAsync() : null;
        return View("Form", new CollectionFormPage(CollectionForm.From(collection, parent), collection.Name));
    }

    const string OnlyOwners = "Only the collection's owners can change its settings and maintainers.";
    const string OnlyMaintainers = "Only the collection's owners and moderators can do that.";

    [Authorize]
    [HttpPost("/collections/{name}/edit")]
    public async Task<IActionResult> Update(string name, CollectionForm form)
    {
        var found = await db.FindCollectionAsync(name);
        if (found is null) return NotFound();
        if (!await db.IsOwnerAsync(found, CurrentUserId)) return this.Refuse(OnlyOwners);
        form.Name = found.Name;
        var (parent, revealAt) = await form.ValidateAsync(db, CurrentUserId!.Value, found.Id, ModelState);
        if (!ModelState.IsValid) return View("Form", new CollectionFormPage(form, found.Name));
        var collection = await db.Collections.SingleAsync(c => c.Id == found.Id);
        var oldParent = collection.ParentId;
        Apply(collection, form, revealAt);
        collection.ParentId = parent?.Id;
        // Anonymity, reveal and parent reach every work in it (and its subcollections' works, whose filter tags name the parent).
        await collectionWorks.CollectionChangedAsync(collection.Id, () => db.SaveChangesAsync());
        var parentTags = await db.Collections.Where(c => c.Id == oldParent || c.Id == collection.ParentId).Select(c => c.TagId).ToListAsync();
        await evictions.EvictAsync([CacheTags.Collections, CacheTags.ShowsTag(collection.TagId), .. parentTags.SelectMany(id => new[] { CacheTags.ShowsTag(id), CacheTags.Listing(id) })]);
        TempData["Notice"] = "Collection was successfully updated.";
        return Redirect($"/collections/{collection.Name}");
    }

    [Authorize]
    [HttpPost("/collections/{name}/maintainers")]
    public async Task<IActionResult> AddMaintainer(string name, string? userName, MaintainerRole role = MaintainerRole.Moderator)
    {
        var collection = await db.FindCollectionAsync(name);
        if (collection is null) return NotFound();
        if (!await db.IsOwnerAsync(collection, CurrentUserId)) return this.Refuse(OnlyOwners);
        var user = string.IsNullOrWhiteSpace(userName) ? null
            : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedUserName == Pseud.Normalize(userName.Trim()));
        if (user is null) TempData["Notice"] = $"There is no user called “{userName?.Trim()}”.";
        else
        {
            var existing = await db.CollectionMaintainers.SingleOrDefaultAsync(m => m.CollectionId == collection.Id && m.UserId == user.Id);
            if (existing is null) db.CollectionMaintainers.Add(new CollectionMaintainer { CollectionId = collection.Id, UserId = user.Id, Role = role });
            else existing.Role = role;
            await collectionWorks.CollectionChangedAsync(collection.Id, () => db.SaveChangesAsync());
            await evictions.EvictAsync([CacheTags.ShowsTag(collection.TagId)]);
            TempData["Notice"] = $"{user.UserName} is now {(role == MaintainerRole.Owner ? "an owner" : "a moderator")} of {collection.Title}.";
        }
        return Redirect($"/collections/{collection.Name}");
    }

    [Authorize]
    [HttpPost("/collections/{name}/maintainers/remove")]
    public async Task<IActionResult> RemoveMaintainer(string name, string? userName)
    {
        var collection = await db.FindCollectionAsync(name);
        if (collection is null) return NotFound();
        if (!await db.IsOwnerAsync(collection, CurrentUserId)) return this.Refuse(OnlyOwners);
        var maintainer = await db.CollectionMaintainers.SingleOrDefaultAsync(m => m.CollectionId == collection.Id && db.Users.Any(u => u.Id == m.UserId && u.NormalizedUserName == Pseud.Normalize(userName ?? "")));
        if (maintainer is null) return NotFound();
        if (maintainer.Role == MaintainerRole.Owner && await db.CollectionMaintainers.CountAsync(m => m.CollectionId == collection.Id && m.Role == MaintainerRole.Owner) == 1)
            TempData["Notice"] = "A collection needs an owner: add another owner before removing the last one.";
        else
        {
            db.CollectionMaintainers.Remove(maintainer);
            await collectionWorks.CollectionChangedAsync(collection.Id, () => db.SaveChangesAsync());
            await evictions.EvictAsync([CacheTags.ShowsTag(collection.TagId)]);
            TempData["Notice"] = $"{userName} no longer maintains {collection.Title}.";
        }
        return Redirect($"/collections/{collection.Name}");
    }

    /// <summary>Reveals the works, their creators, or both, now.</summary>
    [Authorize]
    [HttpPost("/collections/{name}/reveal")]
    public async Task<IActionResult> Reveal(string name, bool works, bool creators)
    {
        var found = await db.FindCollectionAsync(name);
        if (found is null) return NotFound();
        if (!await db.IsMaintainerAsync(found, CurrentUserId)) return this.Refuse(OnlyMaintainers);
        if (!works && !creators)
        {
            TempData["Notice"] = "Choose what to reveal: the works, their creators, or both.";
            return Redirect($"/collections/{found.Name}");
        }
        var collection = await db.Collections.SingleAsync(c => c.Id == found.Id);
        if (works) collection.IsUnrevealed = false;
        if (creators) collection.IsAnonymous = false;
        if (!collection.IsAnonymous && !collection.IsUnrevealed) collection.RevealAt = null;
        await collectionWorks.CollectionChangedAsync(collection.Id, () => db.SaveChangesAsync());
        await evictions.EvictAsync([CacheTags.Collections, CacheTags.ShowsTag(collection.TagId)]);
        TempData["Notice"] = (works, creators) switch
        {
            (true, true) => "The collection's works and their creators are revealed.",
            (true, false) => "The collection's works are revealed; their creators are still anonymous.",
            _ => "The collection's creators are revealed.",
        };
        return Redirect($"/collections/{collection.Name}");
    }
}
