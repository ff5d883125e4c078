using Archive.Web.Accounts;
using Archive.Web.Database;
using Archive.Web.Errors;
using Archive.Web.Works;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Collections;

/// <summary>A work in a collection, or waiting to be: who asked, and what each side said.</summary>
public sealed record ItemRow(int Id, int WorkId, string WorkTitle, string CollectionName, string CollectionTitle, Approval CreatorApproval, Approval CollectionApproval, DateTimeOffset AddedAt);
public sealed record WaitingBookmark(int BookmarkId, int WorkId, string WorkTitle, string UserName);
public sealed record CollectionItemsPage(Collection Collection, string Status, List<ItemRow> Items, List<WaitingBookmark> Bookmarks);

/// <summary>
/// Works joining collections: maintainers approve, reject and invite (their collection's queue); creators add their works,
/// accept or decline invitations, and take their works out (their own list).
/// </summary>
[Authorize]
public sealed class CollectionItemsController(ArchiveDbContext db, WorkCollections workCollections) : Controller
{
    int CurrentUserId => User.UserId()!.Value;

    static IQueryable<ItemRow> Rows(ArchiveDbContext db, IQueryable<CollectionItem> items) =>
        items.Join(db.Works, i => i.WorkId, w => w.Id, (i, w) => new ItemRow(i.Id, w.Id, w.Title, i.Collection.Name, i.Collection.Title, i.CreatorApproval, i.CollectionApproval, i.AddedAt));

    [HttpGet("/collections/{name}/items")]
    public async Task<IActionResult> Queue(string name, string status = "unreviewed")
    {
        var collection = await db.FindCollectionAsync(name);
        if (collection is null) return NotFound();
        if (!await db.IsMaintainerAsync(collection, CurrentUserId)) return this.Refuse("Only the collection's owners and moderators can see the works waiting for it.");
        var items = db.CollectionItems.AsNoTracking().Where(i => i.CollectionId == collection.Id);
        items = status switch
        {
            "approved" => items.Where(i => i.CollectionApproval == Approval.Approved && i.CreatorApproval == Approval.Approved),
            "rejected" => items.Where(i => i.CollectionApproval == Approval.Rejected || i.CreatorApproval == Approval.Rejected),
            "invited" => items.Where(i => i.CreatorApproval == Approval.Unreviewed && i.CollectionApproval == Approval.Approved),
            _ => items.Where(i => i.CollectionApproval == Approval.Unreviewed),
        };
        var rows = await Rows(db, items.OrderByDescending(i => i.Id).Take(200)).ToListAsync();
        var bookmarks = await db.CollectionBookmarks.AsNoTracking().Where(c => c.CollectionId == collection.Id && !c.IsApproved).OrderBy(c => c.AddedAt).Take(200)
            .Join(db.Bookmarks, c => c.BookmarkId, b => b.Id, (c, b) => new WaitingBookmark(b.Id, b.WorkId, db.Works.First(w => w.Id == b.WorkId).Title, db.Users.First(u => u.Id == b.UserId).UserName!))
            .ToListAsync();
        return View("Items", new CollectionItemsPage(collection, status is "approved" or "rejected" or "invited" ? status : "unreviewed", rows, bookmarks));
    }

    [HttpPost("/collections/{name}/items/{id:int}/approve")]
    public Task<IActionResult> Approve(string name, int id) => AnswerForCollection(name, id, Approval.Approved);

    [HttpPost("/collections/{name}/items/{id:int}/reject")]
    public Task<IActionResult> Reject(string name, int id) => AnswerForCollection(name, id, Approval.Rejected);

    async Task<IActionResult> AnswerForCollection(string name, int id, Approval answer)
    {
        var collection = await db.FindCollectionAsync(name);
        if (collection is null) return NotFound();
        var item = await db.CollectionItems.SingleOrDefaultAsync(i => i.Id == id && i.CollectionId == collection.Id);
        if (item is null) return NotFound();
        if (!await db.IsMaintainerAsync(collection, CurrentUserId)) return this.Refuse("Only the collection's owners and moderators can approve or reject its works.");
        await workCollections.AnswerAsync(item, byCreator: false, answer);
        TempData["Notice"] = answer == Approval.Approved ? "The work is approved for the collection." : "The work is rejected: it isn't listed in the collection.";
        return Redirect($"/collections/{collection.Name}/items");
    }

    /// <summary>A maintainer lists a bookmark waiting for a moderated collection, or turns it away.</summary>
    [HttpPost("/collections/{name}/bookmarks/{bookmarkId:int}/{answer:regex(^(approve|reject)$)}")]
    public async Task<IActionResult> AnswerBookmark(string name, int bookmarkId, string answer)
    {
        var collection = await db.FindCollectionAsync(name);
        if (collection is null) return NotFound();
        var item = await db.CollectionBookmarks.SingleOrDefaultAsync(c => c.CollectionId == collection.Id && c.BookmarkId == bookmarkId);
        if (item is null) return NotFound();
        if (!await db.IsMaintainerAsync(collection, CurrentUserId)) return this.Refuse("Only the collection's owners and moderators can approve or reject its bookmarks.");
        if (answer == "approve") item.IsApproved = true;
        else db.CollectionBookmarks.Remove(item);
        await db.SaveChangesAsync();
        TempData["Notice"] = answer == "approve" ? "The bookmark is listed in the collection." : "The bookmark is turned away.";
        return Redirect($"/collections/{collection.Name}/items");
    }

