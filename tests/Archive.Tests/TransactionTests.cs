using System.Net;
using Archive.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Archive.Tests;

public class TransactionTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    [Fact]
    public async Task A_crash_while_saving_the_first_chapter_leaves_no_half_written_work_or_tags()
    {
        var author = await app.NewVisitor().SignUpAsync();
        // The database itself fails the chapter insert, after the work and its new tags were written in the same transaction.
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var trigger = new NpgsqlCommand("""
                CREATE FUNCTION fail_chapter() RETURNS trigger AS $$
                BEGIN IF NEW.body_source LIKE '%CRASH HERE%' THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
                CREATE TRIGGER fail_chapter BEFORE INSERT ON chapters FOR EACH ROW EXECUTE FUNCTION fail_chapter();
                """, connection);
            await trigger.ExecuteNonQueryAsync();
        }

        var page = await author.PostWorkAsync(new() { ["Title"] = "Doomed work", ["Fandoms"] = "A Fandom Nobody Used Before", ["Body"] = "It was going well until CRASH HERE." });
        Assert.Equal(HttpStatusCode.InternalServerError, page.Status);
        Assert.Equal("Something went wrong", page.Find("h1")?.TextContent);
        Assert.DoesNotContain("simulated crash", page.Html);

        await using var db = app.Database();
        Assert.False(await db.Works.AnyAsync(w => w.Title == "Doomed work"));
        Assert.False(await db.Tags.AnyAsync(t => t.Name == "A Fandom Nobody Used Before"));
        Assert.Equal(0, await db.Works.CountAsync(w => w.Chapters.Count == 0));
    }
}
