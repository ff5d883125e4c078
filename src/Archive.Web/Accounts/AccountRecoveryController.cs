using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Archive.Web.Accounts;

public sealed class ForgotPasswordForm
{
    [Required(ErrorMessage = "Please enter the email address of your account.")]
    [EmailAddress(ErrorMessage = "That doesn't look like an email address.")]
    public string? Email { get; set; }
}

public sealed class ResetPasswordForm
{
    public int User { get; set; }
    public string? Token { get; set; }

    [Required(ErrorMessage = "Please choose a new password.")]
    [StringLength(100, MinimumLength = 8, ErrorMessage = "Passwords are at least 8 characters long.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string? Password { get; set; }

    [Required(ErrorMessage = "Please type the new password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords don't match.")]
    [DataType(DataType.Password)]
    [Display(Name = "Confirm new password")]
    public string? ConfirmPassword { get; set; }
}

/// <summary>
/// "Forgot password?": a link by email to choose a new one. Identity's reset tokens expire (Archive:Accounts:LinkHours)
/// and name the account's security stamp, which the reset changes, so a link works once.
/// </summary>
public sealed class AccountRecoveryController(UserManager<User> users, Mail.OutgoingMail mail, ILogger<AccountRecoveryController> logger) : Controller
{
    public const string Sent = "If an account uses that address, we have emailed it a link to choose a new password. The link works once, for a few hours.";
    public const string BadLink = "This link has expired or has already been used. Ask for a new one below.";

    [HttpGet("/password/forgot")]
    public IActionResult Forgot() => View(new ForgotPasswordForm());

    /// <summary>The same answer whether or not the address is known, so the form can't be used to find who has an account.</summary>
    [HttpPost("/password/forgot")]
    public async Task<IActionResult> Forgot(ForgotPasswordForm form)
    {
        if (!ModelState.IsValid) return View(form);
        var user = await users.FindByEmailAsync(form.Email!.Trim());
        if (user is not null)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = $"{mail.Site}/password/reset?user={user.Id}&token={Uri.EscapeDataString(token)}";
            try
            {
                await mail.SendAsync(user.Email!, "Choose a new password", $"Hello {user.UserName},\n\nSomeone (we hope you) asked to choose a new password for your account.\n" +
                    $"Follow this link to do it; it works once, for a few hours:\n\n{link}\n\nIf it wasn't you, ignore this message: your password stays as it is.\n");
            }
            catch (Exception e) when (e is System.Net.Mail.SmtpException or IOException)
            {
                // Told to the operator, not to the visitor: the answer must not differ for known addresses.
                logger.LogError(e, "Could not send a password reset email");
            }
        }
        TempData["Notice"] = Sent;
        return Redirect("/login");
    }

    [HttpGet("/password/reset")]
    public async Task<IActionResult> Reset(int user, string? token)
    {
        var account = await users.FindByIdAsync(user.ToString());
        // Checked before the form is shown, so nobody types a new password into a dead link.
        if (account is null || token is null || !await users.VerifyUserTokenAsync(account, users.Options.Tokens.PasswordResetTokenProvider, UserManager<User>.ResetPasswordTokenPurpose, token))
        {
            TempData["Notice"] = BadLink;
            return Redirect("/password/forgot");
        }
        return View(new ResetPasswordForm { User = user, Token = token });
    }

    [HttpPost("/password/reset")]
    public async Task<IActionResult> Reset(ResetPasswordForm form)
    {
        var account = await users.FindByIdAsync(form.User.ToString());
        if (!ModelState.IsValid) return View(form);
        var result = account is null || form.Token is null ? IdentityResult.Failed(new IdentityError { Code = "InvalidToken" }) : await users.ResetPasswordAsync(account, form.Token, form.Password!);
        if (result.Errors.Any(e => e.Code == "InvalidToken"))
        {
            TempData["Notice"] = BadLink;
            return Redirect("/password/forgot");
        }
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError(nameof(form.Password), error.Description);
            return View(form);
        }
        // A reset also ends a lockout and confirms the address: the person has just proved both are theirs.
        if (!account!.EmailConfirmed)
        {
            account.EmailConfirmed = true;
            await users.UpdateAsync(account);
        }
        await users.SetLockoutEndDateAsync(account!, null);
        await users.ResetAccessFailedCountAsync(account!);
        TempData["Notice"] = "Your password is changed. Log in with the new one.";
        return Redirect("/login");
    }
}
