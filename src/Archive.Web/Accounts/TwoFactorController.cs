using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Archive.Web.Accounts;

public sealed record TwoFactorSetupPage(bool Enabled, string? SharedKey, string? AuthenticatorUri, IReadOnlyList<string>? RecoveryCodes, int RecoveryCodesLeft);
public sealed record TwoFactorLogInPage(string? ReturnUrl, bool RememberMe);

/// <summary>
/// Two-factor sign-in with an authenticator app (Identity's TOTP), with single-use recovery codes. Moderators and admins
/// can be required to use it (Archive:Accounts:StaffNeedTwoFactor) before they reach the staff pages.
/// </summary>
public sealed class TwoFactorController(UserManager<User> users, SignInManager<User> signIn, IConfiguration configuration) : Controller
{
    [Authorize]
    [HttpGet("/settings/two-factor")]
    public async Task<IActionResult> Setup()
    {
        var user = (await users.GetUserAsync(User))!;
        if (user.TwoFactorEnabled) return View("TwoFactor", new TwoFactorSetupPage(true, null, null, null, await users.CountRecoveryCodesAsync(user)));
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        return View("TwoFactor", SetupPage(user, key!));
    }

    TwoFactorSetupPage SetupPage(User user, string key)
    {
        var issuer = Uri.EscapeDataString(configuration["Archive:SiteName"] ?? "Archive");
        return new TwoFactorSetupPage(false, string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant(),
            $"otpauth://totp/{issuer}:{Uri.EscapeDataString(user.UserName!)}?secret={key}&issuer={issuer}&digits=6", null, 0);
    }

    [Authorize]
    [HttpPost("/settings/two-factor")]
    public async Task<IActionResult> Enable(string? code)
    {
        var user = (await users.GetUserAsync(User))!;
        var key = await users.GetAuthenticatorKeyAsync(user);
        var token = (code ?? "").Replace(" ", "").Replace("-", "");
        if (key is null || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, token))
        {
            ModelState.AddModelError("code", "That code isn't the one your app shows now; type the six digits it shows, before they change.");
            return View("TwoFactor", SetupPage(user, key ?? ""));
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        await signIn.RefreshSignInAsync(user);
        TempData["Notice"] = "Two-factor sign-in is on.";
        return View("TwoFactor", new TwoFactorSetupPage(true, null, null, codes, codes.Count));
    }

    [Authorize]
    [HttpPost("/settings/two-factor/disable")]
    public async Task<IActionResult> Disable(string? password)
    {
        var user = (await users.GetUserAsync(User))!;
        if (password is null || !await users.CheckPasswordAsync(user, password))
        {
            ModelState.AddModelError("password", "That isn't your password.");
            return View("TwoFactor", new TwoFactorSetupPage(true, null, null, null, await users.CountRecoveryCodesAsync(user)));
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        TempData["Notice"] = "Two-factor sign-in is off.";
        return Redirect("/settings");
    }

    /// <summary>The second step of logging in, after the password: a code from the app, or a recovery code.</summary>
    [HttpGet("/login/two-factor")]
    public async Task<IActionResult> LogIn(string? returnUrl, bool rememberMe = false) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/login") : View("TwoFactorLogIn", new TwoFactorLogInPage(returnUrl, rememberMe));

    [HttpPost("/login/two-factor")]
    public async Task<IActionResult> LogIn(string? code, string? recoveryCode, string? returnUrl, bool rememberMe = false)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            TempData["Notice"] = "Your log-in took too long; please start again.";
            return Redirect("/login");
        }
        var result = !string.IsNullOrWhiteSpace(recoveryCode)
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(recoveryCode.Replace(" ", ""))
            : await signIn.TwoFactorAuthenticatorSignInAsync((code ?? "").Replace(" ", "").Replace("-", ""), rememberMe, rememberClient: false);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
        ModelState.AddModelError("code", result.IsLockedOut ? "Too many wrong codes; please wait a few minutes and try again." : "That code is wrong or has expired.");
        return View("TwoFactorLogIn", new TwoFactorLogInPage(returnUrl, rememberMe));
    }
}

/// <summary>Staff pages ask moderators and admins who must use two-factor sign-in to have signed in with it.</summary>
public static class StaffTwoFactor
{
    static readonly string[] StaffPaths = ["/moderation", "/wrangling", "/admin"];

    public static void UseStaffTwoFactor(this IApplicationBuilder app, IConfiguration configuration)
    {
        if (!configuration.GetValue("Archive:Accounts:StaffNeedTwoFactor", false)) return;
        app.Use(async (context, next) =>
        {
            var user = context.User;
            if (StaffPaths.Any(p => context.Request.Path.StartsWithSegments(p)) && (user.IsInRole("moderator") || user.IsInRole("admin"))
                // Identity marks a sign-in that passed a second factor.
                && !user.HasClaim("amr", "mfa"))
            {
                context.Response.Redirect("/settings/two-factor?required=1");
                return;
            }
            await next();
        });
    }
}
