using System.Net;
using Archive.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Archive.Tests;

public class BookmarkTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    [Fact]
    public async Task Readers_bookmark_with_notes_and_tags_once_per_work_and_private_ones_stay_private()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Keeper", ["Fandoms"] = "Bookmark Fandom" }));
        await author.PostWorkAsync(new() { ["Title"] = "Unkept", ["Fandoms"] = "Bookmark Fandom" });
        var reader = await app.NewVisitor().SignUpAsync();

        var saved = await reader.SubmitAsync($"/works/{id}/bookmark", $"/works/{id}/bookmark", [new("notes", "Read this <em>twice</em>."), new("tags", "comfort read, favourites"), new("isRec", "true")]);
        Assert.Equal("Bookmark saved.", saved.Find(".notice")?.TextContent);
        var mine = saved.Find("li.bookmark")!;
        Assert.Contains("Keeper", mine.TextContent);
        Assert.Contains("Rec", mine.TextContent);
        Assert.Equal(["comfort read", "favourites"], mine.QuerySelectorAll(".bookmark-tags li").Select(li => li.TextContent));
        Assert.Equal("<em>twice</em>", mine.QuerySelector("blockquote em")?.OuterHtml);

        // Bookmarking again edits the one bookmark.
        var again = await reader.GetAsync($"/works/{id}/bookmark");
        Assert.Equal("Read this <em>twice</em>.", again.Value("notes"));
        var updated = await reader.SubmitAsync($"/works/{id}/bookmark", $"/works/{id}/bookmark", [new("notes", "Read it three times now.")]);
        Assert.Equal("Bookmark updated.", updated.Find(".notice")?.TextContent);
        await using (var db = app.Database())
            Assert.Equal(1, await db.Bookmarks.CountAsync(b => b.WorkId == id));

        var work = await app.NewVisitor().GetAsync($"/works/{id}");
        Assert.Equal("1", work.Find("dd.bookmarks")?.TextContent.Trim());
        Assert.Contains("Read it three times now.", (await app.NewVisitor().GetAsync($"/works/{id}/bookmarks")).Text);
        Assert.Equal(["Keeper", "Unkept"], (await app.NewVisitor().GetAsync("/tags/Bookmark Fandom/works?sort=bookmarks")).FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent));
        Assert.Contains("\"bookmarks\":1", await app.NewVisitor().Http.GetStringAsync($"/api/works/{id}"));

        await reader.SubmitAsync($"/works/{id}/bookmark", $"/works/{id}/bookmark", [new("notes", "Secret now."), new("isPrivate", "true")]);
        Assert.DoesNotContain("Secret now.", (await app.NewVisitor().GetAsync($"/users/{reader.UserName}/bookmarks")).Text);
        Assert.DoesNotContain("Secret now.", (await app.NewVisitor().GetAsync($"/works/{id}/bookmarks")).Text);
        Assert.Contains("Secret now.", (await reader.GetAsync($"/users/{reader.UserName}/bookmarks")).Text);
        Assert.Equal("0", (await app.NewVisitor().GetAsync($"/works/{id}")).Find("dd.bookmarks")?.TextContent.Trim());

        var bookmarkId = (await reader.GetAsync($"/users/{reader.UserName}/bookmarks")).Find("li.bookmark")!.Id!.Replace("bookmark_", "");
        var stranger = await app.NewVisitor().SignUpAsync();
        var token = await stranger.TokenAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsync($"/bookmarks/{bookmarkId}/delete", [new("__RequestVerificationToken", token)])).Status);
        var tooLong = await reader.SubmitAsync($"/works/{id}/bookmark", $"/works/{id}/bookmark", [new("notes", new string('n', 5001))]);
        Assert.Equal("Bookmark notes must be 5,000 characters or fewer (it is 5,001).", tooLong.ErrorFor("notes"));
        var deleted = await reader.SubmitAsync($"/users/{reader.UserName}/bookmarks", $"/bookmarks/{bookmarkId}/delete", []);
        Assert.Equal("Bookmark deleted.", deleted.Find(".notice")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await app.NewVisitor().Http.GetAsync($"/works/{id}/bookmark")).StatusCode);
    }

    [Fact]
    public async Task Bookmarks_filter_by_their_works_tags_the_bookmarkers_tags_and_recs_and_the_url_keeps_the_filters()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var fandom = $"Filter Fandom {Guid.NewGuid():N}"[..24];
        var ids = new Dictionary<string, int>();
        foreach (var (title, relationship, rating) in new[] { ("Rec Fluff", "Ray/Fraser", "General Audiences"), ("Angsty", "Ray/Fraser", "Mature"), ("Other Pair", "Thatcher/Welsh", "General Audiences") })
            ids[title] = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = title, ["Fandoms"] = fandom, ["Relationships"] = relationship, ["Rating"] = rating }));
        var reader = await app.NewVisitor().SignUpAsync();
        await reader.SubmitAsync($"/works/{ids["Rec Fluff"]}/bookmark", $"/works/{ids["Rec Fluff"]}/bookmark", [new("tags", "comfort"), new("isRec", "true"), new("notes", "Lovely.")]);
        await reader.SubmitAsync($"/works/{ids["Angsty"]}/bookmark", $"/works/{ids["Angsty"]}/bookmark", [new("tags", "sad")]);
        await reader.SubmitAsync($"/works/{ids["Other Pair"]}/bookmark", $"/works/{ids["Other Pair"]}/bookmark", [new("tags", "comfort")]);
        static List<string> Titles(Page page) => page.FindAll("li.bookmark li.blurb .heading a[href^='/works/']").Select(a => a.TextContent).ToList();
        var mine = $"/users/{reader.UserName}/bookmarks";

        Assert.Equal(["Other Pair", "Angsty", "Rec Fluff"], Titles(await app.NewVisitor().GetAsync(mine)));
        Assert.Equal(["Angsty", "Rec Fluff"], Titles(await app.NewVisitor().GetAsync($"{mine}?include=Ray/Fraser")));
        Assert.Equal(["Rec Fluff"], Titles(await app.NewVisitor().GetAsync($"{mine}?include=Ray/Fraser&exclude=Mature")));
        Assert.Equal(["Rec Fluff"], Titles(await app.NewVisitor().GetAsync($"{mine}?rec=1")));
        Assert.Equal(["Rec Fluff"], Titles(await app.NewVisitor().GetAsync($"{mine}?notes=1")));
        Assert.Equal(["Angsty", "Other Pair", "Rec Fluff"], Titles(await app.NewVisitor().GetAsync($"{mine}?sort=title")));

        // A bookmarker's tag is a link that adds itself to the filters already chosen.
        var filtered = await app.NewVisitor().GetAsync($"{mine}?include=Ray/Fraser");
        var comfort = filtered.FindAll(".bookmark-tags a").First(a => a.TextContent == "comfort").GetAttribute("href")!;
        Assert.Contains("bookmark_tag=comfort", comfort);
        Assert.Equal(["Rec Fluff"], Titles(await app.NewVisitor().GetAsync(comfort)));
        Assert.Equal("Ray/Fraser", (await app.NewVisitor().GetAsync(comfort)).Value("include"));

        // A tag's bookmarks, and bad filter values explained rather than failing.
        Assert.Equal(["Angsty", "Rec Fluff"], Titles(await app.NewVisitor().GetAsync("/tags/Ray*s*Fraser/bookmarks")));
        var odd = await app.NewVisitor().GetAsync($"{mine}?sort=sideways&include=No Such Tag");
        Assert.Empty(Titles(odd));
        Assert.Contains("Ignored sort “sideways”: that isn't a value this filter understands.", odd.FindAll(".errors").Select(e => e.TextContent));
        Assert.Contains("There is no tag “No Such Tag” yet.", odd.FindAll(".errors").Select(e => e.TextContent));
        Assert.Contains(odd.FindAll("p"), p => p.TextContent == "No bookmarks match these filters.");
    }
}
