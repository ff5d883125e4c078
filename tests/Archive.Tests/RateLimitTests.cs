using System.Net;
using Archive.Tests.Infrastructure;

namespace Archive.Tests;

public sealed class RealLimitsFactory : ArchiveFactory
{
    protected override bool KeepRateLimits => true;
}

public class RateLimitTests(RealLimitsFactory app) : IClassFixture<RealLimitsFactory>
{
    [Fact]
    public async Task Posting_too_many_comments_too_fast_gets_a_slow_down_page_that_keeps_the_text()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Popular" }));
        var reader = await app.NewVisitor().SignUpAsync();
        for (var i = 1; i <= 5; i++)
            Assert.Equal("Comment posted.", (await reader.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", $"Comment {i}")])).Find(".notice")?.TextContent);

        var slowed = await reader.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", "One too many <3")]);
        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.Status);
        Assert.Equal("Slow down", slowed.Find("h1")?.TextContent);
        Assert.Equal("One too many <3", slowed.Find("textarea")?.TextContent);
        Assert.InRange(slowed.Headers!.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);

        // Reading is never limited, and another account from the same address still has room (per address: 10).
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/works/{id}")).Status);
        var other = await app.NewVisitor().SignUpAsync();
        Assert.Equal("Comment posted.", (await other.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", "Different person")])).Find(".notice")?.TextContent);
    }
}

/// <summary>What costs the archive real work is limited per network address; what it has already made is not.</summary>
public class CostlyRequestLimitTests(RealLimitsFactory app) : IClassFixture<RealLimitsFactory>
{
    [Fact]
    public async Task Searching_too_often_from_one_address_is_slowed_down_and_told_when_to_try_again_but_kept_results_still_show()
    {
        var author = await app.NewVisitor().SignUpAsync();
        await author.PostWorkAsync(new() { ["Title"] = "Lighthouse keeping" });
        var guest = app.NewVisitor();
        var kept = await guest.GetAsync("/works/search?q=lighthouse");
        Assert.Equal("Lighthouse keeping", kept.Find("li.blurb .heading a[href^='/works/']")?.TextContent);

        // Thirty a minute (the first above among them): each different search runs a query.
        for (var i = 2; i <= 30; i++) Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync($"/works/search?q=harbour{i}")).Status);
        var slowed = await guest.GetAsync("/works/search?q=one+too+many");
        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.Status);
        Assert.Equal("Slow down", slowed.Find("h1")?.TextContent);
        var retryAfter = (int)slowed.Headers!.RetryAfter!.Delta!.Value.TotalSeconds;
        Assert.InRange(retryAfter, 1, 60);
        Assert.Contains($"Please wait {retryAfter} second", slowed.Text);
        // Another reader signed in from the same network shares its allowance: the limit is the address's.
        var reader = await app.NewVisitor().SignUpAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await reader.GetAsync("/works/search?q=signed+in")).Status);

        // A result page already made costs nothing and still shows; so do pages that aren't searches.
        Assert.Equal("Lighthouse keeping", (await guest.GetAsync("/works/search?q=lighthouse")).Find("li.blurb .heading a[href^='/works/']")?.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync("/works/search")).Status);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/")).Status);
    }

    [Fact]
    public async Task Asking_for_many_new_ebooks_from_one_address_is_slowed_down_but_files_already_made_still_download()
    {
        // A stand-in for calibre that "converts" at once, so the test is about the limit, not calibre's speed.
        var scripts = Directory.CreateTempSubdirectory("archive-fast-calibre-");
        var convert = Path.Combine(scripts.FullName, "ebook-convert");
        await File.WriteAllTextAsync(convert, "#!/bin/sh\ncp \"$1\" \"$2\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(convert, (UnixFileMode)0x1ED /* 0755 */);
        try
        {
            await using var site = app.Variant(("Archive:Downloads:EbookConvertPath", convert), ("Archive:Limits:ConversionsPerMinutePerAddress", "2"));
            var author = await site.NewVisitor().SignUpAsync();
            var ids = new List<int>();
            foreach (var title in new[] { "First", "Second", "Third" })
                ids.Add(ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = title })));
            var reader = site.NewVisitor();

            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/downloads/{ids[0]}/First.pdf")).Status);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/downloads/{ids[1]}/Second.mobi")).Status);
            var slowed = await reader.GetAsync($"/downloads/{ids[2]}/Third.pdf");
            Assert.Equal(HttpStatusCode.TooManyRequests, slowed.Status);
            Assert.Equal("Slow down", slowed.Find("h1")?.TextContent);
            Assert.InRange(slowed.Headers!.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
            Assert.Contains("EPUB and HTML downloads are ready at once", slowed.Text);

            // What is already made, and what needs no calibre, still comes at once.
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/downloads/{ids[0]}/First.pdf")).Status);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/downloads/{ids[2]}/Third.epub")).Status);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/downloads/{ids[2]}/Third.html")).Status);
        }
        finally
        {
            scripts.Delete(recursive: true);
        }
    }
}
