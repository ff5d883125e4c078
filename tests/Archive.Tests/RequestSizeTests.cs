using System.Net;
using Archive.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Archive.Tests;

/// <summary>What a request may send depends on what its form is for: a whole chapter is large, a comment small.</summary>
public class RequestSizeTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    [Fact]
    public async Task A_chapter_as_long_as_the_archive_allows_posts_in_any_script()
    {
        // 500,000 characters of Japanese: 4.5 MB as a browser encodes the form (9 bytes a character).
        var body = string.Concat(Enumerable.Repeat("語り", 250_000));
        var author = await app.NewVisitor().SignUpAsync();
        var posted = await author.PostWorkAsync(new() { ["Title"] = "長い話", ["Body"] = body, ["Language"] = "日本語" });
        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.Matches(@"^/works/\d+", posted.Url);
        await using var db = app.Database();
        var id = ArchiveClient.WorkId(posted);
        Assert.Equal(body.Length, await db.Chapters.Where(c => c.WorkId == id).Select(c => c.BodySource.Length).SingleAsync());

        // A second chapter as long, too.
        var chapter = await author.AddChapterAsync(id, new() { ["Body"] = body });
        Assert.Equal(HttpStatusCode.OK, chapter.Status);
        Assert.Equal(2, await db.Chapters.CountAsync(c => c.WorkId == id));
    }

    [Fact]
    public async Task A_comment_far_longer_than_a_comment_may_be_is_refused_unread_with_a_page_saying_why()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Commented on" }));
        var reader = await app.NewVisitor().SignUpAsync();

        var refused = await reader.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", new string('a', 300_000))]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.Status);
        Assert.Equal("That was too much to send", refused.Find("h1")?.TextContent);
        Assert.Contains("more than this form accepts (128 KB), so nothing was saved", refused.Text);
        Assert.Contains("Back button returns to the form with what you wrote", refused.Text);

        // Just over a comment's length is within what the form may send: the form says what is wrong, keeping the text.
        var tooLong = await reader.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", new string('b', 10_001))]);
        Assert.Contains("Comments must be 10,000 characters or fewer", tooLong.Text);
        await using var db = app.Database();
        Assert.False(await db.Comments.AnyAsync(c => c.WorkId == id));
    }

    [Fact]
    public async Task An_ordinary_form_sent_megabytes_is_refused_and_the_settings_stay_as_they_were()
    {
        var reader = await app.NewVisitor().SignUpAsync();
        var refused = await reader.SubmitAsync("/preferences", "/preferences", [new("Padding", new string('x', 2_000_000))]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.Status);
        Assert.Contains("more than this form accepts (1 MB)", refused.Text);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/preferences")).Status);
    }
}
