using System.Net;
using System.Text;
using Archive.Tests.Infrastructure;

namespace Archive.Tests;

/// <summary>"Only show to registered users": a guest is asked to log in, and finds the work on no surface; a signed-in reader reads it, marked with a lock.</summary>
public class RegisteredUsersOnlyTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    /// <summary>What each surface sends this visitor, as text.</summary>
    static async Task<Dictionary<string, string>> SurfacesAsync(ArchiveClient visitor, int id, string fandom, string authorName, int seriesId, int commentId)
    {
        var surfaces = new Dictionary<string, string>();
        foreach (var url in new[]
        {
            $"/works/{id}", $"/works/{id}?view_full_work=true", $"/works/{id}/chapters/1", "/works", $"/tags/{fandom}/works", $"/tags/{fandom}/works?sort=kudos",
            $"/tags/{fandom}/feed.atom", "/works/search?q=lighthouse", $"/works/search?q={authorName}", $"/users/{authorName}", $"/users/{authorName}/pseuds/{authorName}",
            $"/series/{seriesId}", "/opds/new", "/opds/search/results?q=lighthouse", $"/api/works/{id}",
            $"/downloads/{id}/The_Lighthouse_Keepers.html", $"/downloads/{id}/The_Lighthouse_Keepers.epub", $"/comments/{commentId}", $"/works/{id}/bookmarks",
        })
        {
            var response = await visitor.Http.GetAsync(url);
            surfaces[url] = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        }
        return surfaces;
    }

    [Fact]
    public async Task A_work_for_registered_users_only_is_kept_from_guests_everywhere_and_read_with_a_lock_by_users()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var fandom = $"Lighthouse Fandom {Guid.NewGuid():N}"[..26];
        var open = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "The Open Sea", ["Fandoms"] = fandom, ["NewSeriesTitle"] = "Coastal" }));
        var posted = await author.PostWorkAsync(new()
        {
            ["Title"] = "The Lighthouse Keepers", ["Fandoms"] = fandom, ["Body"] = "Only members read about the lighthouse.", ["RegisteredOnly"] = "true",
        });
        var id = ArchiveClient.WorkId(posted);
        Assert.NotNull(posted.Find("h1.title .restricted"));
        var seriesId = int.Parse(System.Text.RegularExpressions.Regex.Match((await author.GetAsync($"/works/{open}")).Html, @"/series/(\d+)").Groups[1].Value);
        await author.SubmitAsync($"/works/{id}/edit", $"/works/{id}/edit", [new("SeriesId", seriesId.ToString())]);
        var reader = await app.NewVisitor().SignUpAsync();
        var comment = await reader.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", "The lighthouse scene!")]);
        var commentId = int.Parse(System.Text.RegularExpressions.Regex.Match(comment.Url, @"comment_(\d+)|comment=(\d+)").Groups.Values.Skip(1).First(g => g.Success).Value);

        // A signed-in reader first: what the listings and searches keep for everyone is read with the work in it.
        var asReader = await SurfacesAsync(reader, id, fandom, author.UserName!, seriesId, commentId);
        foreach (var url in new[] { $"/works/{id}", $"/tags/{fandom}/works", "/works/search?q=lighthouse", $"/users/{author.UserName}", $"/series/{seriesId}", $"/downloads/{id}/The_Lighthouse_Keepers.html" })
            Assert.Contains("The Lighthouse Keepers", asReader[url]);
        Assert.Contains("Only members read about the lighthouse.", asReader[$"/works/{id}"]);
        Assert.Contains("only for registered users", asReader[$"/tags/{fandom}/works"]);

        var guest = app.NewVisitor();
        var asGuest = await SurfacesAsync(guest, id, fandom, author.UserName!, seriesId, commentId);
        foreach (var (url, content) in asGuest)
        {
            Assert.DoesNotContain("The Lighthouse Keepers", content);
            Assert.DoesNotContain("Only members read about the lighthouse.", content);
            Assert.DoesNotContain("The lighthouse scene!", content);
        }
        var page = await guest.GetAsync($"/works/{id}");
        Assert.Equal("This work is only available to registered users of the Archive. Log in to read it, or sign up.", page.Find(".locked")?.TextContent);
        Assert.Equal($"/login?returnUrl=%2Fworks%2F{id}", page.Find(".locked a")?.GetAttribute("href"));
        Assert.Contains("The Open Sea", asGuest[$"/tags/{fandom}/works"]);
        Assert.Contains("The Open Sea", asGuest[$"/series/{seriesId}"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await guest.Http.GetAsync($"/api/works/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guest.PostAsync($"/works/{id}/kudos", [new("__RequestVerificationToken", await guest.TokenAsync())])).Status);
        // The tag counts one work, for everyone: counts are shown to guests.
        for (var i = 0; i < 50 && !(await guest.GetAsync($"/api/tags/{Uri.EscapeDataString(fandom)}")).Html.Contains("\"works\":1"); i++) await Task.Delay(200);
        Assert.Contains("\"works\":1", (await guest.GetAsync($"/api/tags/{Uri.EscapeDataString(fandom)}")).Html);

        // Opened to everyone, it is there for guests at once (nothing kept from before says otherwise).
        await author.SubmitAsync($"/works/{id}/edit", $"/works/{id}/edit", [new("RegisteredOnly", "false")]);
        Assert.Contains("Only members read about the lighthouse.", (await guest.GetAsync($"/works/{id}")).Text);
        Assert.Contains("The Lighthouse Keepers", (await guest.GetAsync($"/tags/{fandom}/works")).Text);
        Assert.Contains("The Lighthouse Keepers", (await guest.GetAsync("/works/search?q=lighthouse")).Text);
    }

    [Fact]
    public async Task A_guests_search_never_shows_a_registered_users_work_whoever_searched_first()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var word = $"zq{Guid.NewGuid():N}"[..12];
        await author.PostWorkAsync(new() { ["Title"] = $"Members {word}", ["RegisteredOnly"] = "true" });
        await author.PostWorkAsync(new() { ["Title"] = $"Everyone {word}" });
        var reader = await app.NewVisitor().SignUpAsync();
        var guest = app.NewVisitor();
        // The reader searches first, then a guest; then the other way round with other words.
        Assert.Equal(2, (await reader.GetAsync($"/works/search?q={word}")).FindAll("li.blurb").Count());
        Assert.Equal([$"Everyone {word}"], (await guest.GetAsync($"/works/search?q={word}")).FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent));
        Assert.Single((await guest.GetAsync($"/works/search?q={word}+members+OR+{word}")).FindAll("li.blurb"));
        Assert.Equal(2, (await reader.GetAsync($"/works/search?q={word}+members+OR+{word}")).FindAll("li.blurb").Count());
    }
}
