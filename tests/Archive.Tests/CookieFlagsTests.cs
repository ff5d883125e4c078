using System.Net;
using Archive.Tests.Infrastructure;

namespace Archive.Tests;

/// <summary>
/// Every cookie the archive sets is out of reach of page scripts (HttpOnly), kept to the archive's own pages (SameSite), and,
/// when the archive is served over https, sent only over https (Secure): a session can't leak to a script or a plain-http link.
/// </summary>
public class CookieFlagsTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    /// <summary>Keeps cookies like a browser, and every Set-Cookie line the archive sent, as sent.</summary>
    sealed class RecordingCookies(CookieContainer jar, string? forwardedProto) : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        public List<string> SetCookies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            if (jar.GetCookieHeader(request.RequestUri!) is { Length: > 0 } cookies) request.Headers.Add("Cookie", cookies);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var lines))
                foreach (var line in lines)
                {
                    SetCookies.Add(line);
                    // The proxy speaks https to the browser and http to the archive: the jar is told of the cookie as the browser is.
                    jar.SetCookies(request.RequestUri!, line.Replace("; secure", "", StringComparison.OrdinalIgnoreCase));
                }
            return response;
        }
    }

    static (ArchiveClient Visitor, RecordingCookies Cookies) Visitor(ArchiveFactory site, string? forwardedProto)
    {
        var jar = new CookieContainer();
        var recording = new RecordingCookies(jar, forwardedProto);
        return (new ArchiveClient(new HttpClient(recording) { BaseAddress = new Uri(site.Site) }, jar), recording);
    }

    static Dictionary<string, string> Attributes(string setCookie) =>
        setCookie.Split(';', StringSplitOptions.TrimEntries).Skip(1)
            .Select(part => part.Split('=', 2)).ToDictionary(p => p[0].ToLowerInvariant(), p => p.Length > 1 ? p[1].ToLowerInvariant() : "");

    [Fact]
    public async Task Over_https_every_cookie_the_archive_sets_is_secure_httponly_and_samesite()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var adult = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "For adults", ["Rating"] = "Explicit" }));
        await using var proxied = app.Variant(("Archive:KnownProxies", "127.0.0.1"));
        var (visitor, cookies) = Visitor(proxied, "https");

        // What a guest collects: agreeing to see adult works, a reading choice, a form's token; then an account and a comment.
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/works/{adult}?view_adult=true")).Status);
        await visitor.SubmitAsync("/reading", "/reading", [new("skin", "dark"), new("textSize", "0"), new("width", "Normal")]);
        await visitor.SignUpAsync();
        var commented = await visitor.SubmitAsync($"/works/{adult}", $"/works/{adult}/chapters/1/comments", [new("Body", "Over https")]);
        Assert.Equal("Comment posted.", commented.Find(".notice")?.TextContent);

        var names = cookies.SetCookies.Select(c => c[..c.IndexOf('=')]).Distinct().ToList();
        foreach (var expected in new[] { "archive_session", "archive_reading", "view_adult", ".AspNetCore.Mvc.CookieTempDataProvider" })
            Assert.Contains(expected, names);
        Assert.Contains(names, n => n.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal) || n == "archive_guest_form");
        foreach (var setCookie in cookies.SetCookies)
        {
            var attributes = Attributes(setCookie);
            Assert.True(attributes.ContainsKey("secure"), $"not Secure: {setCookie}");
            Assert.True(attributes.ContainsKey("httponly"), $"not HttpOnly: {setCookie}");
            Assert.True(attributes.GetValueOrDefault("samesite") is "lax" or "strict", $"no SameSite: {setCookie}");
        }
        // The session follows a reader arriving by a link from another site (Lax); form tokens never need to (Strict).
        Assert.Equal("lax", Attributes(cookies.SetCookies.First(c => c.StartsWith("archive_session=", StringComparison.Ordinal)))["samesite"]);
        Assert.All(cookies.SetCookies.Where(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)), c => Assert.Equal("strict", Attributes(c)["samesite"]));
    }

    [Fact]
    public async Task Over_plain_http_on_ones_own_machine_signing_in_still_works()
    {
        var (visitor, cookies) = Visitor(app, forwardedProto: null);
        await visitor.SignUpAsync();
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/preferences")).Status);
        var session = cookies.SetCookies.First(c => c.StartsWith("archive_session=", StringComparison.Ordinal));
        Assert.False(Attributes(session).ContainsKey("secure"));
        Assert.True(Attributes(session).ContainsKey("httponly"));
    }

    [Fact]
    public async Task A_guest_browsing_is_sent_no_cookie_and_reading_a_work_only_its_forms_token()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Read without cookies", ["Fandoms"] = "Smallville" }));
        var other = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Another", ["Fandoms"] = "Smallville" }));
        var (guest, cookies) = Visitor(app, forwardedProto: null);
        foreach (var page in new[] { "/", "/tags/Smallville/works", "/works/search?q=cookies", $"/users/{author.UserName}", "/works", "/works/search", $"/works/{id}/bookmarks" })
        {
            Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync(page)).Status);
            Assert.True(cookies.SetCookies.Count == 0, $"{page}: {string.Join(" | ", cookies.SetCookies)}");
        }

        // A work's page has kudos and comment forms: the token they are checked against, once, and nothing else.
        await guest.GetAsync($"/works/{id}");
        Assert.Equal("archive_guest_form", Assert.Single(cookies.SetCookies)[..cookies.SetCookies[0].IndexOf('=')]);
        await guest.GetAsync($"/works/{other}");
        await guest.GetAsync($"/works/{id}/chapters/1");
        Assert.Single(cookies.SetCookies);
    }
}
