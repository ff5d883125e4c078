using System.Globalization;
using System.Text.RegularExpressions;
using Archive.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Archive.Tests;

/// <summary>Site skins and work skins as Chromium draws them (see <see cref="BrowserFactory"/>).</summary>
public class ReadingComfortBrowserTests(BrowserFactory app) : IClassFixture<BrowserFactory>
{
    /// <summary>What survives cleaning is still meant to take over the page: a box pulled up over the navigation.</summary>
    const string Hostile = """
        .chat .name { font-weight: bold; color: rgb(0, 102, 153); }
        .cover { position: fixed; top: 0; left: 0; z-index: 2147483647; width: 3000px; height: 3000px; margin-top: -2000px; margin-left: -1000px; background-color: black; color: white; }
        body, header, nav, .site, footer { display: none !important; }
        .chapter-title, .preface { visibility: hidden; }
        """;

    async Task<int> PostAsync(string title, string skin)
    {
        var author = await app.NewVisitor().SignUpAsync();
        var posted = await author.PostWorkAsync(new()
        {
            ["Title"] = title, ["Fandoms"] = "Browser Skins", ["TextFormat"] = "Html", ["SkinCss"] = skin,
            ["Body"] = "<p class=\"chat\"><span class=\"name\">lex:</span> you're late</p><div class=\"cover\">Gotcha</div><p>After the cover.</p>",
        });
        return ArchiveClient.WorkId(posted);
    }

