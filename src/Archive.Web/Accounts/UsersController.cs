using Archive.Web.Database;
using Archive.Web.Errors;
using Archive.Web.Works;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Archive.Web.Accounts;

public sealed record UserPage(string UserName, List<PseudSummary> Pseuds, string? PseudName, List<WorkBlurb> Works, bool IsOwn, bool Blocked = false, bool Muted = false, int UserId = 0);
public sealed record PseudSummary(string Name, bool IsDefault, int Works);
public sealed record Invitation(int WorkId, string WorkTitle, int PseudId, string PseudName, string InvitedBy);

/// <summary>Users' and pseuds' pages, adding pseuds, and answering co-creator invitations.</summary>
public sealed class UsersController(ArchiveDbContext db, IOptions<ArchiveLimits> limits, Blocklist.ReaderBlocklist blocklist, Caching.PageCacheEvictions evictions) : Controller
{
    int? CurrentUserId => User.UserId();

    [HttpGet("/users/{userName}")]
    public Task<IActionResult> Show(string userName) => ShowPage(userName, null);

    [HttpGet("/users/{userName}/pseuds/{pseudName}")]
    public Task<IActionResult> Pseud(string userName, string pseudName) => ShowPage(userName, pseudName);

    async Task<IActionResult> ShowPage(string userName, string? pseudName)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == Accounts.Pseud.Normalize(userName))
            .Select(u => new { u.Id, u.UserName }).SingleOrDefaultAsync();
        if (user is null) return NotFound();
        var guest = CurrentUserId is null;
        var pseuds = await db.Pseuds.AsNoTracking().Where(p => p.UserId == user.Id).OrderByDescending(p => p.IsDefault).ThenBy(p => p.Name)
            .Select(p => new PseudSummary(p.Name, p.IsDefault, db.WorkCreators.Count(c => c.PseudId == p.Id && c.IsAccepted
                && db.Works.Any(w => w.Id == c.WorkId && !w.IsAnonymous && !w.IsUnrevealed && !(guest && w.IsRestricted))))).ToListAsync();
        var pseud = pseudName is null ? null : pseuds.FirstOrDefault(p => string.Equals(p.Name, pseudName, StringComparison.OrdinalIgnoreCase));
        if (pseudName is not null && pseud is null) return NotFound();

        var me = CurrentUserId;
        // Anonymous works are nobody's to others until their collection reveals them; their creator still finds them here.
        var works = (await blocklist.ApplyAsync(user.Id == me ? db.Works : db.Works.Where(w => !w.IsAnonymous)))
            .Where(w => w.Creators.Any(c => c.IsAccepted && c.Pseud.UserId == user.Id && (pseud == null || c.Pseud.NormalizedName == Accounts.Pseud.Normalize(pseud.Name))));
        var blocked = me is not null && await db.UserBlocks.AnyAsync(b => b.BlockerId == me && b.BlockedId == user.Id);
        var muted = me is not null && await db.UserMutes.AnyAsync(m => m.MuterId == me && m.MutedId == user.Id);
        return View("Show", new UserPage(user.UserName!, pseuds, pseud?.Name, await db.BlurbsAsync(works, 50), user.Id == me, blocked, muted, user.Id));
    }

    [Authorize]
    [HttpGet("/pseuds/new")]
    public IActionResult NewPseud() => View(new PseudForm());

    [Authorize]
    [HttpPost("/pseuds/new")]
    public async Task<IActionResult> CreatePseud(PseudForm form)
    {
        var name = form.Name?.Trim() ?? "";
        await CheckPseudNameAsync(name, null);
        if (!ModelState.IsValid) return View("NewPseud", form);
        db.Pseuds.Add(new Pseud { UserId = CurrentUserId!.Value, Name = name, NormalizedName = Accounts.Pseud.Normalize(name), CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        TempData["Notice"] = $"Pseud “{name}” was created.";
        return Redirect($"/users/{User.Identity!.Name}/pseuds/{Uri.EscapeDataString(name)}");
    }

    /// <summary>Messages beside the name field for a pseud name that is too long, has reserved characters, or is taken by another of one's pseuds.</summary>
    async Task CheckPseudNameAsync(string name, int? renaming)
    {
        if (!ModelState.IsValid) return;
        var max = limits.Value.PseudNameMaxLength;
        if (name.Length > max) ModelState.AddModelError(nameof(PseudForm.Name), $"Pseuds are 1 to {max} characters long (this one is {name.Length}).");
        else if (name.IndexOfAny(",()/*<>".ToCharArray()) >= 0) ModelState.AddModelError(nameof(PseudForm.Name), "Pseuds can't contain commas, brackets, slashes, * < or >.");
        else if (await db.Pseuds.AnyAsync(p => p.UserId == CurrentUserId && p.Id != renaming && p.NormalizedName == Accounts.Pseud.Normalize(name)))
            ModelState.AddModelError(nameof(PseudForm.Name), $"You already have a pseud called “{name}”.");
    }

    [Authorize]
    [HttpGet("/users/{userName}/pseuds/{pseudName}/edit")]
    public async Task<IActionResult> EditPseud(string userName, string pseudName)
    {
        if (await OwnPseudAsync(userName, pseudName) is not { } pseud) return NotFound();
        if (pseud.IsDefault) return this.Refuse("Your default pseud is your user name and can't be renamed; add another pseud to write under a different name.");
        return View("EditPseud", (pseud.Name, new PseudForm { Name = pseud.Name }));
    }

    /// <summary>Renames one of the user's own pseuds; every work, comment and gift shows the new name at once.</summary>
    [Authorize]
    [HttpPost("/users/{userName}/pseuds/{pseudName}/edit")]
    public async Task<IActionResult> RenamePseud(string userName, string pseudName, PseudForm form)
    {
        if (await OwnPseudAsync(userName, pseudName) is not { } pseud) return NotFound();
        if (pseud.IsDefault) return this.Refuse("Your default pseud is your user name and can't be renamed; add another pseud to write under a different name.");
        var name = form.Name?.Trim() ?? "";
        await CheckPseudNameAsync(name, pseud.Id);
        if (!ModelState.IsValid) return View("EditPseud", (pseud.Name, form));
        var tracked = await db.Pseuds.SingleAsync(p => p.Id == pseud.Id);
        tracked.Name = name;
        tracked.NormalizedName = Accounts.Pseud.Normalize(name);
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.SaveChangesAsync();
            var credited = await db.WorkCreators.Where(c => c.PseudId == pseud.Id).Select(c => c.WorkId).ToListAsync();
            // Sorting by creator and searching by name follow the new name; the works weren't revised, so they keep their place by date.
            foreach (var workId in credited) await db.RecountAsync(workId, revised: false);
            // Downloads name their creators; they are made again on the next request.
            await db.Downloads.Where(d => credited.Contains(d.WorkId)).ExecuteDeleteAsync();
            await transaction.CommitAsync();
        }
        await evictions.PseudRenamedAsync(db, pseud.Id);
        TempData["Notice"] = $"Pseud “{pseud.Name}” is now “{name}”.";
        return Redirect($"/users/{Uri.EscapeDataString(User.Identity!.Name!)}/pseuds/{Uri.EscapeDataString(name)}");
    }

    Task<Pseud?> OwnPseudAsync(string userName, string pseudName) =>
        db.Pseuds.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == CurrentUserId && p.User.NormalizedUserName == Accounts.Pseud.Normalize(userName)
            && p.NormalizedName == Accounts.Pseud.Normalize(pseudName));

    [Authorize]
    [HttpGet("/invitations")]
    public async Task<IActionResult> Invitations()
    {
        var pending = await db.WorkCreators.AsNoTracking()
            .Where(c => !c.IsAccepted && c.Pseud.UserId == CurrentUserId)
            .Join(db.Works, c => c.WorkId, w => w.Id, (c, w) => new Invitation(w.Id, w.Title, c.PseudId, c.Pseud.Name,
                w.Creators.Where(o => o.IsAccepted).OrderBy(o => o.Position).Select(o => o.Pseud.Name).FirstOrDefault() ?? ""))
            .ToListAsync();
        return View(pending);
    }

    [Authorize]
    [HttpPost("/invitations/{workId:int}/{pseudId:int}")]
    public async Task<IActionResult> Answer(int workId, int pseudId, bool accept)
    {
        var invitation = await db.WorkCreators.SingleOrDefaultAsync(c => c.WorkId == workId && c.PseudId == pseudId && !c.IsAccepted && c.Pseud.UserId == CurrentUserId);
        if (invitation is null) return NotFound();
        if (accept) invitation.IsAccepted = true;
        else db.WorkCreators.Remove(invitation);
        await db.SaveChangesAsync();
        if (accept) await evictions.WorkChangedAsync(db, workId);
        TempData["Notice"] = accept ? "You are now listed as a creator of the work." : "You declined the invitation.";
        return Redirect(accept ? $"/works/{workId}" : "/invitations");
    }
}
