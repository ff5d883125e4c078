using Archive.Web.Accounts;
using Archive.Web.Database;
using Archive.Web.Tags;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Blocklist;

/// <summary>A reader's own list of tags whose works they never want to see.</summary>
[Authorize]
public sealed class BlocklistController(ArchiveDbContext db) : Controller
{
    int CurrentUserId => User.UserId()!.Value;

    [HttpGet("/blocklist")]
    public async Task<IActionResult> Index()
    {
        var tags = await db.Set<BlockedTag>().Where(b => b.UserId == CurrentUserId).Join(db.Tags, b => b.TagId, t => t.Id, (b, t) => t.Name).OrderBy(n => n).ToListAsync();
        return View("Index", tags);
    }

    [HttpPost("/blocklist")]
    public async Task<IActionResult> Add(string? tag)
    {
        var name = tag?.Trim().Trim(',').Trim() ?? "";
        var found = name.Length == 0 ? null : await db.Tags.SingleOrDefaultAsync(t => t.NormalizedName == Tag.Normalize(name));
        if (found is null)
            TempData["Notice"] = name.Length == 0 ? "Type the name of a tag to block." : $"There is no tag called “{name}” to block.";
        else if (await db.Set<BlockedTag>().AnyAsync(b => b.UserId == CurrentUserId && b.TagId == found.Id))
            TempData["Notice"] = $"“{found.Name}” is already on your blocklist.";
        else
        {
            db.Add(new BlockedTag { UserId = CurrentUserId, TagId = found.Id, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            TempData["Notice"] = $"Works tagged “{found.Name}” are now hidden from your listings, searches, feeds and counts.";
        }
        return Redirect("/blocklist");
    }

    [HttpPost("/blocklist/remove")]
    public async Task<IActionResult> Remove(string tag)
    {
        await db.Set<BlockedTag>().Where(b => b.UserId == CurrentUserId && db.Tags.Any(t => t.Id == b.TagId && t.NormalizedName == Tag.Normalize(tag))).ExecuteDeleteAsync();
        TempData["Notice"] = $"“{tag}” is no longer blocked.";
        return Redirect("/blocklist");
    }
}
