using System.Net;
using Archive.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Archive.Tests;

public class RelatedWorkTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    static List<string> Inspired(Page page) => page.FindAll(".children li a[href^='/works/']").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task A_remix_names_its_original_at_once_and_the_original_lists_it_only_once_its_creator_approves()
    {
        var original = await app.NewVisitor().SignUpAsync();
        var originalId = ArchiveClient.WorkId(await original.PostWorkAsync(new() { ["Title"] = "I, Superhero" }));
        var remixer = await app.NewVisitor().SignUpAsync();
        var remix = await remixer.PostWorkAsync(new()
        {
            ["Title"] = "Superhero Blues", ["Related[0].Relation"] = "RemixOf", ["Related[0].Url"] = $"{app.Site}/works/{originalId}/chapters/1",
        });
        var remixId = ArchiveClient.WorkId(remix);
        var named = remix.Find(".preface .related")!;
        Assert.Equal($"A remix of I, Superhero by {original.UserName}", string.Join(" ", named.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal($"/works/{originalId}", named.QuerySelector("a")?.GetAttribute("href"));
        Assert.Empty(Inspired(await app.NewVisitor().GetAsync($"/works/{originalId}")));
        Assert.Contains($"<p>A remix of I, Superhero by {original.UserName}.</p>", await app.NewVisitor().Http.GetStringAsync($"/downloads/{remixId}/Superhero_Blues.html"));

        var inbox = await original.GetAsync("/inbox");
        Assert.Equal("1 work related to yours awaits your approval", inbox.Find(".news a[href='/related-works']")?.TextContent);
        var pending = await original.GetAsync("/related-works");
        Assert.Contains("Awaiting your approval", pending.Find("li.related-link")?.TextContent);
        var linkId = pending.Find("li.related-link form")!.GetAttribute("action")!.Split('/')[2];

        // Neither the remixer nor a stranger can approve it for the original's creator.
        foreach (var other in new[] { remixer, await app.NewVisitor().SignUpAsync() })
        {
            var refused = await other.PostAsync($"/related-works/{linkId}/approve", [new("__RequestVerificationToken", await other.TokenAsync())]);
            Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        }
        Assert.Empty(Inspired(await app.NewVisitor().GetAsync($"/works/{originalId}")));

        var approved = await original.SubmitAsync("/related-works", $"/related-works/{linkId}/approve", []);
        Assert.Equal("“Superhero Blues” is now listed under “Works inspired by this one”.", approved.Find(".notice")?.TextContent);
        var originalPage = await app.NewVisitor().GetAsync($"/works/{originalId}");
        Assert.Equal("Works inspired by this one:", originalPage.Find(".children h2")?.TextContent);
        Assert.Equal(["Superhero Blues"], Inspired(originalPage));
        Assert.Contains("(a remix)", originalPage.Find(".children li")?.TextContent);
        Assert.Null((await original.GetAsync("/inbox")).Find(".news a[href='/related-works']"));

        await original.SubmitAsync("/related-works", $"/related-works/{linkId}/decline", []);
        Assert.Empty(Inspired(await app.NewVisitor().GetAsync($"/works/{originalId}")));
        // The remix still says what it remixes.
        Assert.NotNull((await app.NewVisitor().GetAsync($"/works/{remixId}")).Find($".preface .related a[href='/works/{originalId}']"));
    }

    [Fact]
    public async Task A_work_inspired_by_its_own_creators_work_is_listed_without_asking_and_editing_keeps_the_approval()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var firstId = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "First Story" }));
        var sequelId = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Sequel", ["Related[0].Url"] = $"{app.Site}/works/{firstId}" }));
        Assert.Equal(["Sequel"], Inspired(await app.NewVisitor().GetAsync($"/works/{firstId}")));

        var edit = await author.GetAsync($"/works/{sequelId}/edit");
        Assert.Equal($"{app.Site}/works/{firstId}", edit.Value("Related[0].Url"));
        Assert.Equal("", edit.Value("Related[1].Url"));
        await author.SubmitAsync($"/works/{sequelId}/edit", $"/works/{sequelId}/edit", [new("Related[1].Title", "Pride and Prejudice"), new("Related[1].Author", "Jane Austen"),
            new("Related[1].Url", "https://www.gutenberg.org/ebooks/1342")]);
        Assert.Equal(["Sequel"], Inspired(await app.NewVisitor().GetAsync($"/works/{firstId}")));
        var sequel = await app.NewVisitor().GetAsync($"/works/{sequelId}");
        var outside = sequel.FindAll(".preface .related").Last();
        Assert.Equal("https://www.gutenberg.org/ebooks/1342", outside.QuerySelector("a")?.GetAttribute("href"));
        Assert.Contains("by Jane Austen", outside.TextContent);

        // Clearing a row removes that link.
        await author.SubmitAsync($"/works/{sequelId}/edit", $"/works/{sequelId}/edit", [new("Related[0].Url", "")]);
        Assert.Empty(Inspired(await app.NewVisitor().GetAsync($"/works/{firstId}")));
        Assert.Single((await app.NewVisitor().GetAsync($"/works/{sequelId}")).FindAll(".preface .related"));
    }

    [Fact]
    public async Task Bad_related_work_links_are_named_beside_the_row_and_the_form_keeps_what_was_typed()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var otherId = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Elsewhere" }));
        async Task<Page> Post(params (string Field, string Value)[] fields) =>
            await author.PostWorkAsync(new(fields.Select(f => new KeyValuePair<string, string>(f.Field, f.Value))) { ["Title"] = "Derivative" });

        var notWeb = await Post(("Related[0].Url", "javascript:alert(1)"), ("Related[0].Title", "Trap"));
        Assert.Equal("“javascript:alert(1)” is not a web address: it must start with http:// or https://.", notWeb.ErrorFor("Related[0].Url"));
        Assert.Equal("Trap", notWeb.Value("Related[0].Title"));
        Assert.Equal("Derivative", notWeb.Value("Title"));
        Assert.Equal("“ftp://example.org/story” is not a web address: it must start with http:// or https://.",
            (await Post(("Related[0].Url", "ftp://example.org/story"), ("Related[0].Title", "Old"))).ErrorFor("Related[0].Url"));
        Assert.Equal("Please give the related work's title.", (await Post(("Related[0].Url", "https://example.org/story"))).ErrorFor("Related[0].Url".Replace("Url", "Title")));
        var longAuthor = await Post(("Related[0].Title", "Elsewhere Story"), ("Related[0].Author", new string('a', 256)));
        Assert.Equal("The related work's author must be 255 characters or fewer.", longAuthor.ErrorFor("Related[0].Author"));
        Assert.Equal(new string('a', 256), longAuthor.Value("Related[0].Author"));
        Assert.Equal($"There is no work at {app.Site}/works/999999 on this archive.", (await Post(("Related[0].Url", $"{app.Site}/works/999999"))).ErrorFor("Related[0].Url"));
        Assert.Equal("“Elsewhere” is listed twice.", (await Post(("Related[0].Url", $"{app.Site}/works/{otherId}"), ("Related[1].Url", $"{app.Site}/works/{otherId}/chapters/1"))).ErrorFor("Related[1].Url"));
        var self = await author.SubmitAsync($"/works/{otherId}/edit", $"/works/{otherId}/edit", [new("Related[0].Url", $"{app.Site}/works/{otherId}")]);
        Assert.Equal("A work can't be related to itself.", self.ErrorFor("Related[0].Url"));

        await using var db = app.Database();
        Assert.Equal(0, await db.Works.CountAsync(w => w.Title == "Derivative"));
        // The database holds the same rules, whatever code writes to it.
        var badUrl = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlAsync(
            $"INSERT INTO related_works (work_id, relation, title, url, approval) VALUES ({otherId}, 1, 'Trap', 'javascript:alert(1)', 0)"));
        Assert.Equal(PostgresErrorCodes.CheckViolation, badUrl.SqlState);
    }
}
