using System.Net;
using Archive.Tests.Infrastructure;

namespace Archive.Tests;

/// <summary>What an operator reads in the console of an archive that is doing nothing wrong.</summary>
public class ConsoleLogTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    [Fact]
    public async Task Starting_and_using_the_main_pages_logs_no_database_warning()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var partner = await app.NewVisitor().SignUpAsync();
        // Naming a co-creator looks their pseud up; editing reads the work with its tags and creators.
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Quiet Harbour", ["Body"] = "Gulls over the lighthouse.", ["CoCreators"] = partner.UserName! }));
        Assert.Equal("Quiet Harbour", (await author.GetAsync($"/works/{id}/edit")).Value("Title"));
        Assert.Equal($"/works/{id}", (await author.SubmitAsync($"/works/{id}/edit", $"/works/{id}/edit", [new("Characters", "Chloe Sullivan")])).Url);

        var guest = app.NewVisitor();
        foreach (var page in new[] { "/", "/works", $"/works/{id}", $"/works/{id}?view_full_work=true", "/tags/Smallville/works",
                     "/tags/Smallville/works?include=Chloe%20Sullivan", "/works/search?q=lighthouse", "/works/search?q=lighthouse&sort=kudos",
                     $"/users/{author.UserName}", "/fandoms", "/collections", "/opds", $"/api/works/{id}" })
            Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync(page)).Status);
        foreach (var page in new[] { "/", $"/works/{id}", "/works/search?q=gulls", "/drafts", "/settings", "/invitations" })
            Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync(page)).Status);

        Assert.Empty(app.DatabaseWarnings);
    }
}
