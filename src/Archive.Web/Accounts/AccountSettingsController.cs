using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Archive.Web.Works;

namespace Archive.Web.Accounts;

public sealed class ChangePasswordForm
{
    [Required(ErrorMessage = "Please enter your current password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    public string? CurrentPassword { get; set; }

    [Required(ErrorMessage = "Please choose a new password.")]
    [StringLength(100, MinimumLength = 8, ErrorMessage = "Passwords are at least 8 characters long.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string? NewPassword { get; set; }

    [Required(ErrorMessage = "Please type the new password again.")]
    [Compare(nameof(NewPassword), ErrorMessage = "The two passwords don't match.")]
    [DataType(DataType.Password)]
    [Display(Name = "Confirm new password")]
    public string? ConfirmPassword { get; set; }
}

public sealed class ChangeEmailForm
{
    [Required(ErrorMessage = "Please enter the new email address.")]
    [EmailAddress(ErrorMessage = "That doesn't look like an email address.")]
    [Display(Name = "New email address")]
    public string? NewEmail { get; set; }

    [Required(ErrorMessage = "Please enter your password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string? Password { get; set; }
}

public sealed class ChangeUserNameForm
{
    [Required(ErrorMessage = "Please choose the new user name.")]
    [StringLength(40, MinimumLength = 3, ErrorMessage = "User names are 3 to 40 characters long.")]
    [RegularExpression("^[A-Za-z0-9_]+$", ErrorMessage = "User names can use only letters, numbers and underscores.")]
    [Display(Name = "New user name")]
    public string? NewUserName { get; set; }

    [Required(ErrorMessage = "Please enter your password.")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }
}

public sealed class DeleteAccountForm
{
    /// <summary>"orphan" or "delete".</summary>
    public string? Works { get; set; }
    /// <summary>"keep" (as "deleted user") or "remove".</summary>
    public string? Comments { get; set; }
    public string? Password { get; set; }
}

public sealed record SettingsPage(string UserName, string? Email, ChangePasswordForm Password, ChangeEmailForm Address, ChangeUserNameForm? Name = null, Export.ExportState? Export = null);

/// <summary>One page for what an account holder changes about their account: password and email address.</summary>
[Authorize]
public sealed class AccountSettingsController(UserManager<User> users, SignInManager<User> signIn, Mail.OutgoingMail mail, Database.ArchiveDbContext db, Caching.PageCacheEvictions evictions, Orphaning orphaning) : Controller
{
    [HttpGet("/settings")]
    public async Task<IActionResult> Index()
    {
        var user = (await users.GetUserAsync(User))!;
        return await SettingsViewAsync(user, new SettingsPage(user.UserName!, user.Email, new(), new()));
    }

    [HttpPost("/settings/password")]
    public async Task<IActionResult> ChangePassword([Bind(Prefix = "Password")] ChangePasswordForm form)
    {
        var user = (await users.GetUserAsync(User))!;
        if (ModelState.IsValid)
        {
            var result = await users.ChangePasswordAsync(user, form.CurrentPassword!, form.NewPassword!);
            if (result.Succeeded)
            {
                // The security stamp changed: sign-ins elsewhere end at their next check; this one is renewed.
                await signIn.RefreshSignInAsync(user);
                TempData["Notice"] = "Your password is changed.";
                return Redirect("/settings");
            }
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? "Password.CurrentPassword" : "Password.NewPassword",
                    error.Code == "PasswordMismatch" ? "That isn't your current password." : error.Description);
        }
        return await SettingsViewAsync(user, new SettingsPage(user.UserName!, user.Email, new() , new()));
    }

    /// <summary>The address changes only when a link sent to the new address is followed, so nobody can move an account to an address that isn't theirs.</summary>
    [HttpPost("/settings/email")]
    public async Task<IActionResult> ChangeEmail([Bind(Prefix = "Address")] ChangeEmailForm form)
    {
        var user = (await users.GetUserAsync(User))!;
        if (ModelState.IsValid && !await users.CheckPasswordAsync(user, form.Password!)) ModelState.AddModelError("Address.Password", "That isn't your password.");
        var newEmail = form.NewEmail?.Trim();
        if (ModelState.IsValid && await users.FindByEmailAsync(newEmail!) is { } other && other.Id != user.Id) ModelState.AddModelError("Address.NewEmail", "An account already uses that email address.");
        if (!ModelState.IsValid) return await SettingsViewAsync(user, new SettingsPage(user.UserName!, user.Email, new(), new() { NewEmail = form.NewEmail }));
        var token = await users.GenerateChangeEmailTokenAsync(user, newEmail!);
        var link = $"{mail.Site}/settings/email/confirm?user={user.Id}&email={Uri.EscapeDataString(newEmail!)}&token={Uri.EscapeDataString(token)}";
        await mail.SendAsync(newEmail!, "Confirm your new email address", $"Hello {user.UserName},\n\nTo make this your account's email address, follow this link (it works once, for a few hours):\n\n{link}\n\n" +
            "If you didn't ask for this, ignore this message.\n");
        TempData["Notice"] = $"We have emailed {newEmail} a link: your address changes when you follow it.";
        return Redirect("/settings");
    }

    /// <summary>
    /// A new user name: the default pseud follows it, works credited to the user are found by the new name, and links to
    /// /users/OLD lead to the new one (the old name stays theirs, so nobody else can take it).
    /// </summary>
    [HttpPost("/settings/user-name")]
    public async Task<IActionResult> ChangeUserName([Bind(Prefix = "Name")] ChangeUserNameForm form)
    {
        var user = (await users.GetUserAsync(User))!;
        var newName = form.NewUserName?.Trim() ?? "";
        if (ModelState.IsValid && !await users.CheckPasswordAsync(user, form.Password!)) ModelState.AddModelError("Name.Password", "That isn't your password.");
        if (ModelState.IsValid && newName == user.UserName) ModelState.AddModelError("Name.NewUserName", "That is your user name already.");
        if (ModelState.IsValid && await OldUserName.IsTakenAsync(db, newName, user.Id)) ModelState.AddModelError("Name.NewUserName", "That user name is taken; please choose another.");
        if (!ModelState.IsValid) return await SettingsViewAsync(user, new SettingsPage(user.UserName!, user.Email, new(), new(), new() { NewUserName = form.NewUserName }));

        var oldName = user.UserName!;
        List<int> pseudIds, works, kudosWorks;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var result = await users.SetUserNameAsync(user, newName);
            if (!result.Succeeded)
            {
                ModelState.AddModelError("Name.NewUserName", string.Join(" ", result.Errors.Select(e => e.Description)));
                return await SettingsViewAsync(user, new SettingsPage(oldName, user.Email, new(), new(), new() { NewUserName = form.NewUserName }));
            }
            var normalizedOld = Pseud.Normalize(oldName);
            await db.Pseuds.Where(p => p.UserId == user.Id && p.IsDefault && p.NormalizedName == normalizedOld)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.Name, newName).SetProperty(x => x.NormalizedName, Pseud.Normalize(newName)));
            await db.OldUserNames.Where(o => o.UserId == user.Id && o.NormalizedName == Pseud.Normalize(newName)).ExecuteDeleteAsync();
            db.OldUserNames.Add(new OldUserName { NormalizedName = normalizedOld, UserId = user.Id, ChangedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            pseudIds = await db.Pseuds.Where(p => p.UserId == user.Id).Select(p => p.Id).ToListAsync();
            works = await db.WorkCreators.Where(c => pseudIds.Contains(c.PseudId)).Select(c => c.WorkId).Distinct().ToListAsync();
            // Search text and creator sort name them; downloads too (made again on the next request).
            foreach (var workId in works) await db.RecountAsync(workId, revised: false);
            await db.Downloads.Where(d => works.Contains(d.WorkId)).ExecuteDeleteAsync();
            kudosWorks = await db.Kudos.Where(k => k.UserId == user.Id).Select(k => k.WorkId).Distinct().ToListAsync();
            await transaction.CommitAsync();
        }
        foreach (var pseudId in pseudIds) await evictions.PseudRenamedAsync(db, pseudId);
        // Work pages list who left kudos by user name.
        await evictions.WorkPagesChangedAsync(kudosWorks);
        await signIn.RefreshSignInAsync(user);
        TempData["Notice"] = $"Your user name is now {newName}; links to your old name lead here.";
        return Redirect("/settings");
    }

    /// <summary>The page with the state of the user's export, which every form here shows.</summary>
    async Task<IActionResult> SettingsViewAsync(User user, SettingsPage page) =>
        View("Settings", page with { Export = await Export.ExportState.OfAsync(db, user.Id) });

    [HttpGet("/settings/delete")]
    public IActionResult ConfirmDelete() => View("DeleteAccount", new DeleteAccountForm { Works = "orphan", Comments = "keep" });

    /// <summary>
    /// Leaving for good: works orphaned or deleted (a co-created work stays with its other creators), comments kept as
    /// "deleted user" or removed, then the account and everything only it had (pseuds, bookmarks, kudos, subscriptions,
    /// history). Nothing of it can sign in afterwards.
    /// </summary>
    [HttpPost("/settings/delete")]
    public async Task<IActionResult> Delete(DeleteAccountForm form)
    {
        var user = (await users.GetUserAsync(User))!;
        if (form.Works is not ("orphan" or "delete")) ModelState.AddModelError(nameof(form.Works), "Choose what happens to your works.");
        if (form.Comments is not ("keep" or "remove")) ModelState.AddModelError(nameof(form.Comments), "Choose what happens to your comments.");
        if (form.Password is null || !await users.CheckPasswordAsync(user, form.Password)) ModelState.AddModelError(nameof(form.Password), "That isn't your password.");
        if (!ModelState.IsValid) return View("DeleteAccount", form);

        var me = user.Id;
        var mine = await db.Works.Where(w => w.ArchivistUserId == me || w.Creators.Any(c => c.IsAccepted && c.Pseud.UserId == me)).Select(w => w.Id).ToListAsync();
        if (form.Works == "orphan") await orphaning.OrphanAsync(me, mine, keepPseudName: false);
        else
        {
            var shared = await db.Works.Where(w => mine.Contains(w.Id) && w.Creators.Any(c => c.IsAccepted && c.Pseud.UserId != me)).Select(w => w.Id).ToListAsync();
            foreach (var id in mine.Except(shared)) await WorksController.DeleteWorkAsync(db, evictions, id);
            // Co-created works stay with their other creators.
            await db.WorkCreators.Where(c => shared.Contains(c.WorkId) && c.Pseud.UserId == me).ExecuteDeleteAsync();
            foreach (var id in shared) await evictions.WorkChangedAsync(db, id);
        }
        // What other works' pages show of them: comments, kudos, bookmarks and gifts.
        var touched = await db.Comments.Where(c => c.UserId == me).Select(c => c.WorkId)
            .Union(db.Kudos.Where(k => k.UserId == me).Select(k => k.WorkId))
            .Union(db.Bookmarks.Where(b => b.UserId == me).Select(b => b.WorkId))
            .Union(db.Gifts.Where(g => g.Pseud!.UserId == me).Select(g => g.WorkId)).ToListAsync();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            if (form.Comments == "remove")
                await db.Comments.Where(c => c.UserId == me).ExecuteUpdateAsync(c => c.SetProperty(x => x.GuestName, "deleted user").SetProperty(x => x.IsDeleted, true));
            else await db.Comments.Where(c => c.UserId == me).ExecuteUpdateAsync(c => c.SetProperty(x => x.GuestName, "deleted user"));
            // Invitations to co-create that were never answered.
            await db.WorkCreators.Where(c => c.Pseud.UserId == me).ExecuteDeleteAsync();
            var result = await users.DeleteAsync(user);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
            int[] works = [.. touched];
            await db.Database.ExecuteSqlAsync($"UPDATE work_stats s SET kudos_count = (SELECT count(*) FROM kudos k WHERE k.work_id = s.work_id), bookmarks_count = (SELECT count(*) FROM bookmarks b WHERE b.work_id = s.work_id AND NOT b.is_private) WHERE s.work_id = ANY({works})");
            await transaction.CommitAsync();
        }
        await evictions.CountsChangedAsync(db, touched);
        await signIn.SignOutAsync();
        TempData["Notice"] = "Your account is deleted. Thank you for being part of the archive.";
        return Redirect("/");
    }

    [AllowAnonymous]
    [HttpGet("/settings/email/confirm")]
    public async Task<IActionResult> ConfirmEmail(int user, string? email, string? token)
    {
        var account = await users.FindByIdAsync(user.ToString());
        var result = account is null || email is null || token is null ? IdentityResult.Failed() : await users.ChangeEmailAsync(account, email, token);
        TempData["Notice"] = result.Succeeded ? $"Your email address is now {email}."
            : result.Errors.Any(e => e.Code == "DuplicateEmail") ? "Another account uses that address now, so yours stays as it was."
            : "This link has expired or has already been used; ask for the change again on your settings page.";
        if (result.Succeeded && User.Identity?.IsAuthenticated == true && account!.Id.ToString() == users.GetUserId(User)) await signIn.RefreshSignInAsync(account);
        return Redirect(User.Identity?.IsAuthenticated == true ? "/settings" : "/login");
    }
}
