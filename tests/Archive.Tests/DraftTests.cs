using System.Net;
using Archive.Tests.Infrastructure;
using Archive.Web.Drafts;
using Microsoft.EntityFrameworkCore;

namespace Archive.Tests;

public class DraftTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    [Fact]
    public async Task An_author_saves_a_draft_previews_it_comes_back_to_it_and_posts_it()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var fandom = $"Draft Fandom {Guid.NewGuid():N}"[..24];
        // A draft needs nothing filled in but what the author has so far: here, no rating, warnings or text's end.
        var saved = await author.SubmitAsync("/works/new", "/works/new",
            [F("Title", "Half Written"), F("Fandoms", fandom), F("Body", "The *first* scene, unfinished."), F("TextFormat", "Markdown")], formAction: "/works/draft");
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Matches(@"^/drafts/\d+$", saved.Url);
        Assert.Equal("Your draft was saved. Only you can see it; it stays until you post or delete it.", saved.Find(".notice")?.TextContent);
        Assert.Equal("first", saved.Find(".preview .body em")?.TextContent);
        var draftUrl = saved.Url;
        Assert.Contains("Half Written", (await author.GetAsync("/drafts")).Find(".draft h2")?.TextContent);

        // Nobody else can see it, by any address: as if it did not exist.
        var stranger = await app.NewVisitor().SignUpAsync();
        var token = await stranger.TokenAsync();
        foreach (var visitor in new[] { stranger, app.NewVisitor() })
            foreach (var url in new[] { draftUrl, $"{draftUrl}/edit" })
                Assert.True((await visitor.GetAsync(url)) is var page && (page.Status == HttpStatusCode.NotFound || page.Url.StartsWith("/login")) && !page.Text.Contains("first scene"), url);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"{draftUrl}/post", [F("__RequestVerificationToken", token)])).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"{draftUrl}/delete", [F("__RequestVerificationToken", token)])).Status);
        Assert.Empty((await stranger.GetAsync("/drafts")).FindAll(".draft"));
        // Nor is it anywhere a work would be.
        var guest = app.NewVisitor();
        foreach (var url in new[] { "/works", $"/tags/{fandom}/works", $"/works/search?q=unfinished", $"/users/{author.UserName}", $"/tags/{fandom}/feed.atom", "/opds/new", $"/api/tags/{fandom}" })
            Assert.DoesNotContain("Half Written", await (await guest.Http.GetAsync(url)).Content.ReadAsStringAsync());
        Assert.Equal(0, await app.Database().Works.CountAsync(w => w.Title == "Half Written"));

        // Post: what is missing is said, and what was typed stays (in the form and in the draft).
        var missing = await author.SubmitAsync($"{draftUrl}/edit", $"{draftUrl}/edit", [F("Body", "The first scene, and the second.")]);
        Assert.Equal("Please choose at least one archive warning (or “Creator Chose Not To Use Archive Warnings”).", missing.ErrorFor("Warnings"));
        Assert.Equal("The first scene, and the second.", missing.Value("Body"));
        Assert.Contains("and the second", (await author.GetAsync(draftUrl)).Text);

        var posted = await author.SubmitAsync($"{draftUrl}/edit", $"{draftUrl}/edit", [F("Warnings", "No Archive Warnings Apply"), F("Rating", "General Audiences")]);
        Assert.Equal("Work was successfully posted.", posted.Find(".notice")?.TextContent);
        var workId = ArchiveClient.WorkId(posted);
        Assert.Contains("and the second", (await guest.GetAsync($"/works/{workId}")).Text);
        Assert.Equal(HttpStatusCode.NotFound, (await author.GetAsync(draftUrl)).Status);
        Assert.Empty((await author.GetAsync("/drafts")).FindAll(".draft"));
        // Posting it again (a second tab, a double click) posts nothing more.
        var again = await author.PostAsync($"{draftUrl}/post", [F("__RequestVerificationToken", await author.TokenAsync())]);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Assert.Equal(1, await app.Database().Works.CountAsync(w => w.Title == "Half Written"));
    }

    [Fact]
    public async Task A_chapter_draft_stays_unseen_until_its_author_posts_it()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var workId = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Two Parts Eventually", ["ExpectedChapters"] = "2" }));
        var saved = await author.SubmitAsync($"/works/{workId}/chapters/new", $"/works/{workId}/chapters/new",
            [F("Title", "The Secret Middle"), F("Body", "Nobody has read this yet.")], formAction: $"/works/{workId}/chapters/draft");
        Assert.Equal("Your chapter draft was saved. Only you can see it; it stays until you post or delete it.", saved.Find(".notice")?.TextContent);
        var draftUrl = saved.Url;

        var guest = app.NewVisitor();
        var page = await guest.GetAsync($"/works/{workId}");
        Assert.Equal("1/2", page.Find("dd.chapters")?.TextContent);
        Assert.DoesNotContain("Nobody has read this yet", (await guest.GetAsync($"/works/{workId}?view_full_work=true")).Text);
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync($"/works/{workId}/chapters/2")).Status);
        Assert.DoesNotContain("Nobody has read this yet", await (await guest.Http.GetAsync($"/downloads/{workId}/Two_Parts_Eventually.html")).Content.ReadAsStringAsync());
        Assert.DoesNotContain("Nobody has read this yet", (await author.GetAsync($"/works/{workId}/chapters/2")).Text);

        var posted = await author.SubmitAsync("/drafts", $"{draftUrl}/post", []);
        Assert.Equal($"/works/{workId}/chapters/2", posted.Url);
        Assert.Contains("Nobody has read this yet", (await guest.GetAsync($"/works/{workId}/chapters/2")).Text);
        Assert.Equal("2/2", (await guest.GetAsync($"/works/{workId}")).Find("dd.chapters")?.TextContent);
    }

    [Fact]
    public async Task Scheduling_a_post_says_when_in_the_authors_time_zone_and_refuses_a_moment_gone_by()
    {
        var author = await app.NewVisitor().SignUpAsync();
        await author.SubmitAsync("/preferences", "/preferences", [F("TimeZone", "Asia/Tokyo")]);
        var past = await author.PostWorkAsync(new() { ["Title"] = "Too Late", ["PostAt"] = "2020-01-01T09:00" });
        Assert.Equal("1 Jan 2020, 09:00 (Asia/Tokyo) has passed. Choose a time ahead, or leave it empty to post now.", past.ErrorFor("PostAt"));
        Assert.Equal("Asia/Tokyo", past.Value("TimeZone"));

        var tokyoNextYear = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(30), TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        var typed = $"{tokyoNextYear:yyyy-MM-dd}T20:30";
        var scheduled = await author.PostWorkAsync(new() { ["Title"] = "Right On Time", ["PostAt"] = typed });
        Assert.Equal("/drafts", scheduled.Url);
        Assert.Equal($"“Right On Time” will be posted at {tokyoNextYear:d MMM yyyy}, 20:30 (Asia/Tokyo). Until then it is a draft only you can see.", scheduled.Find(".notice")?.TextContent);
        var draft = await app.Database().Drafts.SingleAsync(d => d.Title == "Right On Time");
        Assert.Equal(new DateTimeOffset(tokyoNextYear.Year, tokyoNextYear.Month, tokyoNextYear.Day, 20, 30, 0, TimeSpan.FromHours(9)), draft.PostAt);
        Assert.Equal(0, await app.Database().Works.CountAsync(w => w.Title == "Right On Time"));

        // Taken off the schedule, it stays a draft.
        await author.SubmitAsync("/drafts", $"/drafts/{draft.Id}/unschedule", []);
        Assert.Null((await app.Database().Drafts.SingleAsync(d => d.Id == draft.Id)).PostAt);
    }

    [Fact]
    public async Task A_scheduled_work_is_posted_once_though_several_instances_look_at_the_same_moment()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var soon = DateTime.UtcNow.AddMinutes(5);
        var titles = Enumerable.Range(1, 6).Select(i => $"Scheduled Race {i} {author.UserName}").ToList();
        foreach (var title in titles)
            Assert.Equal("/drafts", (await author.PostWorkAsync(new() { ["Title"] = title, ["PostAt"] = soon.ToString("yyyy-MM-ddTHH:mm"), ["TimeZone"] = "UTC" })).Url);
        // Their time comes.
        await using (var db = app.Database())
            await db.Drafts.Where(d => titles.Contains(d.Title)).ExecuteUpdateAsync(s => s.SetProperty(d => d.PostAt, DateTimeOffset.UtcNow.AddSeconds(-1)));

        await using var second = app.Variant();
        await using var third = app.Variant();
        var looks = new[] { app, second, third, app, second, third }.Select(instance => Task.Run(() => instance.Service<ScheduledPosting>().PostDueAsync()));
        await Task.WhenAll(looks);

        await using var check = app.Database();
        foreach (var title in titles) Assert.Equal(1, await check.Works.CountAsync(w => w.Title == title));
        Assert.Equal(0, await check.Drafts.CountAsync(d => titles.Contains(d.Title)));
        Assert.Contains(titles[0], (await app.NewVisitor().GetAsync($"/users/{author.UserName}")).Text);
    }

    [Fact]
    public async Task A_scheduled_chapter_is_posted_after_the_app_restarts()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var workId = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Posted While Away" }));
        DateTimeOffset due;
        await using (var before = app.Variant())
        {
            var there = ArchiveFactory.VisitorAt(before.Site, author.Cookies);
            var now = DateTimeOffset.UtcNow;
            due = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero).AddSeconds(4);
            var scheduled = await there.SubmitAsync($"/works/{workId}/chapters/new", $"/works/{workId}/chapters/new",
                [F("Body", "Written before the restart."), F("PostAt", due.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss")), F("TimeZone", "UTC")]);
            Assert.Equal("/drafts", scheduled.Url);
        }
        // That instance is gone; one started afterwards (with no memory of it) posts the chapter when it is due.
        await using var after = app.Variant();
        var guest = ArchiveFactory.VisitorAt(after.Site, new());
        for (var i = 0; i < 100 && (await guest.GetAsync($"/works/{workId}/chapters/2")).Status != HttpStatusCode.OK; i++) await Task.Delay(200);
        Assert.Contains("Written before the restart.", (await guest.GetAsync($"/works/{workId}/chapters/2")).Text);
        var chapter = await app.Database().Chapters.SingleAsync(c => c.WorkId == workId && c.Position == 2);
        Assert.True(chapter.CreatedAt >= due, $"posted at {chapter.CreatedAt:O}, due {due:O}");
    }
}
