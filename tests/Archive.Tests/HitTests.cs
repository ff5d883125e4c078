using Archive.Tests.Infrastructure;
using Archive.Web.Hits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests;

public class HitTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    [Fact]
    public async Task A_visitor_counts_once_per_work_per_day_and_hits_show_and_sort()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Much Read", ["Fandoms"] = "Hit Fandom", ["ExpectedChapters"] = "?" }));
        await author.AddChapterAsync(id, new() { ["Body"] = "Second chapter." });
        await author.PostWorkAsync(new() { ["Title"] = "Little Read", ["Fandoms"] = "Hit Fandom" });
        var counter = app.Services.GetRequiredService<HitCounter>();
        await counter.FlushAsync();
        var baseline = int.Parse((await app.NewVisitor().GetAsync($"/api/works/{id}")).Html.Split("\"hits\":")[1].Split(',')[0]);

        var reader = await app.NewVisitor().SignUpAsync();
        await reader.GetAsync($"/works/{id}");
        await reader.GetAsync($"/works/{id}/chapters/2");
        await reader.GetAsync($"/works/{id}?view_full_work=true");
        var guest = app.NewVisitor();
        guest.Http.DefaultRequestHeaders.UserAgent.ParseAdd("GuestBrowser/1.0");
        await guest.GetAsync($"/works/{id}");
        await guest.GetAsync($"/works/{id}");
        await counter.FlushAsync();
        await counter.FlushAsync();

        var page = await app.NewVisitor().GetAsync("/tags/Hit Fandom/works?sort=hits");
        Assert.Equal(["Much Read", "Little Read"], page.FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent));
        Assert.Contains($"\"hits\":{baseline + 2}", await app.NewVisitor().Http.GetStringAsync($"/api/works/{id}"));
    }

    [Fact]
    public async Task Hits_from_before_yesterday_are_forgotten_and_todays_still_count_once_per_visitor()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Old Favourite" }));
        var counter = app.Services.GetRequiredService<HitCounter>();
        await counter.FlushAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using (var db = app.Database())
        {
            db.WorkHits.AddRange(
                new WorkHit { WorkId = id, Day = today.AddDays(-3), VisitorHash = "old-visitor" },
                new WorkHit { WorkId = id, Day = today.AddDays(-1), VisitorHash = "yesterdays-visitor" });
            await db.SaveChangesAsync();
        }
        var before = int.Parse((await app.NewVisitor().GetAsync($"/api/works/{id}")).Html.Split("\"hits\":")[1].Split(',')[0]);

        var reader = await app.NewVisitor().SignUpAsync();
        await reader.GetAsync($"/works/{id}");
        await counter.FlushAsync();
        await reader.GetAsync($"/works/{id}");
        await counter.FlushAsync();

        await using (var db = app.Database())
        {
            var kept = await db.WorkHits.Where(h => h.WorkId == id).Select(h => h.Day).OrderBy(d => d).ToListAsync();
            Assert.DoesNotContain(today.AddDays(-3), kept);
            Assert.Contains(today.AddDays(-1), kept);
            Assert.Contains(today, kept);
        }
        Assert.Contains($"\"hits\":{before + 1}", await app.NewVisitor().Http.GetStringAsync($"/api/works/{id}"));
    }
}
