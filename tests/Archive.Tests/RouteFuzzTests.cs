using System.Net;
using Archive.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Archive.Tests;

/// <summary>
/// Every route the app has (read from its endpoints, so a new route is included without editing this), sent malformed
/// ids, over-long and odd values, repeated parameters and forms with missing or extra fields, as a guest and signed in:
/// none may answer 500 or show a stack trace, and none may change data without a valid anti-forgery token.
/// </summary>
public class RouteFuzzTests(ArchiveFactory app, ITestOutputHelper output) : IClassFixture<ArchiveFactory>
{
    static readonly string[] OddValues = ["0", "-1", "2147483648", "abc", "%00", "%ff%fe", new string('x', 3000), "%27%3B--", "..%2F..%2Fetc%2Fpasswd", "%E2%80%AE"];

    static IEnumerable<(string Method, RouteEndpoint Endpoint)> Routes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"]).Select(m => (m, e)));

    static string Fill(RoutePattern pattern, string value) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => value,
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    static bool Crashed(HttpResponseMessage response, string body) =>
        response.StatusCode == HttpStatusCode.InternalServerError || body.Contains("   at Archive.") || body.Contains("Exception:");

    [Fact]
    public async Task Every_route_survives_malformed_requests_and_changes_nothing_without_a_form_token()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var work = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Fuzzed", ["Fandoms"] = "Fuzz Fandom" }));
        var signedIn = await app.NewVisitor().SignUpAsync();
        var routes = Routes(app.Services).ToList();
        var tried = 0;
        var failures = new List<string>();

        async Task<long> RowsAsync()
        {
            await using var db = app.Database();
            return await db.Works.LongCountAsync() + await db.Comments.LongCountAsync() + await db.Bookmarks.LongCountAsync() + await db.Kudos.LongCountAsync()
                + await db.Users.LongCountAsync() + await db.Tags.LongCountAsync() + await db.Drafts.LongCountAsync() + await db.Subscriptions.LongCountAsync()
                + await db.Collections.LongCountAsync() + await db.Series.LongCountAsync();
        }

        foreach (var visitor in new[] { app.NewVisitor(), signedIn })
        {
            var before = await RowsAsync();
            foreach (var (method, endpoint) in routes)
            {
                var pattern = endpoint.RoutePattern;
                var values = pattern.Parameters.Count == 0 ? [""] : OddValues.Append(work.ToString());
                foreach (var value in values)
                {
                    var path = Fill(pattern, value);
                    var query = $"?page=-1&page=99999999999&q=%00%ff&sort=zzz&id=abc&work={value}&returnUrl=//evil.example&x={new string('y', 2000)}";
                    using var request = new HttpRequestMessage(new HttpMethod(method), path + query);
                    if (method != "GET" && method != "HEAD")
                        // No token; fields missing, extra and odd.
                        request.Content = new FormUrlEncodedContent([new("Title", value), new("Body", value), new("Unexpected", "1"), new("Rating", "%00"), new("Position", "-5")]);
                    tried++;
                    HttpResponseMessage response;
                    try { response = await visitor.Http.SendAsync(request); }
                    catch (HttpRequestException e) { failures.Add($"{method} {path[..Math.Min(path.Length, 120)]}: {e.Message}"); continue; }
                    var body = await response.Content.ReadAsStringAsync();
                    if (Crashed(response, body)) failures.Add($"{method} {path[..Math.Min(path.Length, 120)]}: {(int)response.StatusCode}");
                    else if (method == "POST" && response.IsSuccessStatusCode && !body.Contains("<form"))
                        failures.Add($"POST {path[..Math.Min(path.Length, 120)]} without a token answered {(int)response.StatusCode}");
                }
            }
            // Odd methods on every route.
            foreach (var pattern in routes.Select(r => r.Endpoint.RoutePattern).DistinctBy(p => p.RawText))
                foreach (var method in new[] { "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE" })
                {
                    tried++;
                    var response = await visitor.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), Fill(pattern, work.ToString())));
                    if (Crashed(response, await response.Content.ReadAsStringAsync())) failures.Add($"{method} {pattern.RawText}: {(int)response.StatusCode}");
                }
            Assert.Equal(before, await RowsAsync());
        }
        output.WriteLine($"Tried {tried} requests over {routes.Count} routes.");
        TestFigures.Report($"Route fuzzing: {tried:N0} requests over {routes.Count} routes, as a guest and signed in; {failures.Distinct().Count()} failed.");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct().Take(40)));
    }
}
