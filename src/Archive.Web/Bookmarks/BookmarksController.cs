using Archive.Web.Accounts;
using Archive.Web.Collections;
using Archive.Web.Database;
using Archive.Web.Errors;
using Archive.Web.Tags;
using Archive.Web.Text;
using Archive.Web.Works;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Bookmarks;

public sealed record BookmarkForm(string? Notes, string? Tags, bool IsPrivate, bool IsRec, string? Collections = null);
public sealed record BookmarkListPage(string Heading, string Path, List<BookmarkView> Bookmarks, BookmarkFilter Filter, bool HasMore);
public sealed record BookmarkView(int Id, string UserName, WorkBlurb Work, string NotesHtml, List<string> Tags, bool IsPrivate, bool IsRec, DateTimeOffset UpdatedAt, bool IsOwn);

public sealed class BookmarksController(ArchiveDbContext db, StoryText text, Blocklist.ReaderBlocklist blocklist, Caching.PageCacheEvictions evictions, WorkCollections workCollections) : Controller
{
    const int NotesMax = 5000;
    int? CurrentUserId => User.UserId();

    [Authorize]
    [HttpGet("/works/{id:int}/bookmark")]
    public async Task<IActionResult> Edit(int id)
    {
        var title = await db.Works.Where(w => w.Id == id && w.HiddenAt == null && !w.IsUnrevealed).Select(w => w.Title).SingleOrDefaultAsync();
        if (title is null) return NotFound();
        var existing = await db.Bookmarks.AsNoTracking().SingleOrDefaultAsync(b => b.WorkId == id && b.UserId == CurrentUserId);
        var inCollections = existing is null ? [] : await db.CollectionBookmarks.Where(c => c.BookmarkId == existing.Id)
            .Join(db.Collections, c => c.CollectionId, col => col.Id, (c, col) => col.Name).OrderBy(n => n).ToListAsync();
        return View("Edit", (id, title, existing is not null, new BookmarkForm(existing?.NotesSource, TagList.Join(existing?.Tags ?? []), existing?.IsPrivate ?? false, existing?.IsRec ?? false, TagList.Join(inCollections))));
    }

    /// <summary>Bookmarking a work again edits the one bookmark (the database allows one per reader per work).</summary>
    [Authorize]
    [HttpPost("/works/{id:int}/bookmark")]
    public async Task<IActionResult> Save(int id, string? notes, string? tags, bool isPrivate, bool isRec, string? collections)
    {
        var title = await db.Works.Where(w => w.Id == id && w.HiddenAt == null && !w.IsUnrevealed).Select(w => w.Title).SingleOrDefaultAsync();
        if (title is null) return NotFound();
        var tagList = TagList.Parse(tags);
        ArchiveLimits.CheckLength(ModelState, "notes", "Bookmark notes", notes, NotesMax);
        if (tagList.Any(t => t.Length > 150)) ModelState.AddModelError("tags", "Bookmark tags must be 150 characters or fewer each.");
        var existing = await db.Bookmarks.SingleOrDefaultAsync(b => b.WorkId == id && b.UserId == CurrentUserId);
        var already = existing is null ? [] : await db.CollectionBookmarks.Where(c => c.BookmarkId == existing.Id).Select(c => c.CollectionId).ToListAsync();
        var wanted = await workCollections.ValidateAsync(collections, CurrentUserId!.Value, null, "collections", ModelState, already);
        if (isPrivate && wanted.Count > 0) ModelState.AddModelError("collections", "A private bookmark can't be in a collection: make it public, or leave the collections empty.");
        if (!ModelState.IsValid) return View("Edit", (id, title, existing is not null, new BookmarkForm(notes, tags, isPrivate, isRec, collections)));

        var now = DateTimeOffset.UtcNow;
        var bookmark = existing ?? new Bookmark { WorkId = id, UserId = CurrentUserId!.Value, CreatedAt = now };
        bookmark.NotesSource = notes ?? "";
        bookmark.NotesHtml = text.ToHtml(notes, TextFormat.Html);
        bookmark.Tags = tagList;
        bookmark.IsPrivate = isPrivate;
        bookmark.IsRec = isRec;
        bookmark.UpdatedAt = now;
        if (existing is null) db.Bookmarks.Add(bookmark);
        await db.SaveChangesAsync();
        await SetCollectionsAsync(bookmark.Id, wanted, already);
        await RecountAsync(id);
        await evictions.CountsChangedAsync(db, [id]);
        TempData["Notice"] = existing is null ? "Bookmark saved." : "Bookmark updated.";
        return Redirect($"/users/{User.Identity!.Name}/bookmarks");
    }

    [Authorize]
    [HttpPost("/bookmarks/{id:int}/delete")]
    public async Task<IActionResult> Delete(int id)
    {
        var bookmark = await db.Bookmarks.SingleOrDefaultAsync(b => b.Id == id);
        if (bookmark is null) return NotFound();
        if (bookmark.UserId != CurrentUserId) return this.Refuse("Only the bookmark's owner can delete it.");
        db.Bookmarks.Remove(bookmark);
        await db.SaveChangesAsync();
        await RecountAsync(bookmark.WorkId);
        await evictions.CountsChangedAsync(db, [bookmark.WorkId]);
        TempData["Notice"] = "Bookmark deleted.";
        return Redirect($"/users/{User.Identity!.Name}/bookmarks");
    }

