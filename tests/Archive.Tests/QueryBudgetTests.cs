using Archive.Tests.Infrastructure;

namespace Archive.Tests;

/// <summary>
/// Pages stay within their budget of database round trips when nothing is cached (the cache is turned off here, so every
/// request is a miss), counted by the app's EF command interceptor: they must not creep back up as features are added.
/// </summary>
public class QueryBudgetTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    /// <summary>A work with everything a work page can show: chapters, tags, a series, a gift, a related work, comments, kudos, a bookmark.</summary>
    async Task<int> BusyWorkAsync(string fandom)
    {
        var author = await app.NewVisitor().SignUpAsync();
        var friend = await app.NewVisitor().SignUpAsync();
        var original = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "The Original", ["Fandoms"] = fandom }));
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new()
        {
            ["Title"] = "Busy Work", ["Fandoms"] = fandom, ["Relationships"] = "Ann/Bea", ["Characters"] = "Ann, Bea", ["AdditionalTags"] = "Rain, Tea",
            ["ExpectedChapters"] = "?", ["GiftTo"] = friend.UserName!, ["NewSeriesTitle"] = "Busy Series",
            ["Related[0].Relation"] = "InspiredBy", ["Related[0].Url"] = $"{app.Site}/works/{original}",
        }));
        await author.AddChapterAsync(id, new() { ["Body"] = "The second chapter." });
        var reader = await app.NewVisitor().SignUpAsync();
        var commented = await reader.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", "First!")]);
        var parent = commented.Find("li.comment")!.Id!.Replace("comment_", "");
        await author.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("ParentId", parent), new("Body", "Thank you")]);
        await reader.SubmitAsync($"/works/{id}", $"/works/{id}/kudos", []);
        await reader.SubmitAsync($"/works/{id}/bookmark", $"/works/{id}/bookmark", [new("notes", "Lovely")]);
        return id;
    }

    [Fact]
    public async Task A_work_page_costs_at_most_three_queries_for_guests_and_signed_in_readers()
    {
        var id = await BusyWorkAsync("BudgetWorks");
        await using var uncached = app.Variant(("Archive:Cache:Enabled", "false"));
        var reader = await ArchiveFactory.VisitorOf(uncached).SignUpAsync();
        foreach (var url in new[] { $"/works/{id}", $"/works/{id}/chapters/2", $"/works/{id}?view_full_work=true", $"/api/works/{id}" })
        {
            var guestPage = await ArchiveFactory.VisitorOf(uncached).GetAsync(url);
            Assert.Contains("Busy Work", guestPage.Html);
            Assert.InRange(uncached.Queries[url], 1, 3);
            var readerPage = await reader.GetAsync(url);
            Assert.Contains("Busy Work", readerPage.Html);
            Assert.InRange(uncached.Queries[url], 1, 3);
        }
    }

    [Fact]
    public async Task A_filtered_tag_page_with_option_counts_costs_at_most_four_queries()
    {
        await BusyWorkAsync("BudgetTags");
        await using var uncached = app.Variant(("Archive:Cache:Enabled", "false"));
        var url = "/tags/BudgetTags/works?include=Ann&include=Rain&exclude=Explicit";
        foreach (var visitor in new[] { ArchiveFactory.VisitorOf(uncached), await ArchiveFactory.VisitorOf(uncached).SignUpAsync() })
        {
            var page = await visitor.GetAsync(url);
            Assert.Equal(["Busy Work"], page.FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent));
            Assert.Contains(page.FindAll("form.filters input[type=checkbox][name=include]"), box => box.ParentElement!.TextContent.Contains("Bea (1)"));
            Assert.InRange(uncached.Queries[url], 1, 4);
        }
    }
}
