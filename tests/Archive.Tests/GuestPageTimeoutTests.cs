using System.Net;
using Archive.Tests.Infrastructure;
using Npgsql;

namespace Archive.Tests;

/// <summary>A guest's page that can't get what it needs from the database quickly gives up, rather than holding a connection that others need.</summary>
public class GuestPageTimeoutTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    [Fact]
    public async Task A_guest_page_stuck_behind_a_lock_gives_up_with_a_try_again_page_while_a_signed_in_reader_waits_it_out()
    {
        await using var site = app.Variant(("Archive:Limits:GuestCommandTimeoutSeconds", "1"));
        var author = await site.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Behind a lock" }));
        var reader = await site.NewVisitor().SignUpAsync();

        // Someone (a migration, a long maintenance statement) holds the works table.
        await using var maintenance = new NpgsqlConnection(app.ConnectionString);
        await maintenance.OpenAsync();
        var holding = await maintenance.BeginTransactionAsync();
        await using (var lockWorks = new NpgsqlCommand("LOCK TABLE works IN ACCESS EXCLUSIVE MODE", maintenance, holding))
            await lockWorks.ExecuteNonQueryAsync();

        var readerWaits = reader.GetAsync("/works/search?q=behind");
        // (A guest's work page is kept ready in the page cache; a search not asked before has to read the works.)
        var guest = await site.NewVisitor().GetAsync("/works/search?q=behind");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, guest.Status);
        Assert.Equal("This page took too long", guest.Find("h1")?.TextContent);
        Assert.Contains("Please try again in a few seconds", guest.Text);
        Assert.Equal(TimeSpan.FromSeconds(10), guest.Headers!.RetryAfter!.Delta);
        Assert.False(readerWaits.IsCompleted);

        await holding.RollbackAsync();
        var read = await readerWaits;
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal($"/works/{id}", read.Find("li.blurb .heading a[href^='/works/']")?.GetAttribute("href"));
        Assert.Equal("Behind a lock", (await site.NewVisitor().GetAsync("/works/search?q=behind")).Find("li.blurb .heading a[href^='/works/']")?.TextContent);
    }
}