    /// <summary>Saves a screenshot when ARCHIVE_SCREENSHOTS names a folder, to look at by eye.</summary>
    static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("ARCHIVE_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    const string WhatIsAt = """
        selector => {
            const target = document.querySelector(selector);
            const box = target.getBoundingClientRect();
            const there = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
            return there === target || target.contains(there) ? 'itself' : (there ? there.tagName + '.' + there.className : 'nothing');
        }
        """;

    [Fact]
    public async Task A_hostile_work_skin_neither_hides_the_site_navigation_nor_covers_the_page()
    {
        var id = await PostAsync("Overlay Attempt", Hostile);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFactory.LaunchChromiumAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 1000, Height = 800 } });
        await page.GotoAsync($"/works/{id}");
        await ScreenshotAsync(page, "hostile-work-skin");

        // The skin applies: the chat log is styled, and the cover is as big as asked and pulled up over the page's top…
        var name = page.Locator("#workskin .chat .name").First;
        await Assertions.Expect(name).ToHaveCSSAsync("font-weight", "700");
        await Assertions.Expect(name).ToHaveCSSAsync("color", "rgb(0, 102, 153)");
        var cover = await page.Locator(".cover").BoundingBoxAsync();
        Assert.Equal(3000, cover!.Height);
        Assert.True(cover.Y < 0, $"the cover starts at {cover.Y}");
        await Assertions.Expect(page.Locator(".cover")).Not.ToHaveCSSAsync("position", "fixed");

        // …yet the site's navigation, the reading controls, kudos and footer are there and nothing covers them.
        foreach (var selector in new[] { "header.site a[href='/works']", "header.site a[href='/login']", ".reader-controls a[href='/reading']", "#kudos button", "footer.site a[href='/reading']", "dl.meta" })
        {
            await page.Locator(selector).ScrollIntoViewIfNeededAsync();
            await Assertions.Expect(page.Locator(selector)).ToBeVisibleAsync();
            Assert.Equal("itself", await page.EvaluateAsync<string>(WhatIsAt, selector));
        }
        await page.GetByRole(AriaRole.Link, new() { Name = "Works", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/works$"));
    }

    [Fact]
    public async Task Each_skin_reads_clearly_and_the_reader_controls_change_the_work_text_at_once()
    {
        var id = await PostAsync("Skin Contrast", ".chat .name { font-weight: bold }");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFactory.LaunchChromiumAsync(playwright);
        var host = new Uri(app.BaseUrl).Host;

        // Text on the page, links and the navigation bar, against what is behind them: at least WCAG AA, AAA for high contrast.
        foreach (var (cookie, scheme, paper, least) in new[]
                 {
                     ("system.0.normal.show", ColorScheme.Light, "rgb(255, 255, 255)", 4.5),
                     ("system.0.normal.show", ColorScheme.Dark, "rgb(28, 28, 30)", 4.5),
                     ("light.0.normal.show", ColorScheme.Dark, "rgb(255, 255, 255)", 4.5),
                     ("dark.0.normal.show", ColorScheme.Light, "rgb(28, 28, 30)", 4.5),
                     ("high-contrast.0.normal.show", ColorScheme.Light, "rgb(0, 0, 0)", 7),
                 })
        {
            var context = await browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ColorScheme = scheme });
            await context.AddCookiesAsync([new Cookie { Name = "archive_reading", Value = cookie, Domain = host, Path = "/" }]);
            var page = await context.NewPageAsync();
            await page.GotoAsync($"/works/{id}");
            await ScreenshotAsync(page, $"skin-{cookie.Split('.')[0]}-{scheme}".ToLowerInvariant());
            var colours = await page.EvaluateAsync<string[]>("""
                () => {
                    const style = e => getComputedStyle(document.querySelector(e));
                    return [style('body').backgroundColor, style('body').color, style('main a').color, style('header.site').backgroundColor,
                            style('header.site a').color, style('.reader-controls button').color, style('.reader-controls button').backgroundColor];
                }
                """);
            Assert.Equal(paper, colours[0]);
            Assert.True(Contrast(colours[1], colours[0]) >= Math.Max(least, 7), $"{cookie} {scheme}: text {colours[1]} on {colours[0]}");
            Assert.True(Contrast(colours[2], colours[0]) >= least, $"{cookie} {scheme}: links {colours[2]} on {colours[0]}");
            Assert.True(Contrast(colours[4], colours[3]) >= least, $"{cookie} {scheme}: navigation {colours[4]} on {colours[3]}");
            Assert.True(Contrast(colours[5], colours[6]) >= least, $"{cookie} {scheme}: buttons {colours[5]} on {colours[6]}");
            if (cookie.StartsWith("high-contrast")) Assert.Equal("rgb(255, 255, 0)", colours[2]);
            await context.CloseAsync();
        }

        // A guest makes the text larger and narrower, and hides the creator's style, from the work page.
        var reader = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseUrl });
        await reader.GotoAsync($"/works/{id}");
        var body = reader.Locator(".userstuff.body").First;
        var before = await FontSizeAsync(body);
        await reader.GetByRole(AriaRole.Button, new() { Name = "Larger" }).ClickAsync();
        await reader.GetByRole(AriaRole.Button, new() { Name = "Larger" }).ClickAsync();
        await reader.GetByRole(AriaRole.Button, new() { Name = "Narrower" }).ClickAsync();
        await Assertions.Expect(reader.Locator("html")).ToHaveClassAsync(new Regex("text-larger-2"));
        Assert.True(await FontSizeAsync(body) > before * 1.2, $"{await FontSizeAsync(body)} after {before}");
        Assert.True((await body.BoundingBoxAsync())!.Width <= 32 * 16);
        await ScreenshotAsync(reader, "larger-and-narrower");
        await Assertions.Expect(reader.Locator(".chat .name").First).ToHaveCSSAsync("font-weight", "700");
        await reader.GetByRole(AriaRole.Link, new() { Name = "Hide creator's style" }).ClickAsync();
        await Assertions.Expect(reader.Locator(".chat .name").First).ToHaveCSSAsync("font-weight", "400");
        await reader.GetByRole(AriaRole.Link, new() { Name = "Show creator's style" }).ClickAsync();
        await Assertions.Expect(reader.Locator(".chat .name").First).ToHaveCSSAsync("font-weight", "700");

        // The same choices on the reading page, where the skin is chosen too.
        await reader.GetByRole(AriaRole.Link, new() { Name = "Site skin" }).First.ClickAsync();
        await Assertions.Expect(reader.GetByLabel("Text size")).ToHaveValueAsync("2");
        await Assertions.Expect(reader.GetByLabel("Width")).ToHaveValueAsync("Narrow");
        await reader.GetByRole(AriaRole.Radio, new() { Name = "Dark", Exact = true }).CheckAsync();
        await reader.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(reader.Locator("html")).ToHaveClassAsync("skin-dark text-larger-2 width-narrow");
        await ScreenshotAsync(reader, "reading-page");
    }

    static async Task<double> FontSizeAsync(ILocator element) =>
        double.Parse((await element.EvaluateAsync<string>("e => getComputedStyle(e).fontSize")).Replace("px", ""), CultureInfo.InvariantCulture);

    /// <summary>WCAG's contrast ratio of two computed colours ("rgb(r, g, b)").</summary>
    static double Contrast(string a, string b)
    {
        static double Luminance(string rgb)
        {
            var c = Regex.Matches(rgb, @"[\d.]+").Take(3).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture) / 255)
                .Select(v => v <= 0.03928 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4)).ToArray();
            return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        }
        var (x, y) = (Luminance(a), Luminance(b));
        return (Math.Max(x, y) + 0.05) / (Math.Min(x, y) + 0.05);
    }
}
