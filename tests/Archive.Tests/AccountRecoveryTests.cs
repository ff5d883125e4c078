using System.Net;
using System.Text.RegularExpressions;
using Archive.Tests.Infrastructure;

namespace Archive.Tests;

public class AccountRecoveryTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    /// <summary>The newest email to this address in the app's mail folder, and the archive link in it.</summary>
    (string Body, string Link) MailTo(string address, string linkPath, string? folder = null)
    {
        var mail = Directory.GetFiles(folder ?? app.MailFolder, "*.eml").Select(f => (File.GetLastWriteTimeUtc(f), File.ReadAllText(f)))
            .Where(m => m.Item2.Contains($"To: {address}", StringComparison.OrdinalIgnoreCase)).OrderBy(m => m.Item1).Select(m => m.Item2).LastOrDefault()
            ?? throw new InvalidOperationException($"No mail to {address}");
        // Mail folds long lines; the link is rejoined.
        var unfolded = Regex.Replace(mail, "=\r?\n", "");
        var link = Regex.Match(unfolded, @"https?://[^\s]*" + Regex.Escape(linkPath) + @"[^\s]*").Value;
        return (mail, new Uri(link).PathAndQuery);
    }

    static Task<Page> LogInAsync(ArchiveClient visitor, string login, string password) =>
        visitor.SubmitAsync("/login", "/login", [new("Login", login), new("Password", password)]);

    [Fact]
    public async Task A_locked_out_author_resets_their_password_by_email_and_the_link_works_once()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var stranger = app.NewVisitor();
        for (var i = 0; i < 6; i++) await LogInAsync(stranger, author.UserName!, "wrong password");
        var locked = await LogInAsync(stranger, author.UserName!, "correct horse battery");
        Assert.Contains("choose a new password with “Forgot your password?”", locked.Find(".errors")?.TextContent);
        Assert.Equal("/password/forgot", locked.FindAll("a").Single(a => a.TextContent == "Forgot your password?").GetAttribute("href"));

        // The same answer for a known and an unknown address.
        var visitor = app.NewVisitor();
        var unknown = await visitor.SubmitAsync("/password/forgot", "/password/forgot", [new("Email", "nobody-at-all@example.org")]);
        var known = await visitor.SubmitAsync("/password/forgot", "/password/forgot", [new("Email", $"{author.UserName}@example.org")]);
        Assert.Equal(unknown.Find(".notice")?.TextContent, known.Find(".notice")?.TextContent);
        Assert.Equal("That doesn't look like an email address.", (await visitor.SubmitAsync("/password/forgot", "/password/forgot", [new("Email", "not an address")])).ErrorFor("Email"));

        var (body, link) = MailTo($"{author.UserName}@example.org", "/password/reset");
        Assert.Contains($"Hello {author.UserName},", body);
        var mismatch = await visitor.SubmitAsync(link, "/password/reset", [new("Password", "a brand new password"), new("ConfirmPassword", "something else")]);
        Assert.Equal("The two passwords don't match.", mismatch.ErrorFor("ConfirmPassword"));
        var reset = await visitor.SubmitAsync(link, "/password/reset", [new("Password", "a brand new password"), new("ConfirmPassword", "a brand new password")]);
        Assert.Equal("Your password is changed. Log in with the new one.", reset.Find(".notice")?.TextContent);

        // The lockout is over; the old password is gone; the new one works.
        Assert.Equal("The user name or password was wrong.", (await LogInAsync(app.NewVisitor(), author.UserName!, "correct horse battery")).Find(".errors")?.TextContent.Trim());
        Assert.Equal("/", (await LogInAsync(app.NewVisitor(), author.UserName!, "a brand new password")).Url);

        // Used once, the link is dead; so is a made-up one.
        var again = await app.NewVisitor().GetAsync(link);
        Assert.Equal("/password/forgot", again.Url);
        Assert.Equal("This link has expired or has already been used. Ask for a new one below.", again.Find(".notice")?.TextContent);
        var forged = await visitor.PostAsync("/password/reset", [new("__RequestVerificationToken", await visitor.TokenAsync()), new("User", Regex.Match(link, @"user=(\d+)").Groups[1].Value),
            new("Token", "made-up"), new("Password", "hijacked password"), new("ConfirmPassword", "hijacked password")]);
        Assert.Equal("/password/forgot", forged.Url);
        Assert.Equal("/", (await LogInAsync(app.NewVisitor(), author.UserName!, "a brand new password")).Url);
    }

    [Fact]
    public async Task An_account_holder_changes_their_password_and_moves_their_email_by_a_link_sent_to_the_new_address()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var settings = await author.GetAsync("/settings");
        Assert.Equal($"{author.UserName}@example.org", settings.Find(".email")?.TextContent);
        Assert.Equal(HttpStatusCode.OK, settings.Status);
        Assert.StartsWith("/login", (await app.NewVisitor().GetAsync("/settings")).Url);

        var wrong = await author.SubmitAsync("/settings", "/settings/password", [new("Password.CurrentPassword", "not it"), new("Password.NewPassword", "another long password"), new("Password.ConfirmPassword", "another long password")]);
        Assert.Equal("That isn't your current password.", wrong.ErrorFor("Password.CurrentPassword"));
        var changed = await author.SubmitAsync("/settings", "/settings/password", [new("Password.CurrentPassword", "correct horse battery"), new("Password.NewPassword", "another long password"), new("Password.ConfirmPassword", "another long password")]);
        Assert.Equal("Your password is changed.", changed.Find(".notice")?.TextContent);
        Assert.Equal("/", (await LogInAsync(app.NewVisitor(), author.UserName!, "another long password")).Url);
        // Still signed in here after the change.
        Assert.Equal(HttpStatusCode.OK, (await author.GetAsync("/settings")).Status);

        var other = await app.NewVisitor().SignUpAsync();
        Assert.Equal("An account already uses that email address.",
            (await author.SubmitAsync("/settings", "/settings/email", [new("Address.NewEmail", $"{other.UserName}@example.org"), new("Address.Password", "another long password")])).ErrorFor("Address.NewEmail"));
        var badPassword = await author.SubmitAsync("/settings", "/settings/email", [new("Address.NewEmail", "moved@example.net"), new("Address.Password", "nope")]);
        Assert.Equal("That isn't your password.", badPassword.ErrorFor("Address.Password"));
        Assert.Equal("moved@example.net", badPassword.Value("Address.NewEmail"));

        var newAddress = $"moved-{Guid.NewGuid():N}@example.net";
        var asked = await author.SubmitAsync("/settings", "/settings/email", [new("Address.NewEmail", newAddress), new("Address.Password", "another long password")]);
        Assert.Equal($"We have emailed {newAddress} a link: your address changes when you follow it.", asked.Find(".notice")?.TextContent);
        Assert.Equal($"{author.UserName}@example.org", asked.Find(".email")?.TextContent);
        var (_, link) = MailTo(newAddress, "/settings/email/confirm");
        var confirmed = await author.GetAsync(link);
        Assert.Equal($"Your email address is now {newAddress}.", confirmed.Find(".notice")?.TextContent);
        Assert.Equal(newAddress, confirmed.Find(".email")?.TextContent);
        Assert.Equal("This link has expired or has already been used; ask for the change again on your settings page.", (await author.GetAsync(link)).Find(".notice")?.TextContent);
        // A password reset now goes to the new address.
        await app.NewVisitor().SubmitAsync("/password/forgot", "/password/forgot", [new("Email", newAddress)]);
        Assert.Contains("/password/reset", MailTo(newAddress, "/password/reset").Link);
    }

    [Fact]
    public async Task An_author_changes_their_user_name_and_old_links_lead_to_the_new_one()
    {
        var author = await app.NewVisitor().SignUpAsync($"old_{Guid.NewGuid():N}"[..12]);
        var oldName = author.UserName!;
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Renamed Author's Work" }));
        var newName = $"new_{Guid.NewGuid():N}"[..12];

        var refused = await author.SubmitAsync("/settings", "/settings/user-name", [new("Name.NewUserName", "no spaces allowed"), new("Name.Password", "correct horse battery")]);
        Assert.Equal("User names can use only letters, numbers and underscores.", refused.ErrorFor("Name.NewUserName"));
        Assert.Equal("no spaces allowed", refused.Value("Name.NewUserName"));
        Assert.Equal("That isn't your password.",
            (await author.SubmitAsync("/settings", "/settings/user-name", [new("Name.NewUserName", newName), new("Name.Password", "wrong")])).ErrorFor("Name.Password"));

        var changed = await author.SubmitAsync("/settings", "/settings/user-name", [new("Name.NewUserName", newName), new("Name.Password", "correct horse battery")]);
        Assert.Equal($"Your user name is now {newName}; links to your old name lead here.", changed.Find(".notice")?.TextContent);
        Assert.Contains(newName, changed.Find("header")?.TextContent ?? changed.Text);

        var guest = app.NewVisitor();
        var response = await guest.Http.GetAsync($"/users/{oldName}/pseuds/{oldName}?page=1");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/users/{newName}/pseuds/{oldName}?page=1", response.Headers.Location?.OriginalString);
        Assert.Contains("Renamed Author's Work", (await guest.GetAsync($"/users/{newName}")).Text);
        Assert.Contains(newName, (await guest.GetAsync($"/works/{id}")).Find(".preface .byline")?.TextContent);
        Assert.Contains("Renamed Author's Work", (await guest.GetAsync($"/works/search?q={newName}")).Text);
        // The author signs in with the new name; nobody can take the old one.
        Assert.Equal("/", (await LogInAsync(app.NewVisitor(), newName, "correct horse battery")).Url);
        var squatter = await app.NewVisitor().SubmitAsync("/signup", "/signup", [new("UserName", oldName), new("Email", "squat@example.org"),
            new("Password", "correct horse battery"), new("ConfirmPassword", "correct horse battery")]);
        Assert.Equal("That user name is taken; please choose another.", squatter.ErrorFor("UserName"));
    }

    [Fact]
    public async Task A_newcomer_confirms_their_email_address_before_logging_in_and_can_ask_for_a_new_link()
    {
        await using var archive = app.Variant(("Archive:Accounts:ConfirmEmail", "true"));
        var newcomer = ArchiveFactory.VisitorOf(archive);
        var name = $"confirm_{Guid.NewGuid():N}"[..14];
        var signedUp = await newcomer.SubmitAsync("/signup", "/signup", [new("UserName", name), new("Email", $"{name}@example.org"),
            new("Password", "correct horse battery"), new("ConfirmPassword", "correct horse battery")]);
        Assert.Equal($"Welcome, {name}! We have emailed {name}@example.org a link: follow it to confirm your address, and you are signed in.", signedUp.Find(".notice")?.TextContent);
        Assert.StartsWith("/login", (await newcomer.GetAsync("/works/new")).Url);

        var refused = await LogInAsync(newcomer, name, "correct horse battery");
        Assert.Equal("Please confirm your email address first: follow the link we emailed you, or have a new one sent below.", refused.Find(".errors")?.TextContent.Trim());
        Assert.Equal(name, refused.Find("form[action='/confirm-email/resend'] input[name=login]")?.GetAttribute("value"));
        var resent = await newcomer.PostAsync("/confirm-email/resend", [new("__RequestVerificationToken", refused.Find("form[action='/confirm-email/resend'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!), new("login", name)]);
        Assert.Equal("If that account is waiting for its address to be confirmed, we have emailed it a new link.", resent.Find(".notice")?.TextContent);
        Assert.Equal(2, Directory.GetFiles(archive.MailFolder, "*.eml").Count(f => File.ReadAllText(f).Contains($"Hello {name},")));

        var (_, link) = MailTo($"{name}@example.org", "/confirm-email", archive.MailFolder);
        var confirmed = await newcomer.GetAsync(link);
        Assert.Equal($"/users/{name}", confirmed.Url);
        Assert.Equal($"Your address is confirmed. Welcome to the archive, {name}!", confirmed.Find(".notice")?.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync("/works/new")).Status);
        Assert.Equal("/", (await LogInAsync(ArchiveFactory.VisitorOf(archive), name, "correct horse battery")).Url);
        Assert.Equal("Your address is confirmed already; log in.", (await ArchiveFactory.VisitorOf(archive).GetAsync(link)).Find(".notice")?.TextContent);
    }
}
