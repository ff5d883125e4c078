using Archive.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Archive.Tests;

/// <summary>The policy never breaks a page: Chromium loads the main pages, as a guest and signed in, and reports no violation.</summary>
public class ContentSecurityPolicyTests(BrowserFactory app) : IClassFixture<BrowserFactory>
{
    [Fact]
    public async Task The_main_pages_load_in_a_browser_without_a_single_policy_violation()
    {
        var author = ArchiveFactory.VisitorAt(app.BaseUrl, new());
        await author.SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Policy Checked", ["Fandoms"] = "Policy Fandom", ["Body"] = "<p>Text with an <img src=\"https://example.org/a.png\" alt=\"a picture\"> image.</p>" }));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFactory.LaunchChromiumAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        var violations = new List<string>();
        // Chromium reports each blocked script, style or frame on the console; the page's own listener catches the rest.
        context.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text); };
        await context.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
        var page = await context.NewPageAsync();
        string[] pages = ["/", "/works", $"/works/{id}", $"/works/{id}?view_full_work=true", "/tags/Policy Fandom/works", "/works/search?q=policy", "/fandoms",
            "/collections", "/login", "/signup", "/works/new", "/opds"];
        foreach (var url in pages) await page.GotoAsync(url);
        // Signed in: the forms and the reader's own pages.
        await page.GotoAsync("/login");
        await page.Locator("#Login").FillAsync(author.UserName!);
        await page.Locator("#Password").FillAsync("correct horse battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.Locator("details.user-menu summary")).ToContainTextAsync(author.UserName!);
        foreach (var url in new[] { "/works/new", $"/works/{id}", $"/works/{id}/edit", "/drafts", "/preferences", "/settings", "/inbox", "/history", $"/users/{author.UserName}/stats" })
            await page.GotoAsync(url);
        Assert.Empty(violations);
    }
}
