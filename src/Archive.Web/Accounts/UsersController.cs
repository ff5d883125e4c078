using Archive.Web.Database;
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
public sealed class UsersController(ArchiveDbContext db, IOptions<ArchiveLimits> limits, Blocklist.ReaderBlocklist blocklist) : Controller
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
        var pseuds = await db.Pseuds.AsNoTracking().Where(p => p.UserId == user.Id).OrderByDescending(p => p.IsDefault).ThenBy(p => p.Name)
            .Select(p => new PseudSummary(p.Name, p.IsDefault, db.WorkCreators.Count(c => c.PseudId == p.Id && c.IsAccepted))).ToListAsync();
        var pseud = pseudName is null ? null : pseuds.FirstOrDefault(p => string.Equals(p.Name, pseudName, StringComparison.OrdinalIgnoreCase));
        if (pseudName is not null && pseud is null) return NotFound();

        var works = (await blocklist.ApplyAsync(db.Works)).Where(w => w.Creators.Any(c => c.IsAccepted && c.Pseud.UserId == user.Id
            && (pseud == null || c.Pseud.NormalizedName == Accounts.Pseud.Normalize(pseud.Name))));
        var me = CurrentUserId;
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
        var max = limits.Value.PseudNameMaxLength;
        if (ModelState.IsValid)
        {
            if (name.Length > max) ModelState.AddModelError(nameof(form.Name), $"Pseuds are 1 to {max} characters long (this one is {name.Length}).");
            else if (name.IndexOfAny(",()/*<>".ToCharArray()) >= 0) ModelState.AddModelError(nameof(form.Name), "Pseuds can't contain commas, brackets, slashes, * < or >.");
            else if (await db.Pseuds.AnyAsync(p => p.UserId == CurrentUserId && p.NormalizedName == Accounts.Pseud.Normalize(name)))
                ModelState.AddModelError(nameof(form.Name), $"You already have a pseud called “{name}”.");
        }
        if (!ModelState.IsValid) return View("NewPseud", form);
        db.Pseuds.Add(new Pseud { UserId = CurrentUserId!.Value, Name = name, NormalizedName = Accounts.Pseud.Normalize(name), CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        TempData["Notice"] = $"Pseud “{name}” was created.";
        return Redirect($"/users/{User.Identity!.Name}/pseuds/{Uri.EscapeDataString(name)}");
    }

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
        TempData["Notice"] = accept ? "You are now listed as a creator of the work." : "You declined the invitation.";
        return Redirect(accept ? $"/works/{workId}" : "/invitations");
    }
}
