using Archive.Web.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Archive.Web.Accounts;

/// <summary>Signing up, logging in and out.</summary>
public sealed class AccountsController(UserManager<User> users, SignInManager<User> signIn, ArchiveDbContext db) : Controller
{
    [HttpGet("/signup")]
    public IActionResult SignUp() => View(new SignUpForm());

    [HttpPost("/signup")]
    public async Task<IActionResult> SignUp(SignUpForm form)
    {
        // Someone's old name still leads to them.
        if (ModelState.IsValid && await OldUserName.IsTakenAsync(db, form.UserName!.Trim())) ModelState.AddModelError(nameof(form.UserName), "That user name is taken; please choose another.");
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
        await signIn.SignInAsync(user, isPersistent: false);
        TempData["Notice"] = $"Welcome to the archive, {user.UserName}!";
        return Redirect($"/users/{user.UserName}");
    }

    [HttpGet("/login")]
    public IActionResult LogIn(string? returnUrl) => View(new LogInForm { ReturnUrl = returnUrl });

    [HttpPost("/login")]
    public async Task<IActionResult> LogIn(LogInForm form)
    {
        if (!ModelState.IsValid) return View(form);
        var user = await users.FindByNameAsync(form.Login!.Trim()) ?? await users.FindByEmailAsync(form.Login.Trim());
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, form.Password!, form.RememberMe, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", result.IsLockedOut
                ? "Too many failed attempts; please wait a few minutes and try again, or choose a new password with “Forgot your password?” below."
                : "The user name or password was wrong.");
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
