using System.Data.Common;
using Archive.Tests.Infrastructure;
using Archive.Web.Commands;
using Archive.Web.Tags;
using Archive.Web.Text;
using Archive.Web.Works;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests;

public class SeedDemoTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    async Task<string> SeedAsync(int works)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var output = new StringWriter();
        var errors = new StringWriter();
        Assert.Equal(0, await SeedDemoCommand.RunAsync(scope.ServiceProvider, ["--works", works.ToString()], output, errors));
        Assert.Equal("", errors.ToString());
        return output.ToString();
    }

    static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>What the app keeps on each work, as one comparable line per work.</summary>
    static async Task<Dictionary<int, string>> KeptOnWorksAsync(DbConnection connection, int[] ids)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT id, concat_ws(' | ', chapter_count, word_count, updated_on, creator_sort, filter_tag_ids::text, fandom_count, search_vector::text)
            FROM works WHERE id IN ({string.Join(",", ids)})
            """;
        var kept = new Dictionary<int, string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) kept[reader.GetInt32(0)] = reader.GetString(1);
        return kept;
    }

    [Fact]
    public async Task Seeding_demo_works_twice_grows_the_archive_with_the_counts_the_app_keeps_and_work_pages_show_comments_and_kudos()
    {
        // A guest's cached front page, read while the site is up, shows the seeded works as soon as seeding ends.
        await app.NewVisitor().GetAsync("/works");
        Assert.Contains("No works yet.", (await app.NewVisitor().GetAsync("/works")).Text);
        Assert.Contains("the archive has 300 works", await SeedAsync(300));
        Assert.Equal(20, (await app.NewVisitor().GetAsync("/works")).FindAll("li.blurb").Count());
        await using var db = app.Database();
        var firstKudos = await db.Kudos.CountAsync();
        var firstComments = await db.Comments.CountAsync();
        var users = await db.Users.CountAsync();
        Assert.Equal(20_000, users);
        Assert.True(firstKudos > 300 && firstComments > 100, $"{firstKudos} kudos and {firstComments} comments on 300 works");

        Assert.Contains("the archive has 600 works", await SeedAsync(300));
        Assert.Equal(600, await db.Works.CountAsync());
        Assert.Equal(users, await db.Users.CountAsync());
        Assert.True(await db.Kudos.CountAsync() > firstKudos);
        Assert.True(await db.Comments.CountAsync() > firstComments);

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        // Counts on works equal their rows; threads are consistent; the app's own rules hold.
        Assert.Equal(0, await ScalarAsync(connection, "SELECT count(*) FROM works w LEFT JOIN work_stats s ON s.work_id = w.id WHERE s.kudos_count IS DISTINCT FROM (SELECT count(*) FROM kudos k WHERE k.work_id = w.id)"));
        Assert.Equal(0, await ScalarAsync(connection, "SELECT count(*) FROM works w LEFT JOIN work_stats s ON s.work_id = w.id WHERE s.bookmarks_count IS DISTINCT FROM (SELECT count(*) FROM bookmarks b WHERE b.work_id = w.id AND NOT b.is_private)"));
        Assert.Equal(0, await ScalarAsync(connection, """
            SELECT count(*) FROM comments c LEFT JOIN comments p ON p.id = c.parent_id
            WHERE c.depth <> COALESCE(p.depth + 1, 0) OR p.chapter_id <> c.chapter_id OR p.work_id <> c.work_id OR p.is_screened
            """));
        Assert.Equal(0, await ScalarAsync(connection, "SELECT count(*) FROM comments c WHERE c.chapter_id NOT IN (SELECT id FROM chapters WHERE work_id = c.work_id)"));
        Assert.Equal(0, await ScalarAsync(connection, """
            SELECT count(*) FROM comments WHERE NOT (user_id IS NOT NULL AND pseud_id IN (SELECT id FROM pseuds p WHERE p.user_id = comments.user_id) AND guest_name IS NULL AND guest_email IS NULL
                OR user_id IS NULL AND pseud_id IS NULL AND guest_name <> '' AND guest_email LIKE '%@%' AND guest_address_hash IS NOT NULL)
            """));
        Assert.Equal(0, await ScalarAsync(connection, "SELECT count(*) FROM kudos k JOIN work_creators wc ON wc.work_id = k.work_id JOIN pseuds p ON p.id = wc.pseud_id AND p.user_id = k.user_id"));
        Assert.True(await ScalarAsync(connection, "SELECT count(*) FROM comments WHERE user_id IS NULL") > 0);
        Assert.True(await ScalarAsync(connection, "SELECT count(*) FROM kudos WHERE user_id IS NULL") > 0);
        Assert.True(await ScalarAsync(connection, "SELECT count(*) FROM comments WHERE depth > 1") > 0);

        // The app's own recount and filter refresh change nothing the seed stored.
        var sample = await db.Works.OrderBy(w => w.Id).Where(w => w.Id % 20 == 0).Select(w => w.Id).ToArrayAsync();
        var seeded = await KeptOnWorksAsync(connection, sample);
        foreach (var id in sample)
        {
            await db.RecountAsync(id);
            await db.RefreshWorkAsync(id);
        }
        var recounted = await KeptOnWorksAsync(connection, sample);
        foreach (var id in sample) Assert.Equal(seeded[id], recounted[id]);
        foreach (var chapter in await db.Chapters.Where(c => sample.Contains(c.WorkId)).Select(c => new { c.WordCount, c.BodyHtml }).ToListAsync())
            Assert.Equal(StoryText.CountWords(chapter.BodyHtml), chapter.WordCount);

        // A popular seeded work's page: its kudos (readers by name, then guests) and its first chapter's threads.
        var work = await db.Works.Where(w => db.Kudos.Any(k => k.WorkId == w.Id && k.UserId == null) && db.Kudos.Any(k => k.WorkId == w.Id && k.UserId != null)
                && db.Comments.Any(c => c.WorkId == w.Id && c.Depth == 1 && !c.IsScreened && db.Chapters.Any(ch => ch.Id == c.ChapterId && ch.Position == 1)))
            .OrderByDescending(w => w.Stats.KudosCount).Select(w => new { w.Id, w.Stats.KudosCount }).FirstAsync();
        var firstChapter = await db.Chapters.Where(c => c.WorkId == work.Id && c.Position == 1).Select(c => c.Id).SingleAsync();
        var visible = await db.Comments.CountAsync(c => c.ChapterId == firstChapter && !c.IsScreened && !c.IsDeleted);
        var reply = await db.Comments.Where(c => c.ChapterId == firstChapter && c.Depth == 1 && !c.IsScreened).OrderBy(c => c.Id).FirstAsync();
        var replier = reply.PseudId is { } pseud ? await db.Pseuds.Where(p => p.Id == pseud).Select(p => p.Name).SingleAsync() : reply.GuestName!;
        var firstKudoser = await db.Kudos.Where(k => k.WorkId == work.Id && k.UserId != null).OrderBy(k => k.Id)
            .Join(db.Users, k => k.UserId, u => u.Id, (k, u) => u.UserName!).FirstAsync();
        var guests = await db.Kudos.CountAsync(k => k.WorkId == work.Id && k.UserId == null);

        var page = await app.NewVisitor().GetAsync($"/works/{work.Id}?view_adult=true&comment={reply.Id}");
        Assert.Equal(work.KudosCount.ToString("N0"), page.Find("dd.kudos")?.TextContent);
        var kudosList = page.Find(".kudos-list")?.TextContent ?? "";
        Assert.StartsWith(firstKudoser, kudosList);
        Assert.EndsWith($"{guests} guest{(guests == 1 ? "" : "s")} left kudos on this work!", kudosList);
        Assert.Equal($"Comments ({visible})", page.Find("#comments-heading")?.TextContent);
        Assert.Contains(replier, page.Find($"#comment_{reply.ParentId} ol.replies #comment_{reply.Id} .comment-byline")?.TextContent);
        // Twenty threads a page: every visible comment is on one of them.
        var pages = page.Find("#comments nav.pagination span")?.TextContent.Split(' ')[3] is { } last ? int.Parse(last) : 1;
        var shown = 0;
        for (var number = 1; number <= pages; number++)
            shown += (await app.NewVisitor().GetAsync($"/works/{work.Id}?view_adult=true&comments_page={number}")).FindAll("#comments li.comment").Count(c => !c.ClassList.Contains("screened"));
        Assert.Equal(visible, shown);
    }
}
