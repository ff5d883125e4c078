using System.Net;
using Archive.Tests.Infrastructure;

namespace Archive.Tests;

public class StatisticsTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    [Fact]
    public async Task An_author_sees_each_works_figures_and_how_one_went_month_by_month()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var popular = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Much Loved", ["Body"] = "One two three four five." }));
        var quiet = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Quiet One", ["Body"] = "Hush." }));
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var reader = await app.NewVisitor().SignUpAsync();
            await reader.GetAsync($"/works/{popular}");
            await reader.SubmitAsync($"/works/{popular}", $"/works/{popular}/kudos", []);
            await reader.SubmitAsync($"/works/{popular}/bookmark", $"/works/{popular}/bookmark", []);
            await reader.SubmitAsync($"/works/{popular}", "/subscriptions", []);
        }
        var commenter = await app.NewVisitor().SignUpAsync();
        await commenter.SubmitAsync($"/works/{quiet}", $"/works/{quiet}/chapters/1/comments", [new("Body", "Lovely.")]);
        await app.Service<Archive.Web.Hits.HitCounter>().FlushAsync();
        await app.Service<Archive.Web.Kudos.KudosCounts>().FlushAsync();

        var stats = await author.GetAsync($"/users/{author.UserName}/stats");
        Assert.Equal(HttpStatusCode.OK, stats.Status);
        string[] Row(string title) => [.. stats.FindAll("table.works tbody tr").Single(r => r.QuerySelector("th")!.TextContent == title).QuerySelectorAll("td").Select(c => c.TextContent)];
        // Words, hits, kudos, comments, bookmarks, subscriptions.
        Assert.Equal(["5", "2", "2", "0", "2", "2"], Row("Much Loved"));
        Assert.Equal(["1", "1", "0", "1", "0", "0"], Row("Quiet One"));
        Assert.Equal(["6", "3", "2", "1", "2", "2"], stats.FindAll("table.works tfoot td").Select(c => c.TextContent));
        // Sorted by hits by default; by title when asked.
        Assert.Equal(["Much Loved", "Quiet One"], stats.FindAll("table.works tbody th a").Select(a => a.TextContent));
        // This month's bar holds this month's hits, of all works or of one.
        Assert.Equal("3", (await author.GetAsync($"/users/{author.UserName}/stats")).FindAll("table.months td").Last().TextContent);
        Assert.Equal("2", (await author.GetAsync($"/users/{author.UserName}/stats?metric=kudos&work={popular}")).FindAll("table.months td").Last().TextContent);
        Assert.Equal("1", (await author.GetAsync($"/users/{author.UserName}/stats?metric=comments")).FindAll("table.months td").Last().TextContent);
        Assert.Contains($"{DateTime.UtcNow:MMM yyyy}: 2", (await author.GetAsync($"/users/{author.UserName}/stats?metric=subscriptions")).Find("svg.chart")!.OuterHtml);
    }

    [Fact]
    public async Task Nobody_else_sees_an_authors_statistics()
    {
        var author = await app.NewVisitor().SignUpAsync();
        await author.PostWorkAsync(new() { ["Title"] = "Private Figures" });
        var other = await app.NewVisitor().SignUpAsync();
        var refused = await other.GetAsync($"/users/{author.UserName}/stats");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.DoesNotContain("Private Figures", refused.Text);
        Assert.StartsWith("/login", (await app.NewVisitor().GetAsync($"/users/{author.UserName}/stats")).Url);
    }
}
