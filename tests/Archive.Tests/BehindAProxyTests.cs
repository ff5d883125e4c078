using Archive.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests;

/// <summary>
/// The archive behind nginx: every request comes from the proxy's address, and only the proxies the operator names
/// (Archive:KnownProxies) are believed about who the visitor is. The tests' requests come from 127.0.0.1.
/// </summary>
public class BehindAProxyTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    static ArchiveClient From(ArchiveClient visitor, string address, string? scheme = null)
    {
        visitor.Http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        if (scheme is not null) visitor.Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", scheme);
        return visitor;
    }

    static async Task<string?> KudosNoticeAsync(ArchiveClient guest, int id) =>
        (await guest.SubmitAsync($"/works/{id}", $"/works/{id}/kudos", [])).Find(".notice")?.TextContent;

    [Fact]
    public async Task Guests_behind_a_known_proxy_each_leave_their_own_kudos_and_nobody_else_can_choose_an_address()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Read Through A Proxy" }));

        // No proxy configured: a header a guest sends themselves changes nothing; both are the one address they come from.
        Assert.Equal("Thank you for leaving kudos!", await KudosNoticeAsync(From(app.NewVisitor(), "203.0.113.1"), id));
        Assert.Equal("You have already left kudos here. :)", await KudosNoticeAsync(From(app.NewVisitor(), "203.0.113.2"), id));

        // Behind a proxy the operator named, each guest is their own address, and still leaves kudos once.
        await using var proxied = app.Variant(("Archive:KnownProxies", "10.1.2.3, 127.0.0.1"));
        Assert.Equal("Thank you for leaving kudos!", await KudosNoticeAsync(From(proxied.NewVisitor(), "203.0.113.3"), id));
        Assert.Equal("Thank you for leaving kudos!", await KudosNoticeAsync(From(proxied.NewVisitor(), "203.0.113.4"), id));
        Assert.Equal("You have already left kudos here. :)", await KudosNoticeAsync(From(proxied.NewVisitor(), "203.0.113.3"), id));
        // A chain of known proxies is followed back to the visitor; an address the visitor put in front of it isn't believed.
        Assert.Equal("Thank you for leaving kudos!", await KudosNoticeAsync(From(proxied.NewVisitor(), "198.51.100.9, 203.0.113.5, 10.1.2.3"), id));
        Assert.Equal("You have already left kudos here. :)", await KudosNoticeAsync(From(proxied.NewVisitor(), "198.51.100.10, 203.0.113.5, 10.1.2.3"), id));

        // Requests that don't come from a named proxy are the address they come from, whatever they say.
        await using var elsewhere = app.Variant(("Archive:KnownProxies", "10.0.0.0/8"));
        Assert.Equal("You have already left kudos here. :)", await KudosNoticeAsync(From(elsewhere.NewVisitor(), "203.0.113.6"), id));
    }

    [Fact]
    public async Task Guests_behind_a_configured_proxy_are_told_apart_by_their_forwarded_address()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Commented Through A Proxy", ["ScreenComments"] = "true" }));
        static Task<Page> CommentAsync(ArchiveClient guest, int id, string body) =>
            guest.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("GuestName", "Guest"), new("GuestEmail", "guest@example.org"), new("Body", body)]);
        await using var proxied = app.Variant(("Archive:KnownProxies", "10.1.2.3, 127.0.0.1"));
        await using var elsewhere = app.Variant(("Archive:KnownProxies", "10.0.0.0/8"));
        await CommentAsync(From(proxied.NewVisitor(), "203.0.113.30"), id, "First guest's advert.");
        await CommentAsync(From(proxied.NewVisitor(), "203.0.113.31"), id, "Second guest's real comment.");
        await CommentAsync(From(proxied.NewVisitor(), "198.51.100.1, 203.0.113.30, 10.1.2.3"), id, "First guest's advert, through two proxies.");
        // The same address claimed where it isn't believed: no proxy named, or sent from an address that isn't one.
        await CommentAsync(From(app.NewVisitor(), "203.0.113.30"), id, "Claimed with no proxy named.");
        await CommentAsync(From(elsewhere.NewVisitor(), "203.0.113.30"), id, "Claimed from outside the named proxies.");

        var moderator = await app.NewVisitor().SignUpAsync();
        await using (var scope = app.Services.CreateAsyncScope())
            await Archive.Web.Commands.AdminCommand.RunAsync(scope.ServiceProvider, ["grant", moderator.UserName!, "moderator"], TextWriter.Null, TextWriter.Null);
        async Task<List<string>> SameAddressAsAsync(string body)
        {
            var queue = await moderator.GetAsync("/moderation");
            var queuedId = queue.FindAll("li[id^=queued_]").Single(li => li.QuerySelector(".userstuff")!.TextContent.Trim() == body).Id!.Replace("queued_", "");
            var listed = await moderator.SubmitAsync("/moderation", "/moderation/comments", [new("ids", queuedId), new("action", "spam-and-list")]);
            return listed.FindAll("li[id^=same_guest_] .userstuff").Select(b => b.TextContent.Trim()).Order().ToList();
        }
        Assert.Equal(["First guest's advert, through two proxies."], await SameAddressAsAsync("First guest's advert."));
        // Both forged headers were ignored: those guests are the address they came from, the same one.
        Assert.Equal(["Claimed from outside the named proxies."], await SameAddressAsAsync("Claimed with no proxy named."));
    }

    [Fact]
    public async Task A_guest_on_https_through_a_known_proxy_gets_cookies_only_sent_over_https()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Read Over Https" }));
        await using var proxied = app.Variant(("Archive:KnownProxies", "127.0.0.1"));

        static async Task<string> GuestCookieAsync(ArchiveClient guest, int id)
        {
            var response = await guest.Http.GetAsync($"/works/{id}");
            return Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("archive_guest_form=", StringComparison.Ordinal));
        }
        Assert.Contains("; secure", await GuestCookieAsync(From(proxied.NewVisitor(), "203.0.113.7", "https"), id));
        // Someone claiming https without a proxy in between is still on plain http.
        Assert.DoesNotContain("; secure", await GuestCookieAsync(From(app.NewVisitor(), "203.0.113.7", "https"), id));
    }
}
