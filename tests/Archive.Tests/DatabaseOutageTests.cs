using System.Net;
using Archive.Tests.Infrastructure;

namespace Archive.Tests;

/// <summary>PostgreSQL restarting or down, as an operator's archive sometimes has it: readers are told so, not shown a fault.</summary>
public class DatabaseOutageTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    [Fact]
    public async Task While_the_database_is_out_of_reach_pages_and_forms_answer_503_saying_so_and_to_try_again()
    {
        // An instance whose database is down: nothing listens where it should be.
        await using var cut = app.Variant(
            ("ConnectionStrings:Archive", $"Host=127.0.0.1;Port={Archive.Web.Database.PrivatePostgres.FreePort()};Username=archive;Password=archive;Database=archive;Timeout=2"),
            ("Archive:MigrateOnStartup", "false"));
        var reader = cut.NewVisitor();

        foreach (var url in new[] { "/works", "/works/1", "/tags/Anything/works", "/works/search?q=lighthouse" })
        {
            var response = await reader.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("reach its database just now", WebUtility.HtmlDecode(html));
            Assert.DoesNotContain("Exception", html);
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await reader.Http.GetAsync("/healthz")).StatusCode);

        // A form opened before the outage and sent during it says nothing was saved and how to get back what was typed.
        var writer = app.NewVisitor();
        var form = await writer.GetAsync("/login");
        var sent = await ArchiveFactory.VisitorAt(cut.Site, writer.Cookies).Http.PostAsync("/login", new FormUrlEncodedContent([
            new("__RequestVerificationToken", form.Value("__RequestVerificationToken")!), new("Login", "someone"), new("Password", "correct horse battery")]));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, sent.StatusCode);
        Assert.Contains("Back button returns to the form with what you wrote", await sent.Content.ReadAsStringAsync());

        // The same archive with its database up serves the page.
        Assert.Equal(HttpStatusCode.OK, (await app.NewVisitor().Http.GetAsync("/works")).StatusCode);
    }
}