    /// <summary>A user's bookmarks: all of them for the user, the public ones for everyone else.</summary>
    [HttpGet("/users/{userName}/bookmarks")]
    public async Task<IActionResult> ForUser(string userName)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == Pseud.Normalize(userName)).Select(u => new { u.Id, u.UserName }).SingleOrDefaultAsync();
        if (user is null) return NotFound();
        var own = user.Id == CurrentUserId;
        var bookmarks = db.Bookmarks.AsNoTracking().Where(b => b.UserId == user.Id && (own || !b.IsPrivate));
        return await ListAsync($"Bookmarks by {user.UserName}", $"/users/{Uri.EscapeDataString(user.UserName!)}/bookmarks", bookmarks);
    }

    /// <summary>Public bookmarks of works with this tag (or its synonyms).</summary>
    [HttpGet("/tags/{name}/bookmarks")]
    public async Task<IActionResult> ForTag(string name)
    {
        var tag = await db.Tags.AsNoTracking().Where(t => t.NormalizedName == Tag.Normalize(TagUrl.Unescape(name))).Select(t => t.Name).SingleOrDefaultAsync();
        if (tag is null) return NotFound();
        return await ListAsync($"Bookmarks of works tagged {tag}", $"/tags/{TagUrl.Escape(tag)}/bookmarks", db.Bookmarks.AsNoTracking().Where(b => !b.IsPrivate), tag);
    }

    [HttpGet("/works/{id:int}/bookmarks")]
    public async Task<IActionResult> ForWork(int id)
    {
        var guest = CurrentUserId is null;
        var title = await db.Works.Where(w => w.Id == id && w.HiddenAt == null && !w.IsUnrevealed && !(guest && w.IsRestricted)).Select(w => w.Title).SingleOrDefaultAsync();
        if (title is null) return NotFound();
        return await ListAsync($"Bookmarks of {title}", $"/works/{id}/bookmarks", db.Bookmarks.AsNoTracking().Where(b => b.WorkId == id && !b.IsPrivate));
    }

    async Task<IActionResult> ListAsync(string heading, string path, IQueryable<Bookmark> bookmarks, string? requiredTag = null)
    {
        var filter = BookmarkFilter.FromQuery(Request.Query);
        var filtered = await filter.ApplyAsync(db, bookmarks, await blocklist.ApplyAsync(db.Works), requiredTag);
        var views = filtered is null ? [] : await ViewsAsync(filtered.Skip((filter.Page - 1) * BookmarkFilter.PageSize).Take(BookmarkFilter.PageSize + 1));
        var hasMore = views.Count > BookmarkFilter.PageSize;
        return View("List", new BookmarkListPage(heading, path, views.Take(BookmarkFilter.PageSize).ToList(), filter, hasMore));
    }

    /// <summary>Bookmarks already filtered, ordered and paged, with their works' blurbs.</summary>
    async Task<List<BookmarkView>> ViewsAsync(IQueryable<Bookmark> bookmarks)
    {
        var rows = await bookmarks
            .Select(b => new { b.Id, b.WorkId, UserName = db.Users.Where(u => u.Id == b.UserId).Select(u => u.UserName!).First(), b.UserId, b.NotesHtml, b.Tags, b.IsPrivate, b.IsRec, b.UpdatedAt })
            .ToListAsync();
        var blurbs = (await db.BlurbsAsync(rows.Select(r => r.WorkId).Distinct().ToList())).ToDictionary(b => b.Id);
        return rows.Where(r => blurbs.ContainsKey(r.WorkId))
            .Select(r => new BookmarkView(r.Id, r.UserName, blurbs[r.WorkId], r.NotesHtml, r.Tags, r.IsPrivate, r.IsRec, r.UpdatedAt, r.UserId == CurrentUserId)).ToList();
    }

    /// <summary>The bookmark is in exactly these collections; a new one in a moderated collection waits for a maintainer.</summary>
    async Task SetCollectionsAsync(int bookmarkId, List<Collection> wanted, List<int> already)
    {
        int[] keep = [.. wanted.Select(c => c.Id)];
        await db.CollectionBookmarks.Where(c => c.BookmarkId == bookmarkId && !keep.Contains(c.CollectionId)).ExecuteDeleteAsync();
        foreach (var collection in wanted.Where(c => !already.Contains(c.Id)))
            db.CollectionBookmarks.Add(new CollectionBookmark
            {
                CollectionId = collection.Id, BookmarkId = bookmarkId, AddedAt = DateTimeOffset.UtcNow,
                IsApproved = !collection.IsModerated || await db.IsMaintainerAsync(collection, CurrentUserId),
            });
        await db.SaveChangesAsync();
    }

    /// <summary>A collection's approved bookmarks (its subcollections' too), filtered like a tag's.</summary>
    [HttpGet("/collections/{name}/bookmarks")]
    public async Task<IActionResult> ForCollection(string name)
    {
        var collection = await db.FindCollectionAsync(name);
        if (collection is null) return NotFound();
        var inCollection = db.CollectionBookmarks.Where(c => c.IsApproved && (c.CollectionId == collection.Id || db.Collections.Any(sub => sub.Id == c.CollectionId && sub.ParentId == collection.Id)));
        return await ListAsync($"Bookmarks in {collection.Title}", $"/collections/{collection.Name}/bookmarks",
            db.Bookmarks.AsNoTracking().Where(b => !b.IsPrivate && inCollection.Any(c => c.BookmarkId == b.Id)));
    }

    /// <summary>The work's own count of public bookmarks, for its stats and the bookmarks sort.</summary>
    Task RecountAsync(int workId) =>
        db.Database.ExecuteSqlAsync($"UPDATE work_stats SET bookmarks_count = (SELECT count(*) FROM bookmarks WHERE work_id = {workId} AND NOT is_private) WHERE work_id = {workId}");
}
