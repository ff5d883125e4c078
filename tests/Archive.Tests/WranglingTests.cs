using System.Net;
using Archive.Tests.Infrastructure;
using Archive.Web.Commands;
using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests;

public class WranglingTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    async Task RunAsync(Func<IServiceProvider, TextWriter, TextWriter, Task<int>> command)
    {
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(0, await command(scope.ServiceProvider, TextWriter.Null, TextWriter.Null));
    }

    [Fact]
    public async Task Only_wranglers_may_wrangle_and_readers_are_refused_by_the_server()
    {
        var author = await app.NewVisitor().SignUpAsync();
        await author.PostWorkAsync(new() { ["Title"] = "Guarded", ["Fandoms"] = "Blake's 7", ["Characters"] = "Avon" });
        await RunAsync((s, o, e) => TagsCommand.RunAsync(s, ["canonical", "Blake's 7"], o, e));

        var reader = await app.NewVisitor().SignUpAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/wrangling")).Status);
        var page = await reader.GetAsync("/tags/Blake's 7/wrangle");
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("Only tag wranglers can wrangle tags.", page.Text);
        var token = await reader.TokenAsync();
        var forged = await reader.PostAsync("/tags/Blake's 7/wrangle", [new("__RequestVerificationToken", token), new("tags", "Avon"), new("action", "canonical")]);
        Assert.Equal(HttpStatusCode.Forbidden, forged.Status);
        Assert.Contains("not yet wrangled", (await app.NewVisitor().GetAsync("/tags/Avon")).Find(".tag-kind")?.TextContent);

        var guest = await app.NewVisitor().Http.GetAsync("/wrangling");
        Assert.Equal(HttpStatusCode.Redirect, guest.StatusCode);

        // Granting takes effect without logging in again; revoking too.
        await RunAsync((s, o, e) => AdminCommand.RunAsync(s, ["grant", reader.UserName!, "wrangler"], o, e));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/tags/Blake's 7/wrangle")).Status);
        await RunAsync((s, o, e) => AdminCommand.RunAsync(s, ["revoke", reader.UserName!, "wrangler"], o, e));
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/tags/Blake's 7/wrangle")).Status);
    }

    [Fact]
    public async Task A_wrangler_approves_suggestions_and_wrangles_in_bulk()
    {
        var author = await app.NewVisitor().SignUpAsync();
        await author.PostWorkAsync(new() { ["Title"] = "Canon", ["Fandoms"] = "Smallville", ["Characters"] = "Clark Kent, Lex Luthor", ["Relationships"] = "Clark Kent/Lex Luthor" });
        await author.PostWorkAsync(new() { ["Title"] = "Fanon", ["Fandoms"] = "Smallville", ["Characters"] = "Clark, Chloe Sullivan", ["Relationships"] = "Clark/Lex", ["AdditionalTags"] = "Angst, Hurt and Comfort" });
        foreach (var name in new[] { "Smallville", "Clark Kent", "Lex Luthor", "Clark Kent/Lex Luthor" })
            await RunAsync((s, o, e) => TagsCommand.RunAsync(s, ["canonical", name], o, e));
        var wrangler = await app.NewVisitor().SignUpAsync();
        await RunAsync((s, o, e) => AdminCommand.RunAsync(s, ["grant", wrangler.UserName!, "wrangler"], o, e));

        var index = await wrangler.GetAsync("/wrangling");
        Assert.Contains("Smallville (5 unwrangled)", index.Text);
        var page = await wrangler.GetAsync("/tags/Smallville/wrangle");
        var suggestions = page.FindAll(".suggestions li").Select(l => string.Join(" ", l.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Contains("“Clark” → “Clark Kent” Approve", suggestions);
        Assert.Contains("“Clark/Lex” → “Clark Kent/Lex Luthor” Approve", suggestions);

        var approve = page.FindAll(".suggestions form").First(f => f.TextContent.Contains("“Clark/Lex”"));
        var approved = await wrangler.SubmitAsync("/tags/Smallville/wrangle", "/tags/Smallville/wrangle",
            approve.QuerySelectorAll("input[type=hidden]").Where(i => i.GetAttribute("name") != "__RequestVerificationToken").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!)).Append(new("action", "synonym")));
        Assert.Equal("“Clark/Lex” is now a synonym of “Clark Kent/Lex Luthor”.", approved.Find(".notice")?.TextContent);
        var titles = (await app.NewVisitor().GetAsync("/tags/Clark Kent*s*Lex Luthor/works")).FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent);
        Assert.Equal(["Fanon", "Canon"], titles);
        // Listings sorted by a count read each work's tags from beside its counts: the copy follows the wrangling.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ArchiveDbContext>();
            Assert.Equal(0, await db.Database.SqlQuery<int>($"""
                SELECT count(*)::int AS "Value" FROM works w JOIN work_stats s ON s.work_id = w.id WHERE s.filter_tag_ids IS DISTINCT FROM w.filter_tag_ids
                """).SingleAsync());
            Assert.True(await db.WorkStats.CountAsync(s => s.FilterTagIds.Length > 0) >= 2);
        }

        var bulk = await wrangler.SubmitAsync("/tags/Smallville/wrangle", "/tags/Smallville/wrangle", [new("tags", "Angst"), new("tags", "Hurt and Comfort"), new("action", "canonical")]);
        Assert.Equal("“Angst” is now canonical. “Hurt and Comfort” is now canonical.", bulk.Find(".notice")?.TextContent);
        var parent = await wrangler.SubmitAsync("/tags/Smallville/wrangle", "/tags/Smallville/wrangle", [new("tags", "Clark Kent"), new("action", "parent")]);
        Assert.Equal("“Clark Kent” now belongs to “Smallville”.", parent.Find(".notice")?.TextContent);
        var refused = await wrangler.SubmitAsync("/tags/Smallville/wrangle", "/tags/Smallville/wrangle", [new("tags", "Clark"), new("action", "synonym"), new("synonymOf", "Angst")]);
        Assert.Equal("“Clark” is a character tag but “Angst” is an additional tag; a synonym must be of the same type.", refused.Find(".notice")?.TextContent);
        var token = await wrangler.TokenAsync();
        var nothing = await wrangler.PostAsync("/tags/Smallville/wrangle", [new("__RequestVerificationToken", token), new("action", "canonical")]);
        Assert.Equal("Tick at least one tag to wrangle.", nothing.Find(".notice")?.TextContent);
    }
}
