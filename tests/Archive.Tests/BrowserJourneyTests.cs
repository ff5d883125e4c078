using Archive.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Archive.Tests;

/// <summary>The app on a real port, for a real browser (Debian's Chromium).</summary>
public sealed class BrowserFactory : ArchiveFactory
{
    public string BaseUrl { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }

    public static async Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        const string chromium = "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException("Browser tests need Debian's Chromium at /usr/bin/chromium: apt-get install -y chromium (./test.sh installs it when missing).");
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }
}

public class BrowserJourneyTests(BrowserFactory app) : IClassFixture<BrowserFactory>
{
    [Fact]
    public async Task A_newcomer_signs_up_posts_a_two_chapter_work_and_reads_it_through()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFactory.LaunchChromiumAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseUrl });

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign up" }).ClickAsync();
        await page.GetByLabel("User name").FillAsync("newcomer");
        await page.GetByLabel("Email").FillAsync("newcomer@example.org");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("a long password");
        await page.GetByLabel("Confirm password").FillAsync("a long password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Welcome to the archive, newcomer!")).ToBeVisibleAsync();

        // The personal links wait in the user's menu.
        await page.Locator("header.site details.user-menu > summary").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Post new work" }).ClickAsync();
        await page.GetByLabel("Rating").SelectOptionAsync("Teen And Up Audiences");
        await page.GetByLabel("No Archive Warnings Apply").CheckAsync();
        await page.GetByLabel("Fandoms (at least one)").FillAsync("Smallville");
        await page.GetByLabel("Relationships").FillAsync("Clark Kent/Lex Luthor");
        await page.GetByLabel("Work title").FillAsync("Superhero Blues");
        await page.GetByLabel("Summary").FillAsync("Lex, superhero.");
        await page.GetByLabel("Expected number of chapters").FillAsync("2");
        await page.GetByLabel("Plain text").CheckAsync();
        await page.GetByLabel("Work text").FillAsync("The first chapter begins.\n\n* * *\n\nIt ends in a cliffhanger.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("Work was successfully posted.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Add Chapter" }).ClickAsync();
        await page.GetByLabel("Chapter title").FillAsync("The Second");
        await page.GetByLabel("Chapter text").FillAsync("The second chapter resolves everything.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("Chapter was successfully posted.")).ToBeVisibleAsync();

        // Read it as a guest, from the front page.
        var reader = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseUrl });
        await reader.GotoAsync("/");
        await reader.GetByRole(AriaRole.Link, new() { Name = "Superhero Blues", Exact = true }).ClickAsync();
        await Assertions.Expect(reader.Locator("dd.chapters")).ToHaveTextAsync("2/2");
        await Assertions.Expect(reader.Locator(".chapter .body")).ToContainTextAsync("It ends in a cliffhanger.");
        await reader.GetByRole(AriaRole.Link, new() { Name = "Next Chapter →" }).First.ClickAsync();
        await Assertions.Expect(reader).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/chapters/2$"));
        await Assertions.Expect(reader.Locator("h2.chapter-title")).ToContainTextAsync("Chapter 2: The Second");
        await Assertions.Expect(reader.Locator(".chapter .body")).ToContainTextAsync("resolves everything");
        await Assertions.Expect(reader.GetByRole(AriaRole.Link, new() { Name = "Next Chapter →" })).ToHaveCountAsync(0);
        await reader.GetByRole(AriaRole.Link, new() { Name = "← Previous Chapter" }).First.ClickAsync();
        await Assertions.Expect(reader).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/chapters/1$"));
    }

    [Fact]
    public async Task An_author_pastes_an_old_post_corrects_its_title_and_reads_it()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFactory.LaunchChromiumAsync(playwright);
        var page = await SignedUpPageAsync(browser, "old_journaler");

        await page.Locator("header.site details.user-menu > summary").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Import", Exact = true }).ClickAsync();
        await page.GetByLabel("Paste posts").FillAsync(Fixtures.Read(Fixtures.MillionMiles));
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check the import" })).ToBeVisibleAsync();
        var title = page.GetByLabel("Title", new() { Exact = true });
        await Assertions.Expect(title).ToHaveValueAsync("a million miles in another man's mask (superhero blues)");
        await title.FillAsync("A Million Miles (Superhero Blues)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post work" }).ClickAsync();

        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Imported “A Million Miles (Superhero Blues)” (1 chapter).");
        await Assertions.Expect(page.Locator("h1.title")).ToHaveTextAsync("A Million Miles (Superhero Blues)");
        await Assertions.Expect(page.Locator(".byline")).ToContainTextAsync("Signe (oxoniensis)");
        await Assertions.Expect(page.Locator(".chapter .body")).ToContainTextAsync("Buildings like trees, forest-like city.");
        await Assertions.Expect(page.Locator(".chapter .body")).Not.ToContainTextAsync("Post a new comment");
    }

    [Fact]
    public async Task A_phone_reader_finds_the_story_on_the_first_screen_and_a_desktop_header_is_one_row()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new()
        {
            ["Title"] = "Small Screens", ["Fandoms"] = "Phone Fandom", ["Rating"] = "Teen And Up Audiences", ["Categories"] = "F/M",
            ["Relationships"] = "Ann/Bob", ["Characters"] = "Ann, Bob", ["AdditionalTags"] = "Rain, Buses, Slow Burn", ["ExpectedChapters"] = "2",
            ["Summary"] = "Ann misses the bus. Bob doesn't.", ["Body"] = "The bus pulled away just as Ann reached the stop.\n\nShe sat down.",
        }));
        await author.AddChapterAsync(id, new() { ["Body"] = "The next morning." });

        // Screenshots to look at, not compared.
        var shots = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "archive-screens")).FullName;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFactory.LaunchChromiumAsync(playwright);
        var phone = await SignedUpPageAsync(browser, "phone_reader");
        await phone.SetViewportSizeAsync(375, 667);
        await phone.GotoAsync($"/works/{id}/chapters/1");
        var text = await phone.Locator(".chapter .userstuff.body p").First.BoundingBoxAsync();
        await phone.ScreenshotAsync(new() { Path = Path.Combine(shots, "work-375.png") });
        Assert.True(text!.Y + text.Height <= 667, $"The story's first paragraph ends at {text.Y + text.Height}px, below the first screen (667px).");

        // Listing filters wait behind a button above the results.
        await phone.GotoAsync("/tags/Phone%20Fandom/works");
        var button = phone.Locator("details.filters-toggle > summary");
        Assert.True((await button.BoundingBoxAsync())!.Y < (await phone.Locator("li.blurb").First.BoundingBoxAsync())!.Y);
        await Assertions.Expect(phone.Locator("form.filters")).ToBeHiddenAsync();
        await phone.ScreenshotAsync(new() { Path = Path.Combine(shots, "listing-375.png") });
        await button.ClickAsync();
        await Assertions.Expect(phone.Locator("form.filters")).ToBeVisibleAsync();

        // On a desktop the header is one row, the menu opens below it, and the filters stand beside the results.
        var desk = await SignedUpPageAsync(browser, "desk_reader");
        await desk.SetViewportSizeAsync(1100, 900);
        await desk.GotoAsync("/tags/Phone%20Fandom/works");
        await Assertions.Expect(desk.Locator("form.filters")).ToBeVisibleAsync();
        await Assertions.Expect(desk.Locator("details.filters-toggle > summary")).ToBeHiddenAsync();
        var tops = new List<float>();
        foreach (var part in new[] { "header.site .brand", "header.site ul.site-links li:last-child a", "header.site details.user-menu > summary" })
            tops.Add((await desk.Locator(part).BoundingBoxAsync())!.Y);
        Assert.True(tops.Max() - tops.Min() < 10, $"The header's parts start at {string.Join(", ", tops)}px: more than one row.");
        await desk.Locator("header.site details.user-menu > summary").ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Link, new() { Name = "Preferences" })).ToBeVisibleAsync();
        await desk.ScreenshotAsync(new() { Path = Path.Combine(shots, "listing-menu-1100.png") });
        await desk.GotoAsync($"/works/{id}/chapters/1");
        await desk.ScreenshotAsync(new() { Path = Path.Combine(shots, "work-1100.png") });
    }

    async Task<IPage> SignedUpPageAsync(IBrowser browser, string userName)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseUrl });
        await page.GotoAsync("/signup");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Email").FillAsync(userName + "@example.org");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("a long password");
        await page.GetByLabel("Confirm password").FillAsync("a long password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        return page;
    }

    [Fact]
    public async Task A_reader_filters_a_tag_page_by_a_relationship_and_a_rating_then_opens_a_result()
    {
        var author = await app.NewVisitor().SignUpAsync();
        await author.PostWorkAsync(new() { ["Title"] = "Filter Mature", ["Fandoms"] = "Due South", ["Relationships"] = "Benton Fraser/Ray Kowalski", ["Rating"] = "Mature" });
        await author.PostWorkAsync(new() { ["Title"] = "Filter Explicit", ["Fandoms"] = "Due South", ["Relationships"] = "Benton Fraser/Ray Kowalski", ["Rating"] = "Explicit" });
        await author.PostWorkAsync(new() { ["Title"] = "Filter Gen", ["Fandoms"] = "Due South", ["Relationships"] = "Benton Fraser & Diefenbaker" });

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFactory.LaunchChromiumAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseUrl });
        await page.GotoAsync("/fandoms");
        // The class shares one database: other journeys post in other fandoms so this count is theirs alone.
        await page.GetByRole(AriaRole.Link, new() { Name = "Due South" }).ClickAsync();
        await Assertions.Expect(page.Locator("li.blurb")).ToHaveCountAsync(3);

        var filters = page.Locator("form.filters");
        await filters.GetByRole(AriaRole.Group, new() { Name = "Include Relationships" }).GetByLabel("Benton Fraser/Ray Kowalski (2)").CheckAsync();
        await filters.GetByRole(AriaRole.Group, new() { Name = "Exclude Rating" }).GetByLabel("Explicit (1)").CheckAsync();
        await filters.GetByRole(AriaRole.Button, new() { Name = "Sort and Filter" }).ClickAsync();

        await Assertions.Expect(page.Locator("li.blurb")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync("1 – 1 of 1 works");
        Assert.Contains("include=Benton%20Fraser%2FRay%20Kowalski", page.Url.Replace("+", "%20"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Filter Mature" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Yes, continue" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1.title")).ToHaveTextAsync("Filter Mature");
    }

    [Fact]
    public async Task The_posting_form_suggests_canonical_tags_from_the_keyboard()
    {
        var author = await app.NewVisitor().SignUpAsync();
        await author.PostWorkAsync(new() { ["Title"] = "Seed", ["Fandoms"] = "Stargate Atlantis" });
        await using (var scope = app.Services.CreateAsyncScope())
            await Archive.Web.Commands.TagsCommand.RunAsync(scope.ServiceProvider, ["canonical", "Stargate Atlantis"], TextWriter.Null, TextWriter.Null);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFactory.LaunchChromiumAsync(playwright);
        var page = await SignedUpPageAsync(browser, "keyboard_writer");
        await page.GotoAsync("/works/new");
        var fandoms = page.GetByRole(AriaRole.Combobox, new() { Name = "Fandoms (at least one)" });
        await fandoms.PressSequentiallyAsync("Due South, starg");
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "Stargate Atlantis" })).ToBeVisibleAsync();
        await fandoms.PressAsync("ArrowDown");
        await fandoms.PressAsync("Enter");
        await Assertions.Expect(fandoms).ToHaveValueAsync("Due South, Stargate Atlantis, ");
        await Assertions.Expect(page.GetByRole(AriaRole.Listbox)).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_guest_comment_on_a_screened_work_waits_until_the_author_approves_it_from_the_inbox()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFactory.LaunchChromiumAsync(playwright);
        var author = await SignedUpPageAsync(browser, "screening_author");
        await author.GotoAsync("/works/new");
        await author.GetByLabel("Rating").SelectOptionAsync("Not Rated");
        await author.GetByLabel("No Archive Warnings Apply").CheckAsync();
        await author.GetByLabel("Fandoms (at least one)").FillAsync("The Sentinel");
        await author.GetByLabel("Work title").FillAsync("Quiet Comments");
        await author.GetByLabel("Screen comments: I approve each one before others see it").CheckAsync();
        await author.GetByLabel("Work text").FillAsync("A short story.");
        await author.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        var workUrl = author.Url;

        var guest = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseUrl });
        await guest.GotoAsync(workUrl);
        await guest.GetByRole(AriaRole.Link, new() { Name = "Yes, continue" }).ClickAsync();
        await guest.GetByLabel("Your name").FillAsync("Kind Stranger");
        await guest.GetByLabel("Your email (never shown)").FillAsync("kind@example.org");
        await guest.GetByLabel("Comment (HTML allowed", new() { Exact = false }).First.FillAsync("This made my day.");
        await guest.GetByRole(AriaRole.Button, new() { Name = "Comment", Exact = true }).ClickAsync();
        await Assertions.Expect(guest.Locator(".notice")).ToHaveTextAsync("Your comment was posted and is awaiting approval by the work's creators.");

        var reader = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseUrl });
        await reader.GotoAsync(workUrl + "?view_adult=true");
        await Assertions.Expect(reader.Locator("h1.title")).ToHaveTextAsync("Quiet Comments");
        await Assertions.Expect(reader.GetByText("This made my day.")).ToHaveCountAsync(0);

        // The author's page was loaded before the comment came: a fresh one counts it.
        await author.ReloadAsync();
        await author.Locator("header.site details.user-menu > summary").ClickAsync();
        var inbox = author.Locator("header.site details.user-menu a[href='/inbox']");
        await Assertions.Expect(inbox).ToHaveAccessibleNameAsync("Inbox (1 unread)");
        await inbox.ClickAsync();
        await Assertions.Expect(author.Locator("li.inbox-item")).ToContainTextAsync("Awaiting approval");
        await author.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(author.Locator("li.inbox-item")).Not.ToContainTextAsync("Awaiting approval");

        await reader.ReloadAsync();
        await Assertions.Expect(reader.GetByText("This made my day.")).ToBeVisibleAsync();
        await Assertions.Expect(reader.Locator("#comments")).ToContainTextAsync("Kind Stranger");
    }

    [Fact]
    public async Task A_reader_leaves_kudos_bookmarks_with_a_note_subscribes_and_downloads_the_epub()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFactory.LaunchChromiumAsync(playwright);
        var author = await SignedUpPageAsync(browser, "keeping_author");
        await author.GotoAsync("/works/new");
        await author.GetByLabel("Rating").SelectOptionAsync("General Audiences");
        await author.GetByLabel("No Archive Warnings Apply").CheckAsync();
        await author.GetByLabel("Fandoms (at least one)").FillAsync("Slings and Arrows");
        await author.GetByLabel("Work title").FillAsync("Keep Me");
        await author.GetByLabel("Work text").FillAsync("A story worth keeping.");
        await author.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        var workUrl = author.Url;

        var reader = await SignedUpPageAsync(browser, "keeping_reader");
        await reader.GotoAsync(workUrl);
        await reader.GetByRole(AriaRole.Button, new() { Name = "Kudos ♥" }).ClickAsync();
        await Assertions.Expect(reader.Locator(".notice")).ToHaveTextAsync("Thank you for leaving kudos!");
        await Assertions.Expect(reader.Locator(".kudos-list")).ToContainTextAsync("keeping_reader left kudos on this work!");

        await reader.GetByRole(AriaRole.Link, new() { Name = "Bookmark" }).First.ClickAsync();
        await reader.GetByLabel("Notes").FillAsync("Read this on the train.");
        await reader.GetByLabel("Rec: I recommend this work").CheckAsync();
        await reader.GetByRole(AriaRole.Button, new() { Name = "Save bookmark" }).ClickAsync();
        await Assertions.Expect(reader.Locator(".notice")).ToHaveTextAsync("Bookmark saved.");
        await Assertions.Expect(reader.Locator("li.bookmark blockquote")).ToHaveTextAsync("Read this on the train.");

        await reader.GotoAsync(workUrl);
        await reader.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        await Assertions.Expect(reader.Locator(".notice")).ToHaveTextAsync("Subscribed: updates will appear on your subscriptions page.");

        var download = await reader.RunAndWaitForDownloadAsync(() => reader.GetByRole(AriaRole.Link, new() { Name = "EPUB" }).ClickAsync());
        Assert.Equal("Keep_Me.epub", download.SuggestedFilename);
        var path = await download.PathAsync();
        using var book = System.IO.Compression.ZipFile.OpenRead(path!);
        Assert.Equal("application/epub+zip", new StreamReader(book.GetEntry("mimetype")!.Open()).ReadToEnd());
        Assert.Contains(book.Entries, e => e.FullName.EndsWith("nav.xhtml"));
    }

    [Fact]
    public async Task A_maintainer_runs_a_small_gift_exchange_from_sign_ups_to_the_reveal()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFactory.LaunchChromiumAsync(playwright);
        var owner = await SignedUpPageAsync(browser, "snow_mod");
        await owner.GotoAsync("/collections/new");
        await owner.GetByLabel("Name", new() { Exact = true }).FillAsync("snowflake");
        await owner.GetByLabel("Title", new() { Exact = true }).FillAsync("Snowflake Exchange");
        await owner.GetByLabel("Anonymous: creators").CheckAsync();
        await owner.GetByLabel("Unrevealed: works").CheckAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = "Create collection" }).ClickAsync();
        await Assertions.Expect(owner.GetByText("Collection was successfully created.")).ToBeVisibleAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = "Set up a gift exchange or prompt meme" }).ClickAsync();
        await owner.GetByLabel("Sign-ups are open").CheckAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = "Set up challenge" }).ClickAsync();
        await Assertions.Expect(owner.GetByText("The challenge's settings are saved.")).ToBeVisibleAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = "Tag set" }).ClickAsync();
        await owner.GetByLabel("Tags, separated by commas").FillAsync("Smallville, Due South, Stargate Atlantis");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Assertions.Expect(owner.GetByText("Added to the tag set.")).ToBeVisibleAsync();

        // Each asks for one fandom and offers the next: a ring of three.
        var people = new List<(IPage Page, string Name, string Request, string Offer)>();
        foreach (var (name, request, offer) in new[] { ("snow_a", "Smallville", "Due South"), ("snow_b", "Due South", "Stargate Atlantis"), ("snow_c", "Stargate Atlantis", "Smallville") })
        {
            var page = await SignedUpPageAsync(browser, name);
            await page.GotoAsync("/collections/snowflake");
            await page.GetByRole(AriaRole.Link, new() { Name = "Sign up" }).ClickAsync();
            await page.Locator("#Requests-0-Fandoms").FillAsync(request);
            await page.Locator("#Offers-0-Fandoms").FillAsync(offer);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
            await Assertions.Expect(page.GetByText("You are signed up.")).ToBeVisibleAsync();
            people.Add((page, name, request, offer));
        }

        await owner.GotoAsync("/collections/snowflake");
        await owner.GetByRole(AriaRole.Link, new() { Name = "Matching" }).ClickAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = "Generate matches" }).ClickAsync();
        await Assertions.Expect(owner.GetByText("Matched 3 of 3 sign-ups.")).ToBeVisibleAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = "Send assignments" }).ClickAsync();
        await Assertions.Expect(owner.GetByText("Sent 3 assignments.")).ToBeVisibleAsync();

        foreach (var (page, name, _, offer) in people)
        {
            await page.GotoAsync("/inbox");
            await page.GetByRole(AriaRole.Link, new() { Name = "1 gift exchange assignment to write" }).ClickAsync();
            await page.Locator("li.assignment a").First.ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Post your gift" }).ClickAsync();
            await page.GetByLabel("Rating").SelectOptionAsync("General Audiences");
            await page.GetByLabel("No Archive Warnings Apply").CheckAsync();
            await page.GetByLabel("Fandoms (at least one)").FillAsync(offer);
            await page.GetByLabel("Work title").FillAsync($"Gift from {name}");
            await page.GetByLabel("Work text").FillAsync("Snow fell all night.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByText("Work was successfully posted.")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".preface .gifts")).ToContainTextAsync("For ");
        }

        var guest = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseUrl });
        await guest.GotoAsync("/collections/snowflake/works");
        await Assertions.Expect(guest.GetByText("3 mystery works will be listed when the collection is revealed.")).ToBeVisibleAsync();
        await Assertions.Expect(guest.Locator("li.blurb")).ToHaveCountAsync(0);

        await owner.GotoAsync("/collections/snowflake");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Reveal" }).ClickAsync();
        await Assertions.Expect(owner.GetByText("The collection's works and their creators are revealed.")).ToBeVisibleAsync();

        await guest.GotoAsync("/collections/snowflake/works");
        await Assertions.Expect(guest.Locator("li.blurb")).ToHaveCountAsync(3);
        foreach (var (_, name, _, _) in people)
            await Assertions.Expect(guest.Locator("li.blurb", new() { HasText = $"Gift from {name}" }).Locator(".heading")).ToContainTextAsync($"by {name}");
    }
}
