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
        Assert.Equal("Bookmarker's tags: comfort read, favourites", mine.QuerySelector(".bookmark-tags")?.TextContent);
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
}
