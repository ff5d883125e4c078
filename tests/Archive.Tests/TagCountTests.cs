using Archive.Tests.Infrastructure;
using Archive.Web.Commands;
using Archive.Web.Database;
using Archive.Web.Tags;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests;

/// <summary>
/// Each tag's number of works is kept rather than counted on every page: it must follow every change to the works
/// (posting, retagging, wrangling, hiding, deleting), before and after the kept changes are folded in.
/// </summary>
public class TagCountTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    static List<string> Titles(Page page) => page.FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent).ToList();

    async Task<string> CountShownAsync(string tag) => (await app.NewVisitor().GetAsync($"/tags/{tag}")).Find("main p a[href$='/works']")!.TextContent;

    /// <summary>What every page says agrees with the works themselves, and folding the kept changes changes nothing.</summary>
    async Task AssertCountsAsync(string tag, int expected)
    {
        Assert.Equal($"{expected} work{(expected == 1 ? "" : "s")}", await CountShownAsync(tag));
        Assert.Contains($"\"works\":{expected}", await app.NewVisitor().Http.GetStringAsync($"/api/tags/{tag}"));
        await app.Service<TagCounts>().FoldAsync();
        await using var db = app.Database();
        var id = await db.Tags.Where(t => t.NormalizedName == Tag.Normalize(tag)).Select(t => t.MergerId ?? t.Id).SingleAsync();
        Assert.Equal(await db.Works.CountAsync(w => w.HiddenAt == null && w.FilterTagIds.Contains(id)), await db.Tags.Where(t => t.Id == id).Select(t => t.WorksCount).SingleAsync());
        Assert.Equal($"{expected} work{(expected == 1 ? "" : "s")}", await CountShownAsync(tag));
    }

    [Fact]
    public async Task A_tags_work_count_follows_posting_retagging_wrangling_hiding_and_deleting()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var first = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "First Count", ["Fandoms"] = "CountFandom" }));
        var second = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Second Count", ["Fandoms"] = "CountFandom" }));
        await AssertCountsAsync("CountFandom", 2);
        Assert.Contains("CountFandom (2)", (await app.NewVisitor().GetAsync("/fandoms")).Text);

        await author.SubmitAsync($"/works/{second}/edit", $"/works/{second}/edit", [new("Fandoms", "CountElsewhere")]);
        await AssertCountsAsync("CountFandom", 1);
        await AssertCountsAsync("CountElsewhere", 1);

        await author.PostWorkAsync(new() { ["Title"] = "Spelled Differently", ["Fandoms"] = "Count Fandom Alt" });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await TagsCommand.RunAsync(scope.ServiceProvider, ["canonical", "CountFandom"], TextWriter.Null, TextWriter.Null);
            await TagsCommand.RunAsync(scope.ServiceProvider, ["synonym", "Count Fandom Alt", "CountFandom"], TextWriter.Null, TextWriter.Null);
        }
        await AssertCountsAsync("CountFandom", 2);
        Assert.Equal("2 works", await CountShownAsync("Count Fandom Alt"));

        var moderator = await app.NewVisitor().SignUpAsync();
        await using (var scope = app.Services.CreateAsyncScope())
            await AdminCommand.RunAsync(scope.ServiceProvider, ["grant", moderator.UserName!, "moderator"], TextWriter.Null, TextWriter.Null);
        await moderator.SubmitAsync($"/works/{first}", $"/moderation/works/{first}/hide", [new("reason", "review")]);
        await AssertCountsAsync("CountFandom", 1);
        await moderator.SubmitAsync($"/works/{first}", $"/moderation/works/{first}/unhide", [new("reason", "fine")]);
        await AssertCountsAsync("CountFandom", 2);

        await author.SubmitAsync($"/works/{first}/delete", $"/works/{first}/delete", []);
        await AssertCountsAsync("CountFandom", 1);
        Assert.Contains("CountFandom (1)", (await app.NewVisitor().GetAsync("/fandoms")).Text);
    }

    [Fact]
    public async Task A_tag_with_more_works_than_a_page_reads_says_its_filtered_counts_are_estimates()
    {
        // A page reads at most four works here, so a ten-work fandom is "big".
        await using var small = app.Variant(("Archive:Limits:ListingSample", "4"));
        var author = await ArchiveFactory.VisitorOf(small).SignUpAsync();
        var ids = new List<int>();
        for (var n = 1; n <= 10; n++)
            ids.Add(ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = $"Estimate {n}", ["Fandoms"] = "EstimateFandom", ["Characters"] = n % 2 == 0 ? "Even" : "Odd" })));
        var guest = ArchiveFactory.VisitorOf(small);

        // The tag alone: its kept count is exact.
        var all = await guest.GetAsync("/tags/EstimateFandom/works");
        Assert.StartsWith("1 – 10 of 10 works", all.Find("h1")?.TextContent);
        Assert.Null(all.Find("form.filters .hint"));

        // Filtered: the four most recently updated hold two "Even" works, so about half of ten; the page itself lists exactly the matches.
        var even = await guest.GetAsync("/tags/EstimateFandom/works?include=Even");
        Assert.StartsWith("1 – 5 of about 5 works", even.Find("h1")?.TextContent);
        Assert.Equal(["Estimate 10", "Estimate 8", "Estimate 6", "Estimate 4", "Estimate 2"], Titles(even));
        Assert.Equal("So many works match that the counts are estimated from the most recently updated 4.", even.Find("form.filters .hint")?.TextContent);

        // The fandom's page says its most used characters are estimates too.
        Assert.Contains("Even (about 5)", (await guest.GetAsync("/tags/EstimateFandom")).Text);

        // An old work taking the character is updated, so it is listed first at once and joins the fandom's four most
        // recently updated (1, 10, 9 and 8: three of four of ten); a new work joins them too (11, 1, 10, 9: three of four of eleven).
        await author.SubmitAsync($"/works/{ids[0]}/edit", $"/works/{ids[0]}/edit", [new("Characters", "Even")]);
        var withOld = await guest.GetAsync("/tags/EstimateFandom/works?include=Even");
        Assert.StartsWith("1 – 6 of about 6 works", withOld.Find("h1")?.TextContent);
        Assert.Equal(["Estimate 1", "Estimate 10", "Estimate 8", "Estimate 6", "Estimate 4", "Estimate 2"], Titles(withOld));
        Assert.Contains("Even (about 8)", (await guest.GetAsync("/tags/EstimateFandom")).Text);
        await author.PostWorkAsync(new() { ["Title"] = "Estimate 11", ["Fandoms"] = "EstimateFandom", ["Characters"] = "Even" });
        var withNew = await guest.GetAsync("/tags/EstimateFandom/works?include=Even");
        Assert.StartsWith("1 – 7 of about 7 works", withNew.Find("h1")?.TextContent);
        Assert.Contains("Even (about 8)", (await guest.GetAsync("/tags/EstimateFandom")).Text);
        Assert.Contains("Estimate 11", Titles(withNew));

        // The fandom's total comes from its kept count, which moves the moment a work joins it, however often the
        // listing was built before (each "round" builds the page anew).
        for (var round = 1; round <= 3; round++)
            Assert.StartsWith("1 – 11 of 11 works", (await guest.GetAsync($"/tags/EstimateFandom/works?round={round}")).Find("h1")?.TextContent);
        await author.PostWorkAsync(new() { ["Title"] = "Estimate 12", ["Fandoms"] = "EstimateFandom" });
        Assert.StartsWith("1 – 12 of 12 works", (await guest.GetAsync("/tags/EstimateFandom/works?round=4")).Find("h1")?.TextContent);
    }

    [Fact]
    public async Task A_big_tags_first_pages_list_its_most_recently_updated_works_first_even_an_old_work_just_updated()
    {
        // The sample holds 22 works here, so a 25-work fandom is "big": its first page comes from the sample, its second
        // from the database. A server with the cache off reads every page from the database.
        await using var sampled = app.Variant(("Archive:Limits:ListingSample", "22"));
        await using var uncached = app.Variant(("Archive:Limits:ListingSample", "22"), ("Archive:Cache:Enabled", "false"));
        var author = await ArchiveFactory.VisitorOf(sampled).SignUpAsync();
        var ids = new List<int>();
        for (var n = 1; n <= 25; n++)
            ids.Add(ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = $"Recent {n}", ["Fandoms"] = "RecentFandom", ["Characters"] = "Everyone" })));
        var guest = ArchiveFactory.VisitorOf(sampled);
        const string filtered = "/tags/RecentFandom/works?include=Everyone";
        string[] newest = [.. Enumerable.Range(1, 25).Reverse().Select(n => $"Recent {n}")];
        Assert.Equal(newest[..20], Titles(await guest.GetAsync(filtered)));

        // The oldest work gets a chapter: it was updated last, so it leads the first page, and the rest move down one.
        await author.SubmitAsync($"/works/{ids[0]}/chapters/new", $"/works/{ids[0]}/chapters/new", [new("Body", "A new chapter.")]);
        string[] updated = ["Recent 1", .. newest[..24]];
        foreach (var server in new[] { sampled, uncached })
        {
            var reader = ArchiveFactory.VisitorOf(server);
            Assert.Equal(updated[..20], Titles(await reader.GetAsync(filtered)));
            Assert.Equal(updated[20..], Titles(await reader.GetAsync(filtered + "&page=2")));
        }
    }

    [Fact]
    public async Task A_big_tags_pages_in_every_order_list_what_reading_all_its_works_would()
    {
        // With a sample of four, a 24-work fandom is "big": a page in any order but the sample's comes from the database,
        // its order's index walked or its matches sorted, as the archive's size (PostgreSQL's estimate, set here) makes
        // cheaper. With a sample of a hundred, every page is sorted from the whole fandom in memory: the same pages.
        await using var small = app.Variant(("Archive:Limits:ListingSample", "4"));
        await using var whole = app.Variant(("Archive:Limits:ListingSample", "100"));
        var author = await ArchiveFactory.VisitorOf(small).SignUpAsync();
        var ids = new List<int>();
        for (var n = 1; n <= 24; n++)
            ids.Add(ArchiveClient.WorkId(await author.PostWorkAsync(new()
            {
                ["Title"] = $"Ordered {(n * 7) % 24:00}", ["Fandoms"] = "OrderedFandom", ["Characters"] = n % 4 == 0 ? "Rare Sort" : "Common Sort",
                ["Body"] = string.Join(' ', Enumerable.Repeat("word", 1 + (n * 5) % 24)),
            })));
        var reader = await ArchiveFactory.VisitorOf(small).SignUpAsync();
        foreach (var work in new[] { ids[3], ids[10], ids[11] }) await reader.SubmitAsync($"/works/{work}", $"/works/{work}/kudos", []);
        await small.Services.GetRequiredService<Archive.Web.Kudos.KudosCounts>().FlushAsync();
        // An edit moves a work's update time: the default order isn't the posting order.
        await author.SubmitAsync($"/works/{ids[2]}/edit", $"/works/{ids[2]}/edit", [new("Characters", "Common Sort, Edited Sort")]);

        foreach (var archiveWorks in new[] { 1, 10_000_000 })
        {
            await using (var scope = small.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<ArchiveDbContext>().Database.ExecuteSqlAsync(
                    $"UPDATE pg_class SET reltuples = {archiveWorks} WHERE oid = 'works'::regclass");
            foreach (var sort in new[] { "updated", "posted", "title", "words", "kudos" })
                foreach (var filter in new[] { "", "&include=Common Sort", "&include=Rare Sort", "&exclude=Rare Sort" })
                    foreach (var page in new[] { 1, 2 })
                    {
                        // A query value of its own per round, so no page comes from the cache of the round before.
                        var url = $"/tags/OrderedFandom/works?sort={sort}{filter}&page={page}&round={archiveWorks}";
                        Assert.Equal(Titles(await ArchiveFactory.VisitorOf(whole).GetAsync(url)), Titles(await ArchiveFactory.VisitorOf(small).GetAsync(url)));
                        // Its tags, its sample, the page (with the planner told to walk, or sorted), the blurbs.
                        Assert.InRange(small.Queries.Single(q => Uri.UnescapeDataString(q.Key) == url).Value, 1, 5);
                    }
        }
    }

    [Fact]
    public async Task A_big_tag_sorted_by_kudos_lists_the_most_liked_first_on_every_page()
    {
        // A page reads at most four works here, so a 22-work fandom is "big". Its page sorted by kudos walks the kudos
        // in order; a filter few of the archive's works match sorts its matches instead.
        await using var small = app.Variant(("Archive:Limits:ListingSample", "4"));
        var author = await ArchiveFactory.VisitorOf(small).SignUpAsync();
        var ids = new List<int>();
        for (var n = 1; n <= 22; n++)
            ids.Add(ArchiveClient.WorkId(await author.PostWorkAsync(new()
            {
                ["Title"] = $"Liked {n}", ["Fandoms"] = "LikedFandom", ["Characters"] = n % 4 == 3 ? "Liked One" : "Someone Else",
            })));
        foreach (var (work, readers) in new[] { (ids[2], 2), (ids[6], 1) })
            for (var r = 0; r < readers; r++)
            {
                var reader = await ArchiveFactory.VisitorOf(small).SignUpAsync();
                await reader.SubmitAsync($"/works/{work}", $"/works/{work}/kudos", []);
            }
        await small.Services.GetRequiredService<Archive.Web.Kudos.KudosCounts>().FlushAsync();
        // The planner's (and the listing's) idea of how many works there are.
        await using (var scope = small.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ArchiveDbContext>().Database.ExecuteSqlRawAsync("ANALYZE works");

        var guest = ArchiveFactory.VisitorOf(small);
        string[] rest = [.. Enumerable.Range(1, 22).Reverse().Where(n => n is not 3 and not 7).Select(n => $"Liked {n}")];
        Assert.Equal(["Liked 3", "Liked 7", .. rest[..18]], Titles(await guest.GetAsync("/tags/LikedFandom/works?sort=kudos")));
        Assert.Equal(rest[18..], Titles(await guest.GetAsync("/tags/LikedFandom/works?sort=kudos&page=2")));
        // Works 3, 7, 11, 15 and 19 have the character: the two liked first, then the others, newest first.
        Assert.Equal(["Liked 3", "Liked 7", "Liked 19", "Liked 15", "Liked 11"],
            Titles(await guest.GetAsync("/tags/LikedFandom/works?sort=kudos&include=Liked One")));
    }

    [Fact]
    public async Task A_big_tags_page_whose_walk_takes_too_long_is_sorted_instead_with_nothing_in_the_log()
    {
        // With a sample of four, a 22-work fandom's second page by kudos walks the kudos in order (as above).
        await using var small = app.Variant(("Archive:Limits:ListingSample", "4"));
        var author = await ArchiveFactory.VisitorOf(small).SignUpAsync();
        for (var n = 1; n <= 22; n++)
            await author.PostWorkAsync(new() { ["Title"] = $"Slow {n}", ["Fandoms"] = "SlowWalkFandom" });
        // An archive of about these works alone (PostgreSQL's estimate, which the listing reads): walking passes few others.
        await using (var scope = small.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ArchiveDbContext>().Database.ExecuteSqlRawAsync(
                "UPDATE pg_class SET reltuples = 22 WHERE oid = 'works'::regclass");
        // The author's hits on the new works, counted now: flushed later, they would move the tag's listing between the two
        // pages below, and the second would bring its sample up to date first (one more query).
        await small.Services.GetRequiredService<Archive.Web.Hits.HitCounter>().FlushAsync();
        var guest = ArchiveFactory.VisitorOf(small);
        var walked = Titles(await guest.GetAsync("/tags/SlowWalkFandom/works?sort=kudos&page=2"));
        Assert.Equal(["Slow 2", "Slow 1"], walked);

        // The counts the walk reads are held for a second, far longer than a walk may take (50 ms here): it is given up,
        // and the matches are sorted once the counts are free. The reader sees the same page; the log shows no error.
        await using var holder = app.Database();
        await using var holding = await holder.Database.BeginTransactionAsync();
        await holder.Database.ExecuteSqlRawAsync("LOCK TABLE work_stats IN ACCESS EXCLUSIVE MODE");
        var page = guest.GetAsync("/tags/SlowWalkFandom/works?sort=kudos&page=2&held=1");
        await Task.Delay(1000);
        await holding.RollbackAsync();
        Assert.Equal(walked, Titles(await page));
        // Its tags, the planner told to walk, the walk given up, the matches sorted (its sample and blurbs were kept).
        Assert.Equal(4, small.Queries.Single(q => q.Key.EndsWith("held=1")).Value);
        Assert.Empty(small.Errors);
    }
}
