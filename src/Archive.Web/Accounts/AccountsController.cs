using Archive.Web.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Archive.Web.Accounts;

/// <summary>Signing up, logging in and out.</summary>
public sealed class AccountsController(UserManager<User> users, SignInManager<User> signIn, ArchiveDbContext db, Mail.OutgoingMail mail) : Controller
{
    [HttpGet("/signup")]
    public IActionResult SignUp() => View(new SignUpForm());

    [HttpPost("/signup")]
    public async Task<IActionResult> SignUp(SignUpForm form)
    {
        // Someone's old name still leads to them.
        if (ModelState.IsValid && (await OldUserName.IsTakenAsync(db, form.UserName!.Trim())
            || string.Equals(form.UserName.Trim(), Works.Orphaning.OrphanAccount, StringComparison.OrdinalIgnoreCase)))
            ModelState.AddModelError(nameof(form.UserName), "That user name is taken; please choose another.");
        if (!ModelState.IsValid) return View(form);
        var user = new User { UserName = form.UserName!.Trim(), Email = form.Email!.Trim() };
        var result = await AccountCreation.CreateAsync(users, db, user, form.Password!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code.Contains("Email") ? nameof(form.Email) : error.Code.Contains("Password") ? nameof(form.Password) : nameof(form.UserName),
                    error.Code switch
                    {
                        "DuplicateUserName" => "That user name is taken; please choose another.",
                        "DuplicateEmail" => "An account already uses that email address.",
                        _ => error.Description,
                    });
            return View(form);
        }
        if (users.Options.SignIn.RequireConfirmedEmail)
        {
            await SendConfirmationAsync(user);
            TempData["Notice"] = $"Welcome, {user.UserName}! We have emailed {user.Email} a link: follow it to confirm your address, and you are signed in.";
            return Redirect("/login");
        }
        await signIn.SignInAsync(user, isPersistent: false);
        TempData["Notice"] = $"Welcome to the archive, {user.UserName}!";
        return Redirect($"/users/{user.UserName}");
    }

    async Task SendConfirmationAsync(User user)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        await mail.SendAsync(user.Email!, "Confirm your email address", $"Hello {user.UserName},\n\nWelcome to the archive. To confirm your email address and log in, follow this link (it works for a few hours):\n\n" +
            $"{mail.Site}/confirm-email?user={user.Id}&token={Uri.EscapeDataString(token)}\n\nIf you didn't sign up, ignore this message.\n");
    }

    [HttpGet("/confirm-email")]
    public async Task<IActionResult> ConfirmEmail(int user, string? token)
    {
        var account = await users.FindByIdAsync(user.ToString());
        // Once confirmed, the link signs nobody in: it is not a way into the account.
        if (account is null || token is null || account.EmailConfirmed || !(await users.ConfirmEmailAsync(account, token)).Succeeded)
        {
            TempData["Notice"] = account?.EmailConfirmed == true ? "Your address is confirmed already; log in." : "This link has expired; log in to be sent a new one.";
            return Redirect("/login");
        }
        await signIn.SignInAsync(account, isPersistent: false);
        TempData["Notice"] = $"Your address is confirmed. Welcome to the archive, {account.UserName}!";
        return Redirect($"/users/{account.UserName}");
    }

    /// <summary>Another confirmation link; the same answer whoever asks, so it tells nobody which accounts exist.</summary>
    [HttpPost("/confirm-email/resend")]
    public async Task<IActionResult> ResendConfirmation(string? login)
    {
        var user = string.IsNullOrWhiteSpace(login) ? null : await users.FindByNameAsync(login.Trim()) ?? await users.FindByEmailAsync(login.Trim());
        if (user is { EmailConfirmed: false, Email: not null }) await SendConfirmationAsync(user);
        TempData["Notice"] = "If that account is waiting for its address to be confirmed, we have emailed it a new link.";
        return Redirect("/login");
    }

    [HttpGet("/login")]
    public IActionResult LogIn(string? returnUrl) => View(new LogInForm { ReturnUrl = returnUrl });

    [HttpPost("/login")]
    public async Task<IActionResult> LogIn(LogInForm form)
    {
        if (!ModelState.IsValid) return View(form);
        var user = await users.FindByNameAsync(form.Login!.Trim()) ?? await users.FindByEmailAsync(form.Login.Trim());
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, form.Password!, form.RememberMe, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
            return Redirect($"/login/two-factor?returnUrl={Uri.EscapeDataString(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/")}&rememberMe={form.RememberMe.ToString().ToLowerInvariant()}");
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", result.IsLockedOut
                ? "Too many failed attempts; please wait a few minutes and try again, or choose a new password with “Forgot your password?” below."
                : result.IsNotAllowed ? "Please confirm your email address first: follow the link we emailed you, or have a new one sent below."
                : "The user name or password was wrong.");
            ViewData["Unconfirmed"] = result.IsNotAllowed;
            return View(form);
        }
        return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/");
    }

    [HttpPost("/logout")]
    public async Task<IActionResult> LogOut()
    {
        await signIn.SignOutAsync();
        TempData["Notice"] = "You have logged out.";
        return Redirect("/");
    }
}
