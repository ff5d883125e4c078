using Microsoft.EntityFrameworkCore;
using System.Net;
using Archive.Tests.Infrastructure;

namespace Archive.Tests;

/// <summary>Instances sharing Redis (ConnectionStrings:Redis) share what is kept between requests: comment limits.</summary>
public class SharedRedisTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    /// <summary>
    /// An instance of the archive on the shared database, using this Redis, with the real comment limits (5 a minute per
    /// account), once it has reached Redis (until then it counts alone, as when Redis is away).
    /// </summary>
    async Task<ArchiveFactory> InstanceAsync(TestRedis redis, params (string Key, string Value)[] settings)
    {
        var instance = app.Variant([("ConnectionStrings:Redis", redis.ConnectionString),
            ("Archive:Limits:CommentsPerMinutePerUser", "5"), ("Archive:Limits:CommentsPerMinutePerAddress", "10"), .. settings]);
        for (var tries = 0; tries < 100 && await instance.NewVisitor().Http.GetStringAsync("/healthz") != "ok"; tries++) await Task.Delay(50);
        Assert.Equal("ok", await instance.NewVisitor().Http.GetStringAsync("/healthz"));
        return instance;
    }

    static async Task<Page> CommentAsync(ArchiveClient reader, int id, string body) =>
        await reader.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", body)]);

    /// <summary>The same reader (their sign-in cookie) on another instance, as a load balancer would send them.</summary>
    static ArchiveClient OnInstance(ArchiveClient reader, ArchiveFactory instance) => ArchiveFactory.VisitorAt(instance.Site, reader.Cookies);

    [Fact]
    public async Task A_reader_sent_to_several_instances_gets_one_comment_limit_between_them()
    {
        using var redis = await TestRedis.StartAsync();
        await using var first = await InstanceAsync(redis);
        await using var second = await InstanceAsync(redis);
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Much Discussed" }));
        var reader = await app.NewVisitor().SignUpAsync();
        var onFirst = OnInstance(reader, first);
        var onSecond = OnInstance(reader, second);

        for (var i = 1; i <= 5; i++)
            Assert.Equal("Comment posted.", (await CommentAsync(i % 2 == 0 ? onSecond : onFirst, id, $"Comment {i}")).Find(".notice")?.TextContent);
        // Each instance has seen three or two of them, under its own limit of five: it is the shared count that stops the sixth.
        foreach (var instance in new[] { onFirst, onSecond })
        {
            var slowed = await CommentAsync(instance, id, "One too many");
            Assert.Equal(HttpStatusCode.TooManyRequests, slowed.Status);
            Assert.Equal("One too many", slowed.Find("textarea")?.TextContent);
        }
    }

    [Fact]
    public async Task When_redis_goes_away_pages_are_still_served_comment_limits_hold_and_healthz_says_so()
    {
        using var redis = await TestRedis.StartAsync();
        await using var instance = await InstanceAsync(redis);
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Still Here" }));
        var reader = OnInstance(await app.NewVisitor().SignUpAsync(), instance);
        Assert.Equal("Comment posted.", (await CommentAsync(reader, id, "Before")).Find(".notice")?.TextContent);

        redis.Stop();

        Assert.Equal(HttpStatusCode.OK, (await instance.NewVisitor().GetAsync($"/works/{id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/works/{id}")).Status);
        // The limit falls back to this instance's own count: five more are allowed here, never unlimited.
        for (var i = 1; i <= 5; i++)
            Assert.Equal("Comment posted.", (await CommentAsync(reader, id, $"During {i}")).Find(".notice")?.TextContent);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await CommentAsync(reader, id, "One too many")).Status);

        var health = await instance.NewVisitor().Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok; redis unreachable: pages come from the database, and comment limits and hits are this instance's own, until it is back", await health.Content.ReadAsStringAsync());
        Assert.Contains(instance.Warnings, w => w.Contains("Redis is unreachable: rate limits are this instance's own until it is back"));
    }

    [Fact]
    public async Task Hits_an_instance_counted_into_redis_are_written_by_another_if_it_never_gets_to()
    {
        using var redis = await TestRedis.StartAsync();
        // This instance never gets round to writing its hits (an hour between rounds), as if it were killed first.
        await using var reading = await InstanceAsync(redis, ("Archive:Cache:HitsFlushSeconds", "3600"));
        await using var writing = await InstanceAsync(redis);
        var author = OnInstance(await app.NewVisitor().SignUpAsync(), reading);
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Counted Elsewhere" }));
        async Task<int> HitsAsync()
        {
            await writing.Service<Archive.Web.Hits.HitCounter>().FlushAsync();
            await using var db = app.Database();
            return await db.Works.Where(w => w.Id == id).Select(w => w.Stats.HitsCount).SingleAsync();
        }
        var before = await HitsAsync();

        foreach (var agent in new[] { "reader-one", "reader-two", "reader-three" })
        {
            using var read = new HttpRequestMessage(HttpMethod.Get, $"/works/{id}");
            read.Headers.UserAgent.ParseAdd(agent);
            Assert.Equal(HttpStatusCode.OK, (await reading.NewVisitor().Http.SendAsync(read)).StatusCode);
        }

        // The hits are on their way to Redis as the pages go out: the other instance writes them within a round or two.
        var after = before;
        for (var tries = 0; tries < 40 && after < before + 3; tries++)
        {
            after = await HitsAsync();
            if (after < before + 3) await Task.Delay(50);
        }
        Assert.Equal(before + 3, after);
    }

    [Fact]
    public async Task A_change_through_one_instance_reaches_anothers_cached_pages_by_redis()
    {
        using var redis = await TestRedis.StartAsync();
        await using var here = await InstanceAsync(redis);
        await using var there = await InstanceAsync(redis);
        using var listener = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var heard = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await listener.GetSubscriber().SubscribeAsync(Archive.Web.Caching.EvictionBroadcast.RedisChannel, (_, message) => heard.Enqueue(message.ToString()));
        var author = OnInstance(await app.NewVisitor().SignUpAsync(), there);
        await author.PostWorkAsync(new() { ["Title"] = "First By Redis", ["Fandoms"] = "Redis Evictions" });
        var url = "/tags/Redis Evictions/works";
        static IEnumerable<string> Titles(Page page) => page.FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent);
        Assert.Equal(["First By Redis"], Titles(await here.NewVisitor().GetAsync(url)));
        Assert.Equal(["First By Redis"], Titles(await here.NewVisitor().GetAsync(url)));

        await author.PostWorkAsync(new() { ["Title"] = "Second By Redis", ["Fandoms"] = "Redis Evictions" });
        for (var waited = 0; !Titles(await here.NewVisitor().GetAsync(url)).Contains("Second By Redis"); waited += 50)
        {
            Assert.True(waited < 3_000, "The other instance's change didn't reach this instance's cached page.");
            await Task.Delay(50);
        }
        // It came by Redis: the eviction of the fandom's listing went out on its channel.
        Assert.Contains(heard, message => message.Contains("\nlisting:"));
    }

    [Fact]
    public async Task Kudos_an_instance_took_are_counted_by_another_if_it_never_gets_to()
    {
        using var redis = await TestRedis.StartAsync();
        // This instance never gets round to recounting (an hour between rounds), as if it were killed first.
        await using var taking = await InstanceAsync(redis, ("Archive:Cache:KudosFlushSeconds", "3600"));
        await using var counting = await InstanceAsync(redis);
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Thanked Elsewhere" }));

        var reader = OnInstance(await app.NewVisitor().SignUpAsync(), taking);
        Assert.Equal("Thank you for leaving kudos!", (await reader.SubmitAsync($"/works/{id}", $"/works/{id}/kudos", [])).Find(".notice")?.TextContent);

        string? shown = null;
        for (var tries = 0; tries < 40 && shown != "1"; tries++)
        {
            await counting.Service<Archive.Web.Kudos.KudosCounts>().FlushAsync();
            shown = (await counting.NewVisitor().GetAsync($"/works/{id}")).Find("dd.kudos")?.TextContent;
            if (shown != "1") await Task.Delay(50);
        }
        Assert.Equal("1", shown);
    }

    [Fact]
    public async Task A_guest_page_one_instance_built_is_served_by_another_from_redis_until_a_change_evicts_it_for_both()
    {
        using var redis = await TestRedis.StartAsync();
        await using var one = await InstanceAsync(redis);
        await using var two = await InstanceAsync(redis);
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "First Shared", ["Fandoms"] = "Shared Pages" }));
        var url = "/tags/Shared Pages/works";
        static IEnumerable<string> Titles(Page page) => page.FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent);
        // Behind one proxy every instance is asked for the same host (pages with absolute links are kept per host).
        static ArchiveClient Guest(ArchiveFactory instance)
        {
            var guest = instance.NewVisitor();
            guest.Http.DefaultRequestHeaders.Host = "archive.example";
            return guest;
        }
        // The author's hit is written now, so no eviction of the page is still on its way to the instances...
        await app.Service<Archive.Web.Hits.HitCounter>().FlushAsync();
        // ...and the page one built is in Redis, and stays there (a late eviction would take it out again).
        using var look = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        bool Kept() => look.GetServer(look.GetEndPoints()[0]).Keys(pattern: "archive:pages:*").Any();
        for (var tries = 0; tries < 40; tries++)
        {
            Assert.Equal(["First Shared"], Titles(await Guest(one).GetAsync(url)));
            await Task.Delay(100);
            if (Kept()) break;
        }
        Assert.True(Kept(), "The page one instance built was not kept in Redis.");

        // Changed behind the archive's back: the other instance, which never built the page, serves the one kept in Redis.
        await using (var db = app.Database())
            await db.Database.ExecuteSqlAsync($"UPDATE works SET title = 'Renamed Unseen' WHERE id = {id}");
        Assert.Equal(["First Shared"], Titles(await Guest(two).GetAsync(url)));

        // A change through the archive evicts it for both.
        await OnInstance(author, two).PostWorkAsync(new() { ["Title"] = "Second Shared", ["Fandoms"] = "Shared Pages" });
        foreach (var instance in new[] { one, two })
            Assert.Equal("Second Shared", Titles(await Guest(instance).GetAsync(url)).First());
    }
}
