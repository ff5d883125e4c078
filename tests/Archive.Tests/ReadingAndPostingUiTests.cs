using Archive.Tests.Infrastructure;
using Archive.Web.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests;

/// <summary>What issue 14 found awkward: the header's links, blurbs' symbols, the filters, the posting form, the chapter index and the entire work's comments.</summary>
public class ReadingAndPostingUiTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    static List<string> MenuLinks(Page page) => page.FindAll("header.site details.user-menu li a").Select(a => a.TextContent.Trim()).ToList();

    async Task GrantAsync(ArchiveClient user, string role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(0, await AdminCommand.RunAsync(scope.ServiceProvider, ["grant", user.UserName!, role], TextWriter.Null, TextWriter.Null));
    }

    [Fact]
    public async Task A_signed_in_reader_finds_their_links_in_one_menu_with_the_inbox_count()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Much Discussed" }));
        var reader = await app.NewVisitor().SignUpAsync();
        await reader.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", "Loved it")]);
        await app.NewVisitor().SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("GuestName", "Kim"), new("GuestEmail", "kim@example.org"), new("Body", "Me too")]);
        // A gift is news in the inbox too.
        var giftWork = ArchiveClient.WorkId(await reader.PostWorkAsync(new() { ["Title"] = "For You", ["GiftTo"] = author.UserName! }));

        var home = await author.GetAsync("/");
        // The site's own links stand in the header; everything personal is in one menu, named by the user.
        Assert.Equal(["Works", "Fandoms", "Collections", "Search"], home.FindAll("header.site ul.site-links a").Select(a => a.TextContent));
        Assert.Equal(author.UserName + " (3 unread)", home.Find("header.site details.user-menu > summary")?.TextContent.Replace("Your menu, ", ""));
        Assert.Equal(["Your page", "Post new work", "Drafts", "Statistics", "Import", "Inbox (3 unread)", "History", "Subscriptions", "Invitations", "Blocklist", "Preferences", "Settings"], MenuLinks(home));
        Assert.Equal("Log out", home.Find("header.site details.user-menu form[action='/logout'] button")?.TextContent);
        Assert.Null(home.Find("header.site details.user-menu[open]"));

        // Reading a comment in the inbox counts it down; the count shows on a work page shared by many readers too.
        var commentId = (await author.GetAsync("/inbox")).Find("li.inbox-item")!.Id!.Replace("inbox_", "");
        await author.SubmitAsync("/inbox", $"/inbox/{commentId}/read", []);
        var other = await app.NewVisitor().SignUpAsync();
        for (var i = 0; i < 2; i++)
        {
            var shared = await author.GetAsync($"/works/{giftWork}");
            Assert.Equal("Inbox (2 unread)", MenuLinks(shared)[5]);
            Assert.Equal("Inbox", MenuLinks(await other.GetAsync($"/works/{giftWork}"))[5]);
            Assert.DoesNotContain("-slot", shared.Html);
        }

        // Moderation and wrangling only for those who do them.
        Assert.DoesNotContain("Moderation", MenuLinks(home));
        Assert.DoesNotContain("Wrangling", MenuLinks(home));
        var staff = await app.NewVisitor().SignUpAsync();
        await GrantAsync(staff, "moderator");
        await GrantAsync(staff, "wrangler");
        // Roles are read at log-in (and when the sign-in is next checked).
        var signedIn = app.NewVisitor();
        await signedIn.SubmitAsync("/login", "/login", [new("Login", staff.UserName!), new("Password", "correct horse battery")]);
        var staffLinks = (await signedIn.GetAsync("/works")).FindAll("header.site details.user-menu li a").ToList();
        Assert.Equal("/moderation", staffLinks.Single(l => l.TextContent == "Moderation").GetAttribute("href"));
        Assert.Equal("/wrangling", staffLinks.Single(l => l.TextContent == "Wrangling").GetAttribute("href"));

        // Guests have no menu.
        var guest = await app.NewVisitor().GetAsync("/");
        Assert.Null(guest.Find("details.user-menu"));
        Assert.Equal(["Works", "Fandoms", "Collections", "Search", "Log in", "Sign up"], guest.FindAll("header.site ul.site-links a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task Blurbs_show_the_four_required_symbols_with_text_alternatives()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var done = ArchiveClient.WorkId(await author.PostWorkAsync(new()
        {
            ["Title"] = "Finished Sad", ["Fandoms"] = "Symbol Key", ["Rating"] = "Explicit", ["Warnings"] = "Major Character Death", ["Categories"] = "F/M",
        }));
        // Two categories, no rating given to anyone, warnings left to the reader, more chapters to come.
        await author.SubmitAsync("/works/new", "/works/new", [new("Title", "Ongoing Many"), new("Fandoms", "Symbol Key"), new("Rating", "Not Rated"),
            new("Warnings", "Creator Chose Not To Use Archive Warnings"), new("Categories", "F/F"), new("Categories", "M/M"), new("ExpectedChapters", "?"), new("Body", "It begins.")]);

        var listing = await app.NewVisitor().GetAsync(Archive.Web.Tags.TagUrl.WorksPath("Symbol Key"));
        (List<string> Titles, List<string> Words, List<string> Letters, string Line) Symbols(string title)
        {
            var blurb = listing.FindAll("li.blurb").Single(b => b.QuerySelector(".heading a")!.TextContent == title);
            var squares = blurb.QuerySelectorAll("ul.required-symbols li.symbol").ToList();
            return (squares.Select(s => s.GetAttribute("title")!).ToList(), squares.Select(s => s.QuerySelector(".visually-hidden")!.TextContent).ToList(),
                squares.Select(s => s.QuerySelector("[aria-hidden=true]")!.TextContent).ToList(), blurb.QuerySelector(".required-tags")!.TextContent);
        }
        var finished = Symbols("Finished Sad");
        Assert.Equal(["Rating: Explicit", "Warnings: Major Character Death", "Category: F/M", "Complete work"], finished.Titles);
        Assert.Equal(finished.Titles, finished.Words);
        Assert.Equal(["E", "!", "F/M", "✓"], finished.Letters);
        Assert.Contains("F/M", finished.Line);
        var ongoing = Symbols("Ongoing Many");
        Assert.Equal(["Rating: Not Rated", "Warnings: Creator Chose Not To Use Archive Warnings", "Categories: F/F, M/M", "Work in progress"], ongoing.Titles);
        Assert.Equal(["?", "?", "Multi", "WIP"], ongoing.Letters);
        Assert.Equal("F/F, M/M", listing.FindAll("li.blurb").Single(b => b.TextContent.Contains("Ongoing Many")).QuerySelector(".required-tags .categories")?.TextContent);

        // The work's own page shows them beside its tags.
        var page = await app.NewVisitor().GetAsync($"/works/{done}?view_adult=true");
        Assert.Equal(finished.Titles, page.FindAll("article.work ul.required-symbols li.symbol").Select(s => s.GetAttribute("title")));
    }

    [Fact]
    public async Task The_exclude_filter_is_grouped_by_type_like_include()
    {
        var author = await app.NewVisitor().SignUpAsync();
        await author.PostWorkAsync(new() { ["Title"] = "Grouped One", ["Fandoms"] = "Grouping Fandom", ["Rating"] = "Mature", ["Characters"] = "Ann" });
        await author.PostWorkAsync(new() { ["Title"] = "Grouped Two", ["Fandoms"] = "Grouping Fandom", ["Characters"] = "Bea" });
        var listing = await app.NewVisitor().GetAsync(Archive.Web.Tags.TagUrl.WorksPath("Grouping Fandom"));
        // The listing's own fandom is included, so it is not offered for excluding.
        Assert.Equal(["Exclude Rating", "Exclude Archive Warnings", "Exclude Characters"],
            listing.FindAll("form.filters fieldset.exclude legend").Select(l => l.TextContent));
        var ratings = listing.FindAll("form.filters fieldset.exclude").First(f => f.QuerySelector("legend")!.TextContent == "Exclude Rating");
        Assert.Equal(["General Audiences (1)", "Mature (1)"], ratings.QuerySelectorAll("label").Select(l => l.TextContent.Trim()).Order());
        // On narrow screens the filters wait behind a button placed above the results.
        Assert.Equal("Sort and filter", listing.Find(".with-filters > details.filters-toggle:first-child > summary")?.TextContent);
    }

    [Fact]
    public async Task Posting_without_choosing_a_rating_says_so_and_links_to_the_field()
    {
        // The password rule shows before anyone gets it wrong.
        Assert.Equal("At least 8 characters.", (await app.NewVisitor().GetAsync("/signup")).Find("#password-rule")?.TextContent);

        var author = await app.NewVisitor().SignUpAsync();
        var form = await author.GetAsync("/works/new");
        Assert.Equal("Choose a rating", form.Find("#Rating option[selected]")?.TextContent);
        Assert.Equal("", form.Find("#Rating option[selected]")?.GetAttribute("value"));

        var refused = await author.SubmitAsync("/works/new", "/works/new", [new("Title", "Unrated"), new("Fandoms", "Smallville"), new("Body", "Words.")]);
        Assert.Equal("/works/new", refused.Url);
        const string message = "Please choose a rating (“Not Rated” if you'd rather not rate it).";
        Assert.Equal(message, refused.ErrorFor("Rating"));
        // The summary at the top links each message to its field, and is where focus goes (wwwroot/js/errors.js).
        var summary = refused.Find(".errors[tabindex='-1']")!;
        Assert.Equal("#Rating", summary.QuerySelectorAll("a").Single(a => a.TextContent == message).GetAttribute("href"));
        Assert.Contains(summary.QuerySelectorAll("a"), a => a.GetAttribute("href") == "#Warnings");
        Assert.All(summary.QuerySelectorAll("a"), a => Assert.NotNull(refused.Find(a.GetAttribute("href")!)));
        Assert.NotNull(refused.Find("script[src^='/js/errors.js']"));
        Assert.Equal("Unrated", refused.Value("Title"));

        // "Not Rated" is still a choice.
        var posted = await author.SubmitAsync("/works/new", "/works/new", [new("Title", "Unrated"), new("Fandoms", "Smallville"), new("Body", "Words."),
            new("Rating", "Not Rated"), new("Warnings", "No Archive Warnings Apply")]);
        Assert.Equal("Not Rated", (await author.GetAsync($"/works/{ArchiveClient.WorkId(posted)}?view_adult=true")).Find("dd.rating")?.TextContent.Trim());
    }

    [Fact]
    public async Task Chapter_index_shows_dates_and_landmarks_have_unique_labels()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Dated Chapters", ["ExpectedChapters"] = "2", ["NewSeriesTitle"] = "A Series" }));
        await author.AddChapterAsync(id, new() { ["Body"] = "The second chapter.", ["Title"] = "Later" });
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        foreach (var url in new[] { $"/works/{id}/chapters/1", $"/works/{id}?view_full_work=true" })
        {
            var page = await app.NewVisitor().GetAsync(url);
            var index = page.Find("nav.chapters details.chapter-index ol")!;
            Assert.Equal(["1. Chapter 1", "2. Later"], index.QuerySelectorAll("li a").Select(a => a.TextContent));
            Assert.All(index.QuerySelectorAll("li time"), t => Assert.Equal(today, t.GetAttribute("datetime")));
            Assert.Equal($"({today})", index.QuerySelector("li time")?.TextContent);
            // axe-core's landmark-unique: no two navigation landmarks share a name.
            var labels = page.FindAll("nav").Select(n => n.GetAttribute("aria-label")).ToList();
            Assert.Contains("Chapters", labels);
            Assert.Equal(labels.Count, labels.Distinct().Count());
        }
    }

    [Fact]
    public async Task The_entire_work_shows_its_comments()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Talked About Throughout", ["ExpectedChapters"] = "2" }));
        await author.AddChapterAsync(id, new() { ["Body"] = "The second chapter." });
        var reader = await app.NewVisitor().SignUpAsync();
        await reader.SubmitAsync($"/works/{id}/chapters/1", $"/works/{id}/chapters/1/comments", [new("Body", "About the first")]);
        await reader.SubmitAsync($"/works/{id}/chapters/2", $"/works/{id}/chapters/2/comments", [new("Body", "About the second")]);

        var full = $"/works/{id}?view_full_work=true";
        static List<string> Bodies(Page page) => page.FindAll("#comments li.comment > .userstuff").Select(b => b.TextContent.Trim()).ToList();
        var plain = await app.NewVisitor().SignUpAsync();
        foreach (var visitor in new[] { app.NewVisitor(), app.NewVisitor(), plain, plain })
        {
            var page = await visitor.GetAsync(full);
            Assert.Equal("Comments (2)", page.Find("#comments-heading")?.TextContent);
            Assert.Equal(["About the first", "About the second"], Bodies(page));
            Assert.Equal(["Chapter 1", "Chapter 2"], page.FindAll("#comments li.comment .on-chapter a").Select(a => a.TextContent));
            // A new comment goes on the first chapter; a reply on its comment's chapter.
            Assert.NotNull(page.Find($"#comment-form[action='/works/{id}/chapters/1/comments']"));
        }
        var second = (await plain.GetAsync(full)).FindAll("#comments li.comment").Single(c => c.TextContent.Contains("About the second")).Id!.Replace("comment_", "");
        Assert.NotNull((await plain.GetAsync(full)).Find($"#reply-{second}-form[action='/works/{id}/chapters/2/comments']"));
        await plain.SubmitAsync(full, $"/works/{id}/chapters/2/comments", [new("ParentId", second), new("Body", "Agreed")]);
        foreach (var visitor in new[] { app.NewVisitor(), reader })
            Assert.Equal(["About the first", "About the second", "Agreed"], Bodies(await visitor.GetAsync(full)));
        // Each chapter's page still shows its own.
        Assert.Equal(["About the first"], Bodies(await app.NewVisitor().GetAsync($"/works/{id}/chapters/1")));
    }
}
