using Archive.Web.Database;
using Archive.Web.Tags;
using Archive.Web.Works;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Collections;

/// <summary>
/// Which collections a work is in, as its creators ask (the work form's "Post to collections", the work page's "Add to
/// collections") and its collections' maintainers agree (approving, or inviting it).
/// </summary>
public sealed class WorkCollections(ArchiveDbContext db, CollectionWorks works)
{
    /// <summary>The collections named on a work form, each checked: it exists, and takes works from this person.</summary>
    /// <param name="already">The collections it is in now (a bookmark's): a closed one keeps what it has.</param>
    public async Task<List<Collection>> ValidateAsync(string? names, int userId, int? workId, string field, ModelStateDictionary errors, List<int>? already = null)
    {
        var found = new List<Collection>();
        var problems = new List<string>();
        already ??= workId is null ? [] : await db.CollectionItems.Where(i => i.WorkId == workId).Select(i => i.CollectionId).ToListAsync();
        foreach (var name in TagList.Parse(names))
        {
            var collection = await db.FindCollectionAsync(name);
            if (collection is null) problems.Add($"There is no collection called “{name}”.");
            else if (!collection.IsOpen && !already.Contains(collection.Id) && !await db.IsMaintainerAsync(collection, userId))
                problems.Add($"“{collection.Title}” is closed: it takes no new works.");
            else if (found.All(c => c.Id != collection.Id)) found.Add(collection);
        }
        // One message, so the field shows every name that failed, not only the first.
        if (problems.Count > 0) errors.AddModelError(field, string.Join(" ", problems));
        return found;
    }

    /// <summary>
    /// Puts the work in exactly these collections as far as its creators decide: new ones are added (waiting for a
    /// maintainer where the collection is moderated), invitations among them accepted, and ones left off removed.
    /// Invitations not named stay unanswered (they are answered on the creator's collections page), and declined ones declined.
    /// Call inside the transaction that saves the work, before its filter tags and search text are refreshed.
    /// </summary>
    public async Task ApplyAsync(int workId, List<Collection> wanted, int userId)
    {
        var items = await db.CollectionItems.Where(i => i.WorkId == workId).ToListAsync();
        db.CollectionItems.RemoveRange(items.Where(i => i.CreatorApproval == Approval.Approved && wanted.All(c => c.Id != i.CollectionId)));
        await AddAsync(workId, wanted, userId, items);
    }

    /// <summary>Adds the work to these collections (accepting any invitation among them), leaving its others as they are.</summary>
    public async Task AddAsync(int workId, List<Collection> wanted, int userId, List<CollectionItem>? items = null)
    {
        items ??= await db.CollectionItems.Where(i => i.WorkId == workId).ToListAsync();
        foreach (var collection in wanted)
        {
            if (items.FirstOrDefault(i => i.CollectionId == collection.Id) is { } item) item.CreatorApproval = Approval.Approved;
            else db.CollectionItems.Add(await NewItemAsync(collection, workId, userId, byCreator: true));
        }
        await db.SaveChangesAsync();
        await works.SetFlagsAsync(workId);
    }

    /// <summary>A creator's work, or a maintainer's invitation of someone's work: approved at once by whichever side asked.</summary>
    public async Task<CollectionItem> NewItemAsync(Collection collection, int workId, int userId, bool byCreator)
    {
        var maintainer = await db.IsMaintainerAsync(collection, userId);
        var creator = byCreator || await db.IsCreatorAsync(workId, userId);
        return new CollectionItem
        {
            CollectionId = collection.Id, WorkId = workId, AddedAt = DateTimeOffset.UtcNow,
            CreatorApproval = creator ? Approval.Approved : Approval.Unreviewed,
            CollectionApproval = maintainer || !collection.IsModerated ? Approval.Approved : Approval.Unreviewed,
        };
    }

    /// <summary>The names of the collections its creators put the work in (listed or waiting for a maintainer), for its form; not invitations.</summary>
    public async Task<string> TextForAsync(int workId) => TagList.Join(await db.CollectionItems.AsNoTracking()
        .Where(i => i.WorkId == workId && i.CreatorApproval == Approval.Approved).OrderBy(i => i.Id).Select(i => i.Collection.Name).ToListAsync());

    /// <summary>The work's items changed: its flags, filter tags, search text, pages and listings follow.</summary>
    public Task ChangedAsync(int workId) => works.WorkChangedAsync(workId);

    /// <summary>One side's answer on an item; the work's pages and listings follow.</summary>
    public async Task AnswerAsync(CollectionItem item, bool byCreator, Approval answer)
    {
        if (byCreator) item.CreatorApproval = answer;
        else item.CollectionApproval = answer;
        await db.SaveChangesAsync();
        await works.WorkChangedAsync(item.WorkId);
    }
}
