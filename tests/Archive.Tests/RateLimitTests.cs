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

        // Reading is never limited, and another account from the same address still has room (per address: 10).
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/works/{id}")).Status);
        var other = await app.NewVisitor().SignUpAsync();
        Assert.Equal("Comment posted.", (await other.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", "Different person")])).Find(".notice")?.TextContent);
    }
}