    /// <summary>A maintainer invites someone's work; its creators are asked (on their collections page).</summary>
    [HttpPost("/collections/{name}/items/invite")]
    public async Task<IActionResult> Invite(string name, string? work)
    {
        var collection = await db.FindCollectionAsync(name);
        if (collection is null) return NotFound();
        if (!await db.IsMaintainerAsync(collection, CurrentUserId)) return this.Refuse("Only the collection's owners and moderators can invite works.");
        var match = System.Text.RegularExpressions.Regex.Match(work ?? "", @"(?:^|/works/)(\d+)(?:[/?#]|$)");
        var workId = match.Success && int.TryParse(match.Groups[1].Value, out var parsed) ? parsed : 0;
        // An unrevealed work can't be invited: its invitation would show its title to another collection's maintainers.
        if (workId == 0 || !await db.Works.AnyAsync(w => w.Id == workId && w.HiddenAt == null && !w.IsUnrevealed))
            TempData["Notice"] = $"There is no work at “{work}”: give the work's address or number.";
        else if (await db.CollectionItems.AnyAsync(i => i.CollectionId == collection.Id && i.WorkId == workId))
            TempData["Notice"] = "That work is already in the collection, or asked to be.";
        else
        {
            var item = await workCollections.NewItemAsync(collection, workId, CurrentUserId, byCreator: false);
            db.CollectionItems.Add(item);
            await db.SaveChangesAsync();
            await workCollections.ChangedAsync(workId);
            TempData["Notice"] = item.IsApproved ? "The work is in the collection." : "The work's creators are invited to add it to the collection.";
        }
        return Redirect($"/collections/{collection.Name}/items?status=invited");
    }

    /// <summary>The signed-in creator's works in collections: invitations to answer, and works waiting for approval or listed.</summary>
    [HttpGet("/collection-items")]
    public async Task<IActionResult> Mine()
    {
        var mine = db.CollectionItems.AsNoTracking().Where(i => db.WorkCreators.Any(c => c.WorkId == i.WorkId && c.IsAccepted && c.Pseud.UserId == CurrentUserId));
        return View("Mine", await Rows(db, mine.OrderByDescending(i => i.Id).Take(200)).ToListAsync());
    }

    [HttpPost("/collection-items/{id:int}/accept")]
    public Task<IActionResult> Accept(int id) => AnswerForCreator(id, Approval.Approved);

    [HttpPost("/collection-items/{id:int}/decline")]
    public Task<IActionResult> Decline(int id) => AnswerForCreator(id, Approval.Rejected);

    async Task<IActionResult> AnswerForCreator(int id, Approval answer)
    {
        var item = await db.CollectionItems.SingleOrDefaultAsync(i => i.Id == id);
        if (item is null) return NotFound();
        if (!await db.IsCreatorAsync(item.WorkId, CurrentUserId)) return this.Refuse(ErrorResults.NotACreator);
        await workCollections.AnswerAsync(item, byCreator: true, answer);
        TempData["Notice"] = answer == Approval.Approved ? "Your work is added to the collection." : "Your work stays out of the collection.";
        return Redirect("/collection-items");
    }

    /// <summary>From the work page: its creator adds it to collections by name.</summary>
    [HttpPost("/works/{id:int}/collections")]
    public async Task<IActionResult> Add(int id, string? collections)
    {
        if (!await db.Works.AnyAsync(w => w.Id == id)) return NotFound();
        if (!await db.IsCreatorAsync(id, CurrentUserId)) return this.Refuse(ErrorResults.NotACreator);
        var wanted = await workCollections.ValidateAsync(collections, CurrentUserId, id, "collections", ModelState);
        if (!ModelState.IsValid)
        {
            TempData["Notice"] = string.Join(" ", ModelState["collections"]!.Errors.Select(e => e.ErrorMessage));
            return Redirect($"/works/{id}");
        }
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await workCollections.AddAsync(id, wanted, CurrentUserId);
            await transaction.CommitAsync();
        }
        await workCollections.ChangedAsync(id);
        var waiting = await db.CollectionItems.Where(i => i.WorkId == id && i.CollectionApproval == Approval.Unreviewed).Select(i => i.Collection.Title).ToListAsync();
        TempData["Notice"] = (wanted.Count == 1 ? $"Added to {wanted[0].Title}." : "Added to the collections.")
            + (waiting.Count > 0 ? $" {string.Join(", ", waiting)} will list it once a maintainer approves it." : "");
        return Redirect($"/works/{id}");
    }

    /// <summary>Its creator takes the work out of a collection.</summary>
    [HttpPost("/collection-items/{id:int}/remove")]
    public async Task<IActionResult> Remove(int id)
    {
        var item = await db.CollectionItems.SingleOrDefaultAsync(i => i.Id == id);
        if (item is null) return NotFound();
        if (!await db.IsCreatorAsync(item.WorkId, CurrentUserId)) return this.Refuse(ErrorResults.NotACreator);
        db.CollectionItems.Remove(item);
        await db.SaveChangesAsync();
        await workCollections.ChangedAsync(item.WorkId);
        TempData["Notice"] = "Your work is out of the collection.";
        return Redirect("/collection-items");
    }
}
