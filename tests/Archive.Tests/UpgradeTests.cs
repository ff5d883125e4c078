using System.Diagnostics;
using System.Net;
using Archive.Tests.Infrastructure;
using Archive.Web.Database;
using Npgsql;

namespace Archive.Tests;

/// <summary>
/// An archive made by the 1.0.0 release (tests/fixtures/upgrade/release-1.0.0.sql, remade by make-release-dump.sh from the
/// release's checkout) upgrades to the current code, and everything in it reads back through the site.
/// </summary>
public class UpgradeTests
{
    static async Task<string> RestoreReleaseDumpAsync()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Path.Combine(PrivatePostgres.FindBinDirectory(null), "psql"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { "-v", "ON_ERROR_STOP=1", "-q", "-h", target.Host!, "-p", target.Port.ToString(), "-U", target.Username!, "-d", target.Database!,
            "-f", Path.Combine(Fixtures.RepositoryRoot, "tests", "fixtures", "upgrade", "release-1.0.0.sql") })
            start.ArgumentList.Add(arg);
        if (target.Password is { } password) start.Environment["PGPASSWORD"] = password;
        using var psql = Process.Start(start)!;
        var errors = psql.StandardError.ReadToEndAsync();
        await psql.StandardOutput.ReadToEndAsync();
        await psql.WaitForExitAsync();
        Assert.True(psql.ExitCode == 0, await errors);
        return connectionString;
    }

    static async Task<ArchiveClient> SignInAsync(ArchiveFactory site, string name)
    {
        var visitor = site.NewVisitor();
        var page = await visitor.SubmitAsync("/login", "/login", [new("Login", name), new("Password", "correct horse battery")]);
        Assert.Contains(name, page.Find(".user-menu summary")?.TextContent ?? page.Html);
        return visitor;
    }

    [Fact]
    public async Task An_archive_made_by_the_first_release_upgrades_and_every_kind_of_row_reads_back()
    {
        await using var site = ArchiveFactory.On(await RestoreReleaseDumpAsync());

        // A reader who isn't signed in: the work, its chapters, tags, comment and kudos, its series and collection.
        var guest = site.NewVisitor();
        var work = await guest.GetAsync("/works/1");
        Assert.Equal("The Release", work.Find("h1.title")?.TextContent);
        Assert.Contains("A summary kept since", work.Find(".summary")?.TextContent);
        Assert.Contains("A comment from the first release.", work.Text);
        Assert.Contains("release_reader", work.Find("#kudos")?.TextContent);
        Assert.Contains("Beginnings", work.Text);
        Assert.Contains("The second chapter.", (await guest.GetAsync("/works/1/chapters/2")).Text);
        Assert.Contains("The Release", (await guest.GetAsync("/tags/Clark Kent*s*Lex Luthor/works")).Text);
        Assert.Contains("The Release", (await guest.GetAsync("/tags/First Release/works")).Text);
        var series = await guest.GetAsync("/series/1");
        Assert.Contains("Release Series", series.Text);
        Assert.Contains("The Release", series.Text);
        Assert.Contains("The Release", (await guest.GetAsync("/collections/release_gifts/works")).Text);

        // Accounts: passwords still sign in; each finds what is theirs.
        var reader = await SignInAsync(site, "release_reader");
        Assert.Contains("Bookmarked in 1.0.", (await reader.GetAsync("/users/release_reader/bookmarks")).Text);
        Assert.Contains("The Release", (await reader.GetAsync("/history")).Text);
        Assert.Contains("The Release", (await reader.GetAsync("/subscriptions")).Text);
        var author = await SignInAsync(site, "release_author");
        Assert.Contains("An unposted draft", (await author.GetAsync("/drafts")).Text);
        Assert.Contains("A comment from the first release.", (await author.GetAsync("/inbox")).Text);
        var moderator = await SignInAsync(site, "release_moderator");
        Assert.Equal(HttpStatusCode.OK, (await moderator.GetAsync("/moderation")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/moderation")).Status);

        // And the upgraded archive takes new work.
        var posted = await author.AddChapterAsync(1, new() { ["Body"] = "A chapter posted after the upgrade." });
        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.Contains("A chapter posted after the upgrade.", (await guest.GetAsync("/works/1/chapters/3")).Text);
    }
}
