using Archive.Tests.Infrastructure;
using Archive.Web.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests;

public class BlocklistTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    static List<string> Titles(Page page) => page.FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task A_blocked_tag_hides_its_works_from_every_listing_search_feed_and_count_for_that_reader_only()
    {
        var author = await app.NewVisitor().SignUpAsync("blocky_author");
        await author.PostWorkAsync(new() { ["Title"] = "Gentle Story", ["Fandoms"] = "Stargate", ["AdditionalTags"] = "Fluff", ["Body"] = "Quiet harbour." });
        await author.PostWorkAsync(new() { ["Title"] = "Sad Story", ["Fandoms"] = "Stargate", ["AdditionalTags"] = "Major Angst", ["Body"] = "Quiet harbour, rain." });
        await using (var scope = app.Services.CreateAsyncScope())
            await TagsCommand.RunAsync(scope.ServiceProvider, ["synonym", "Major Angst", "Angst"], TextWriter.Null, TextWriter.Null);

        var reader = await app.NewVisitor().SignUpAsync();
        // Blocking by a synonym's name blocks the canonical tag and all its spellings.
        var blocked = await reader.SubmitAsync("/blocklist", "/blocklist", [new("tag", "angst")]);
        Assert.Equal("Works tagged “Angst” are now hidden from your listings, searches, feeds and counts.", blocked.Find(".notice")?.TextContent);
        Assert.Equal("There is no tag called “Nonsense Tag” to block.", (await reader.SubmitAsync("/blocklist", "/blocklist", [new("tag", "Nonsense Tag")])).Find(".notice")?.TextContent);

        var other = app.NewVisitor();
        foreach (var url in new[] { "/", "/tags/Stargate/works", "/works/search?q=harbour", "/users/blocky_author" })
        {
            Assert.DoesNotContain("Sad Story", Titles(await reader.GetAsync(url)));
            Assert.Contains("Gentle Story", Titles(await reader.GetAsync(url)));
            Assert.Contains("Sad Story", Titles(await other.GetAsync(url)));
        }
        Assert.StartsWith("1 – 1 of 1 works", (await reader.GetAsync("/tags/Stargate/works")).Find("h1")?.TextContent);
        Assert.Contains("1 work", (await reader.GetAsync("/tags/Stargate")).Text);
        Assert.Contains("Stargate (1)", (await reader.GetAsync("/fandoms")).Text);
        Assert.Contains("Stargate (2)", (await other.GetAsync("/fandoms")).Text);
        Assert.DoesNotContain("Sad Story", await reader.Http.GetStringAsync("/tags/Stargate/feed.atom"));
        Assert.Contains("Sad Story", await other.Http.GetStringAsync("/tags/Stargate/feed.atom"));

        var unblocked = await reader.SubmitAsync("/blocklist", "/blocklist/remove", [new("tag", "Angst")]);
        Assert.Equal("You haven't blocked any tags.", unblocked.FindAll("main p").Select(p => p.TextContent).FirstOrDefault(t => t.StartsWith("You haven't")));
        Assert.Contains("Sad Story", Titles(await reader.GetAsync("/")));
    }
}
