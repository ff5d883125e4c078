using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

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

public sealed record SettingsPage(string UserName, string? Email, ChangePasswordForm Password, ChangeEmailForm Address);

/// <summary>One page for what an account holder changes about their account: password and email address.</summary>
[Authorize]
public sealed class AccountSettingsController(UserManager<User> users, SignInManager<User> signIn, Mail.OutgoingMail mail) : Controller
{
    [HttpGet("/settings")]
    public async Task<IActionResult> Index()
    {
        var user = await users.GetUserAsync(User);
        return View("Settings", new SettingsPage(user!.UserName!, user.Email, new(), new()));
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
        return View("Settings", new SettingsPage(user.UserName!, user.Email, new() , new()));
    }

    /// <summary>The address changes only when a link sent to the new address is followed, so nobody can move an account to an address that isn't theirs.</summary>
    [HttpPost("/settings/email")]
    public async Task<IActionResult> ChangeEmail([Bind(Prefix = "Address")] ChangeEmailForm form)
    {
        var user = (await users.GetUserAsync(User))!;
        if (ModelState.IsValid && !await users.CheckPasswordAsync(user, form.Password!)) ModelState.AddModelError("Address.Password", "That isn't your password.");
        var newEmail = form.NewEmail?.Trim();
        if (ModelState.IsValid && await users.FindByEmailAsync(newEmail!) is { } other && other.Id != user.Id) ModelState.AddModelError("Address.NewEmail", "An account already uses that email address.");
        if (!ModelState.IsValid) return View("Settings", new SettingsPage(user.UserName!, user.Email, new(), new() { NewEmail = form.NewEmail }));
        var token = await users.GenerateChangeEmailTokenAsync(user, newEmail!);
        var link = $"{mail.Site}/settings/email/confirm?user={user.Id}&email={Uri.EscapeDataString(newEmail!)}&token={Uri.EscapeDataString(token)}";
        await mail.SendAsync(newEmail!, "Confirm your new email address", $"Hello {user.UserName},\n\nTo make this your account's email address, follow this link (it works once, for a few hours):\n\n{link}\n\n" +
            "If you didn't ask for this, ignore this message.\n");
        TempData["Notice"] = $"We have emailed {newEmail} a link: your address changes when you follow it.";
        return Redirect("/settings");
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
