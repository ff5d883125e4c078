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
        Assert.Equal(["Your page", "Post new work", "Drafts", "Import", "Inbox (3 unread)", "History", "Subscriptions", "Invitations", "Blocklist", "Preferences", "Settings"], MenuLinks(home));
        Assert.Equal("Log out", home.Find("header.site details.user-menu form[action='/logout'] button")?.TextContent);
        Assert.Null(home.Find("header.site details.user-menu[open]"));

        // Reading a comment in the inbox counts it down; the count shows on a work page shared by many readers too.
        var commentId = (await author.GetAsync("/inbox")).Find("li.inbox-item")!.Id!.Replace("inbox_", "");
        await author.SubmitAsync("/inbox", $"/inbox/{commentId}/read", []);
        var other = await app.NewVisitor().SignUpAsync();
        for (var i = 0; i < 2; i++)
        {
            var shared = await author.GetAsync($"/works/{giftWork}");
            Assert.Equal("Inbox (2 unread)", MenuLinks(shared)[4]);
            Assert.Equal("Inbox", MenuLinks(await other.GetAsync($"/works/{giftWork}"))[4]);
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
}
