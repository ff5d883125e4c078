using System.Net;
using Archive.Tests.Infrastructure;

namespace Archive.Tests;

public class HeadRequestTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    [Fact]
    public async Task An_uptime_monitor_asking_with_head_gets_the_pages_answer_without_its_body()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Checked By Monitors", ["Fandoms"] = "Head Fandom" }));
        var monitor = app.NewVisitor().Http;
        foreach (var (url, status) in new[] { ("/", HttpStatusCode.OK), ($"/works/{id}", HttpStatusCode.OK), ("/tags/Head Fandom/works", HttpStatusCode.OK),
                     ("/healthz", HttpStatusCode.OK), ("/works/999999", HttpStatusCode.NotFound), ("/css/site.css", HttpStatusCode.OK) })
        {
            var get = await monitor.GetAsync(url);
            var head = await monitor.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            Assert.True(status == head.StatusCode, $"HEAD {url}: {head.StatusCode}");
            Assert.Equal(get.StatusCode, head.StatusCode);
            Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Every_page_carries_the_security_headers()
    {
        var visitor = app.NewVisitor().Http;
        foreach (var url in new[] { "/", "/works/search?q=x", "/login", "/css/site.css", "/works/999999", "/api/tags/autocomplete?term=a" })
        {
            var response = await visitor.GetAsync(url);
            var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe-inline", csp.Split(';').Single(d => d.Trim().StartsWith("script-src")));
            Assert.Contains("object-src 'none'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("base-uri 'self'", csp);
            Assert.Contains("form-action 'self'", csp);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }
}
