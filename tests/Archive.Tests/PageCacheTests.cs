using System.Net;
using System.Text.RegularExpressions;
using Archive.Tests.Infrastructure;
using Archive.Web.Caching;
using Archive.Web.Commands;
using Archive.Web.Hits;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests;

/// <summary>
/// Guests' pages come from a cache, and must never be stale or show anyone's private state. Each test first proves a page
/// is cached (a second guest's request sends no database command), then makes a change through the app as a person would,
/// and checks every page that shows it.
/// </summary>
public class PageCacheTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    static readonly Regex Token = new("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");

    static List<string> Titles(Page page) => page.FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent).ToList();

    /// <summary>Reads a page as a new guest, twice, and checks the second came from the cache. Returns what the second guest saw.</summary>
    async Task<Page> CachedAsync(string url)
    {
        // Hits are written every few seconds in the background, and rightly evict the pages showing them; so try a few times.
        for (var attempt = 1; ; attempt++)
        {
            await app.NewVisitor().GetAsync(url);
            var page = await app.NewVisitor().GetAsync(url);
            if (app.Queries[url] == 0) return page;
            Assert.True(attempt < 3, $"{url} sent {app.Queries[url]} database commands for a second guest: it wasn't cached.");
        }
    }

    async Task RunAsync(Func<IServiceProvider, TextWriter, TextWriter, Task<int>> command)
    {
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(0, await command(scope.ServiceProvider, TextWriter.Null, TextWriter.Null));
    }

    async Task<ArchiveClient> ModeratorAsync()
    {
        var moderator = await app.NewVisitor().SignUpAsync();
        await RunAsync((s, o, e) => AdminCommand.RunAsync(s, ["grant", moderator.UserName!, "moderator"], o, e));
        return moderator;
    }

    [Fact]
    public async Task Guests_read_a_cached_work_with_forms_that_carry_their_own_token_and_their_hits_count()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Read From Memory", ["Fandoms"] = "CacheReading" }));
        var hits = app.Service<HitCounter>();
        await hits.FlushAsync();
        // The author landing on their new work is no reader's hit.
        await using (var db = app.Database()) Assert.Equal(0, await db.Works.Where(w => w.Id == id).Select(w => w.Stats.HitsCount).SingleAsync());

        var first = app.NewVisitor();
        first.Http.DefaultRequestHeaders.UserAgent.ParseAdd("FirstGuest/1.0");
        var second = app.NewVisitor();
        second.Http.DefaultRequestHeaders.UserAgent.ParseAdd("SecondGuest/1.0");
        // The first guest's page is made (from the work's data, which the author's own visit may already have kept); the
        // second is that page, from the cache, without a query.
        var firstPage = await first.GetAsync($"/works/{id}");
        var response = await second.Http.GetAsync($"/works/{id}");
        Assert.Equal(0, app.Queries[$"/works/{id}"]);
        Assert.NotNull(response.Headers.Age);
        var secondHtml = await response.Content.ReadAsStringAsync();
        Assert.Contains("Read From Memory", secondHtml);

        // Each guest's forms carry a token of their own, and nothing meant for the server alone goes out.
        Assert.DoesNotContain(GuestPages.TokenSlot, firstPage.Html + secondHtml);
        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("X-Archive", StringComparison.OrdinalIgnoreCase));
        var firstTokens = Token.Matches(firstPage.Html).Select(m => m.Groups[1].Value).Distinct().ToList();
        var secondTokens = Token.Matches(secondHtml).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Single(firstTokens);
        Assert.Single(secondTokens);
        Assert.NotEqual(firstTokens[0], secondTokens[0]);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());

        // Both can use the cached page's forms.
        foreach (var (guest, name) in new[] { (first, "First Guest"), (second, "Second Guest") })
        {
            var commented = await guest.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments",
                [new("GuestName", name), new("GuestEmail", "guest@example.org"), new("Body", $"Comment from {name}")]);
            Assert.Equal("Comment posted.", commented.Find(".notice")?.TextContent);
        }
        Assert.Equal("Thank you for leaving kudos!", (await first.SubmitAsync($"/works/{id}", $"/works/{id}/kudos", [])).Find(".notice")?.TextContent);

        // Both reads count, though the second never reached the work's controller.
        await hits.FlushAsync();
        await using (var db = app.Database()) Assert.Equal(2, await db.Works.Where(w => w.Id == id).Select(w => w.Stats.HitsCount).SingleAsync());
        var shown = await CachedAsync($"/works/{id}");
        Assert.Equal("2", shown.Find("dd.hits")?.TextContent);
        Assert.Equal(["Comment from First Guest", "Comment from Second Guest"], shown.FindAll("li.comment > .userstuff").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task Posting_editing_and_deleting_works_and_chapters_show_on_every_cached_page_at_once()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Lighthouse Keeper", ["Fandoms"] = "CachePosting", ["ExpectedChapters"] = "?" }));
        string[] listings = ["/tags/CachePosting/works", "/works", "/works/search?q=lighthouse", "/tags/CachePosting"];
        foreach (var url in listings.Append($"/works/{id}").Append($"/api/works/{id}").Append("/tags/CachePosting/feed.atom").Append("/opds/tags/CachePosting?view_adult=true"))
            await CachedAsync(url);

        var second = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Lighthouse Storm", ["Fandoms"] = "CachePosting" }));
        Assert.Equal(["Lighthouse Storm", "Lighthouse Keeper"], Titles(await CachedAsync("/tags/CachePosting/works")));
        Assert.Contains("Lighthouse Storm", Titles(await CachedAsync("/works")));
        Assert.Contains("Lighthouse Storm", Titles(await CachedAsync("/works/search?q=lighthouse")));
        Assert.Contains("2 works", (await CachedAsync("/tags/CachePosting")).Text);
        Assert.Contains("Lighthouse Storm", (await CachedAsync("/tags/CachePosting/feed.atom")).Html);
        Assert.Contains("Lighthouse Storm", (await CachedAsync("/opds/tags/CachePosting?view_adult=true")).Html);

        await author.SubmitAsync($"/works/{id}/edit", $"/works/{id}/edit", [new("Title", "Lighthouse Keeper, Revised")]);
        Assert.Equal("Lighthouse Keeper, Revised", (await CachedAsync($"/works/{id}")).Find("h1.title")?.TextContent);
        Assert.Contains("\"title\":\"Lighthouse Keeper, Revised\"", (await CachedAsync($"/api/works/{id}")).Html);
        Assert.Contains("Lighthouse Keeper, Revised", Titles(await CachedAsync("/tags/CachePosting/works")));

        // Moving the work to another fandom takes it out of the old fandom's listings.
        await author.SubmitAsync($"/works/{id}/edit", $"/works/{id}/edit", [new("Fandoms", "CacheMoved")]);
        Assert.Equal(["Lighthouse Storm"], Titles(await CachedAsync("/tags/CachePosting/works")));
        Assert.Equal(["Lighthouse Keeper, Revised"], Titles(await CachedAsync("/tags/CacheMoved/works")));

        await author.AddChapterAsync(id, new() { ["Title"] = "The Second Night", ["Body"] = "The lamp went out." });
        var twoChapters = await CachedAsync($"/works/{id}");
        Assert.Equal("2/?", twoChapters.Find("dd.chapters")?.TextContent);
        Assert.Contains("The lamp went out.", (await CachedAsync($"/works/{id}/chapters/2")).Text);
        Assert.Contains("The lamp went out.", (await CachedAsync($"/works/{id}?view_full_work=true")).Text);

        await author.SubmitAsync($"/works/{id}/chapters/2/delete", $"/works/{id}/chapters/2/delete", []);
        Assert.Equal("1/?", (await CachedAsync($"/works/{id}")).Find("dd.chapters")?.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewVisitor().GetAsync($"/works/{id}/chapters/2")).Status);

        await author.SubmitAsync($"/works/{second}/delete", $"/works/{second}/delete", []);
        Assert.Empty(Titles(await CachedAsync("/tags/CachePosting/works")));
        Assert.DoesNotContain("Lighthouse Storm", Titles(await CachedAsync("/works/search?q=lighthouse")));
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewVisitor().GetAsync($"/works/{second}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewVisitor().Http.GetAsync($"/api/works/{second}")).StatusCode);
    }

    [Fact]
    public async Task Approving_screening_and_deleting_comments_and_kudos_show_on_the_cached_page_at_once()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Much Discussed", ["Fandoms"] = "CacheComments", ["ScreenComments"] = "true" }));
        var url = $"/works/{id}";
        await CachedAsync(url);
        await CachedAsync($"/tags/CacheComments/works?sort=kudos");

        var reader = await app.NewVisitor().SignUpAsync();
        await reader.SubmitAsync(url, $"/works/{id}/chapters/1/comments", [new("Body", "Waiting to be seen")]);
        var guestView = await CachedAsync(url);
        Assert.Empty(guestView.FindAll("li.comment"));
        Assert.Equal("0", guestView.Find("dd.comments")?.TextContent);

        var inAuthorsView = (await author.GetAsync(url)).Find("li.comment")!;
        var commentId = inAuthorsView.Id!.Replace("comment_", "");
        await author.SubmitAsync(url, $"/comments/{commentId}/approve", []);
        var approved = await CachedAsync(url);
        Assert.Equal(["Waiting to be seen"], approved.FindAll("li.comment > .userstuff").Select(c => c.TextContent.Trim()));
        Assert.Equal("1", approved.Find("dd.comments")?.TextContent);
        Assert.Equal("1", (await CachedAsync($"/tags/CacheComments/works?sort=kudos")).Find("li.blurb dd.comments")?.TextContent);

        await author.SubmitAsync(url, $"/comments/{commentId}/screen", []);
        Assert.Empty((await CachedAsync(url)).FindAll("li.comment"));
        await author.SubmitAsync(url, $"/comments/{commentId}/approve", []);
        Assert.Single((await CachedAsync(url)).FindAll("li.comment"));
        await reader.SubmitAsync(url, $"/comments/{commentId}/delete", []);
        Assert.Empty((await CachedAsync(url)).FindAll("li.comment"));

        await reader.SubmitAsync(url, $"/works/{id}/kudos", []);
        await app.Service<Archive.Web.Kudos.KudosCounts>().FlushAsync();
        var kudosed = await CachedAsync(url);
        Assert.Equal("1", kudosed.Find("dd.kudos")?.TextContent);
        Assert.Equal($"{reader.UserName} left kudos on this work!", kudosed.Find(".kudos-list")?.TextContent);
        Assert.Equal("1", (await CachedAsync($"/tags/CacheComments/works?sort=kudos")).Find("li.blurb dd.kudos")?.TextContent);
    }

    [Fact]
    public async Task A_tags_works_sorted_by_kudos_reorder_for_guests_and_readers_once_kudos_are_counted()
    {
        // Tag pages filter and sort a cached sample of the tag's newest works; counts moving must move it too.
        var author = await app.NewVisitor().SignUpAsync();
        var first = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Loved Later", ["Fandoms"] = "CacheSample" }));
        await author.PostWorkAsync(new() { ["Title"] = "Posted Second", ["Fandoms"] = "CacheSample" });
        const string url = "/tags/CacheSample/works?sort=kudos";
        var reader = await app.NewVisitor().SignUpAsync();
        Assert.Equal(["Posted Second", "Loved Later"], Titles(await CachedAsync(url)));
        Assert.Equal(["Posted Second", "Loved Later"], Titles(await reader.GetAsync(url)));

        await reader.SubmitAsync($"/works/{first}", $"/works/{first}/kudos", []);
        await app.Service<Archive.Web.Kudos.KudosCounts>().FlushAsync();
        Assert.Equal(["Loved Later", "Posted Second"], Titles(await CachedAsync(url)));
        Assert.Equal(["Loved Later", "Posted Second"], Titles(await reader.GetAsync(url)));

        var third = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Newest Of All", ["Fandoms"] = "CacheSample" }));
        Assert.Equal(["Newest Of All", "Posted Second", "Loved Later"], Titles(await reader.GetAsync("/tags/CacheSample/works?sort=posted")));
        Assert.Contains("Newest Of All", (await reader.GetAsync("/tags/CacheSample/feed.atom")).Html);
        await author.SubmitAsync($"/works/{third}/delete", $"/works/{third}/delete", []);
        Assert.DoesNotContain("Newest Of All", (await reader.GetAsync("/tags/CacheSample/works")).Html);
        Assert.DoesNotContain("Newest Of All", (await app.NewVisitor().GetAsync("/tags/CacheSample/feed.atom")).Html);
    }

    [Fact]
    public async Task A_reader_sorting_a_tags_works_by_kudos_costs_no_more_round_trips_than_sorting_by_title_until_counts_move()
    {
        // Counts are kept per work until they move: re-reading every sampled work's counts on every page cost 8-16 ms of
        // the database at a million works.
        var author = await app.NewVisitor().SignUpAsync();
        var liked = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Kept Liked", ["Fandoms"] = "CacheCounts" }));
        await author.PostWorkAsync(new() { ["Title"] = "Kept Plain", ["Fandoms"] = "CacheCounts" });
        var reader = await app.NewVisitor().SignUpAsync();
        const string byKudos = "/tags/CacheCounts/works?sort=kudos", byTitle = "/tags/CacheCounts/works?sort=title";
        await reader.GetAsync(byTitle);
        await reader.GetAsync(byKudos);

        Assert.Equal(["Kept Plain", "Kept Liked"], Titles(await reader.GetAsync(byKudos)));
        var sortedByKudos = app.Queries[byKudos];
        Assert.Equal(["Kept Liked", "Kept Plain"], Titles(await reader.GetAsync(byTitle)));
        Assert.Equal(app.Queries[byTitle], sortedByKudos);

        await app.NewVisitor().SubmitAsync($"/works/{liked}", $"/works/{liked}/kudos", []);
        await app.Service<Archive.Web.Kudos.KudosCounts>().FlushAsync();
        Assert.Equal(["Kept Liked", "Kept Plain"], Titles(await reader.GetAsync(byKudos)));
    }

    [Fact]
    public async Task Wrangling_a_tag_moves_its_works_on_cached_listings_at_once()
    {
        var author = await app.NewVisitor().SignUpAsync();
        await author.PostWorkAsync(new() { ["Title"] = "Spelled One Way", ["Fandoms"] = "CacheCanon" });
        await author.PostWorkAsync(new() { ["Title"] = "Spelled Another", ["Fandoms"] = "Cache Canon Alt" });
        await RunAsync((s, o, e) => TagsCommand.RunAsync(s, ["canonical", "CacheCanon"], o, e));
        Assert.Equal(["Spelled One Way"], Titles(await CachedAsync("/tags/CacheCanon/works")));
        await CachedAsync("/tags/CacheCanon");
        await CachedAsync("/api/tags/CacheCanon");

        await RunAsync((s, o, e) => TagsCommand.RunAsync(s, ["synonym", "Cache Canon Alt", "CacheCanon"], o, e));
        Assert.Equal(["Spelled Another", "Spelled One Way"], Titles(await CachedAsync("/tags/CacheCanon/works")));
        Assert.Contains("Cache Canon Alt", (await CachedAsync("/tags/CacheCanon")).Text);
        Assert.Contains("\"synonyms\":[\"Cache Canon Alt\"]", (await CachedAsync("/api/tags/CacheCanon")).Html);
        Assert.Contains("\"works\":2", (await CachedAsync("/api/tags/CacheCanon")).Html);
    }

    [Fact]
    public async Task A_hidden_or_deleted_work_leaves_every_cached_page_at_once()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Harbour Lights", ["Fandoms"] = "CacheHiding", ["ExpectedChapters"] = "?" }));
        await author.AddChapterAsync(id, new() { ["Body"] = "More lights." });
        string[] pages = [$"/works/{id}", $"/works/{id}/chapters/2", $"/works/{id}?view_full_work=true", $"/api/works/{id}"];
        string[] listings = ["/tags/CacheHiding/works", "/works", "/works/search?q=harbour", "/tags/CacheHiding/feed.atom", "/opds/tags/CacheHiding", "/opds/new", "/works/search?q=harbour&sort=hits"];
        foreach (var url in pages.Concat(listings)) Assert.Contains("Harbour Lights", (await CachedAsync(url)).Html);

        var moderator = await ModeratorAsync();
        await moderator.SubmitAsync($"/works/{id}", $"/moderation/works/{id}/hide", [new("reason", "checking a report")]);
        foreach (var url in pages) Assert.Equal(HttpStatusCode.NotFound, (await app.NewVisitor().GetAsync(url)).Status);
        foreach (var url in listings) Assert.DoesNotContain("Harbour Lights", (await CachedAsync(url)).Html);

        await moderator.SubmitAsync($"/works/{id}", $"/moderation/works/{id}/unhide", [new("reason", "fine")]);
        foreach (var url in pages.Concat(listings)) Assert.Contains("Harbour Lights", (await CachedAsync(url)).Html);

        await author.SubmitAsync($"/works/{id}/delete", $"/works/{id}/delete", []);
        foreach (var url in pages) Assert.Equal(HttpStatusCode.NotFound, (await app.NewVisitor().GetAsync(url)).Status);
        foreach (var url in listings) Assert.DoesNotContain("Harbour Lights", (await CachedAsync(url)).Html);
    }

    [Fact]
    public async Task A_refused_gift_a_renamed_pseud_a_series_and_an_approved_remix_show_on_cached_pages_at_once()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var recipient = await app.NewVisitor().SignUpAsync();
        await author.SubmitAsync("/pseuds/new", "/pseuds/new", [new("Name", "Lamplighter")]);
        var pseuds = await author.GetAsync("/works/new");
        var lamplighter = pseuds.FindAll("input[name=PseudIds]").Single(i => i.ParentElement!.TextContent.Contains("Lamplighter")).GetAttribute("value")!;
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "For A Friend", ["Fandoms"] = "CacheGifts", ["GiftTo"] = recipient.UserName!, ["PseudIds"] = lamplighter, ["NewSeriesTitle"] = "Lamps" }));
        var url = $"/works/{id}";
        Assert.Contains(recipient.UserName!, (await CachedAsync(url)).Find(".gifts")?.TextContent);
        Assert.Contains("Lamplighter", (await CachedAsync("/tags/CacheGifts/works")).Find("li.blurb .heading")?.TextContent);

        var gifts = await recipient.GetAsync($"/users/{recipient.UserName}/gifts");
        await recipient.SubmitAsync($"/users/{recipient.UserName}/gifts", gifts.Find("li.gift form")!.GetAttribute("action")!, []);
        Assert.Null((await CachedAsync(url)).Find(".gifts"));

        await author.SubmitAsync($"/users/{author.UserName}/pseuds/Lamplighter/edit", $"/users/{author.UserName}/pseuds/Lamplighter/edit", [new("Name", "Lantern Bearer")]);
        Assert.Contains("Lantern Bearer", (await CachedAsync(url)).Find(".byline")?.TextContent);
        Assert.Contains("Lantern Bearer", (await CachedAsync("/tags/CacheGifts/works")).Find("li.blurb .heading")?.TextContent);

        var seriesId = (await app.NewVisitor().GetAsync(url)).Find("nav.series a[href^='/series/']")!.GetAttribute("href")!.Split('/')[2];
        await author.SubmitAsync($"/series/{seriesId}/edit", $"/series/{seriesId}/edit", [new("title", "Lanterns")]);
        Assert.Contains("Lanterns", (await CachedAsync(url)).Find("nav.series")?.TextContent);

        var remixer = await app.NewVisitor().SignUpAsync();
        var remix = ArchiveClient.WorkId(await remixer.PostWorkAsync(new() { ["Title"] = "A Remix", ["Related[0].Relation"] = "RemixOf", ["Related[0].Url"] = new Uri(app.ClientOptions.BaseAddress, url).ToString() }));
        Assert.Null((await CachedAsync(url)).Find("section.children"));
        var pending = await author.GetAsync("/related-works");
        await author.SubmitAsync("/related-works", pending.FindAll("form").First(f => f.GetAttribute("action")!.EndsWith("/approve")).GetAttribute("action")!, []);
        Assert.Contains("A Remix", (await CachedAsync(url)).Find("section.children")?.TextContent);
        await remixer.SubmitAsync($"/works/{remix}/edit", $"/works/{remix}/edit", [new("Title", "A Remix, Retitled")]);
        Assert.Contains("A Remix, Retitled", (await CachedAsync(url)).Find("section.children")?.TextContent);
    }

    [Fact]
    public async Task No_reader_ever_gets_another_persons_page_from_the_cache()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Private Matters", ["Fandoms"] = "CachePrivacy", ["ScreenComments"] = "true", ["Rating"] = "Explicit" }));
        await author.PostWorkAsync(new() { ["Title"] = "Blocked Trope Work", ["Fandoms"] = "CachePrivacy", ["AdditionalTags"] = "CacheBlockedTrope" });
        var url = $"/works/{id}";
        var reader = await app.NewVisitor().SignUpAsync();
        await reader.SubmitAsync($"{url}?view_adult=true", $"/works/{id}/chapters/1/comments", [new("Body", "Only for the author")]);

        // The creator's view (screened comment, edit links) first, then a guest: the guest gets neither, nor the notice bypass.
        var authors = await author.GetAsync(url);
        Assert.Contains("Only for the author", authors.Text);
        Assert.NotNull(authors.Find("a[href$='/edit']"));
        var guestNotice = await CachedAsync(url);
        Assert.Equal("This work could have adult content", guestNotice.Find("h1")?.TextContent);
        var agreed = app.NewVisitor();
        var agreedPage = await agreed.GetAsync($"{url}?view_adult=true");
        Assert.DoesNotContain("Only for the author", agreedPage.Text);
        Assert.Null(agreedPage.Find($"a[href='/works/{id}/edit']"));
        // The agreement lasts for that guest alone.
        Assert.Equal("Private Matters", (await agreed.GetAsync(url)).Find("h1.title")?.TextContent);
        Assert.Equal("This work could have adult content", (await app.NewVisitor().GetAsync(url)).Find("h1")?.TextContent);

        // A guest's cached page never reaches the creator, a moderator or the commenter.
        Assert.Contains("Only for the author", (await author.GetAsync(url)).Text);
        Assert.Contains("Only for the author", (await reader.GetAsync($"{url}?view_adult=true")).Text);
        var moderator = await ModeratorAsync();
        var moderatorsView = await moderator.GetAsync(url);
        Assert.Contains("Only for the author", moderatorsView.Text);
        Assert.NotNull(moderatorsView.Find("form.moderator-tools"));
        var guestAfter = await CachedAsync($"{url}?view_adult=true");
        Assert.DoesNotContain("Only for the author", guestAfter.Text);
        Assert.Null(guestAfter.Find("form.moderator-tools"));

        // A blocklist is its reader's: guests and other readers see every work, before and after.
        var listing = "/tags/CachePrivacy/works";
        Assert.Equal(2, Titles(await CachedAsync(listing)).Count);
        await reader.SubmitAsync("/blocklist", "/blocklist", [new("tag", "CacheBlockedTrope")]);
        Assert.Equal(["Private Matters"], Titles(await reader.GetAsync(listing)));
        Assert.Equal(2, Titles(await CachedAsync(listing)).Count);
        Assert.Equal(2, Titles(await (await app.NewVisitor().SignUpAsync()).GetAsync(listing)).Count);

        // A notice shown after a guest's own action is theirs, and the page without it is what others get.
        var guest = app.NewVisitor();
        var afterKudos = await guest.SubmitAsync($"{url}?view_adult=true", $"/works/{id}/kudos", []);
        Assert.Equal("Thank you for leaving kudos!", afterKudos.Find(".notice")?.TextContent);
        Assert.Null((await CachedAsync($"{url}?view_adult=true")).Find(".notice"));
    }

    [Fact]
    public async Task Signed_in_readers_share_a_rendered_comment_section_but_never_a_token_a_screened_comment_or_an_edit_link()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Shared Discussion", ["Fandoms"] = "CacheSharedComments", ["ScreenComments"] = "true" }));
        var url = $"/works/{id}";
        var writer = await app.NewVisitor().SignUpAsync();
        await writer.SubmitAsync(url, $"/works/{id}/chapters/1/comments", [new("Body", "Approved for everyone")]);
        var approvedId = (await author.GetAsync(url)).Find("li.comment")!.Id!.Replace("comment_", "");
        await author.SubmitAsync(url, $"/comments/{approvedId}/approve", []);
        var waiting = await app.NewVisitor().SignUpAsync();
        await waiting.SubmitAsync(url, $"/works/{id}/chapters/1/comments", [new("Body", "Still waiting")]);

        static List<string> Tokens(Page page) => page.FindAll("#comments input[name=__RequestVerificationToken]").Select(i => i.GetAttribute("value")!).Distinct().ToList();
        var first = await app.NewVisitor().SignUpAsync();
        var second = await app.NewVisitor().SignUpAsync();
        var firstPage = await first.GetAsync(url);
        var secondPage = await second.GetAsync(url);
        // Built once for both: the section is kept for readers like them.
        var generation = app.Service<CacheGenerations>().Of(id);
        var kept = await app.Service<HybridCache>().GetOrCreateAsync<string?>($"comments:{app.Service<CacheGenerations>().Process}:{id}:1:1:{generation}", _ => ValueTask.FromResult<string?>(null),
            new HybridCacheEntryOptions { Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite });
        Assert.Contains(GuestFormAntiforgery.SharedPartSlot, kept);
        foreach (var page in new[] { firstPage, secondPage })
        {
            Assert.Equal(["Approved for everyone"], page.FindAll("li.comment > .userstuff").Select(c => c.TextContent.Trim()));
            Assert.Empty(page.FindAll("#comments a[href$='/edit']"));
            Assert.Empty(page.FindAll("#comments form[action$='/approve'], #comments form[action$='/screen']"));
            Assert.DoesNotContain(GuestFormAntiforgery.SharedPartSlot, page.Html);
            Assert.Single(Tokens(page));
        }
        Assert.NotEqual(Tokens(firstPage), Tokens(secondPage));
        // Each reader's forms work with their own token, and with nobody else's.
        var replied = await second.SubmitAsync(url, $"/works/{id}/chapters/1/comments", [new("ParentId", approvedId), new("Body", "Second reader agrees")]);
        Assert.Contains("Your comment was posted", replied.Find(".notice")?.TextContent);
        var borrowed = new FormUrlEncodedContent([new("__RequestVerificationToken", Tokens(firstPage)[0]), new("Body", "Borrowed token")]);
        Assert.Equal(HttpStatusCode.BadRequest, (await second.Http.PostAsync($"/works/{id}/chapters/1/comments", borrowed)).StatusCode);

        // Readers the section looks different to get their own: the writer of the waiting comment, the creator, a moderator.
        var waitingView = await waiting.GetAsync(url);
        Assert.Contains("Still waiting", waitingView.Text);
        Assert.NotNull(waitingView.Find("#comments a[href$='/edit']"));
        var authorsView = await author.GetAsync(url);
        Assert.Contains("Still waiting", authorsView.Text);
        Assert.NotEmpty(authorsView.FindAll("#comments form[action$='/approve']"));
        Assert.Contains("Still waiting", (await (await ModeratorAsync()).GetAsync(url)).Text);
        Assert.DoesNotContain("Still waiting", (await first.GetAsync(url)).Text);

        // Approving it shows it to the readers who shared the old section, at once.
        var waitingId = authorsView.FindAll("li.comment.screened").Single(c => c.TextContent.Contains("Still waiting")).Id!.Replace("comment_", "");
        await author.SubmitAsync(url, $"/comments/{waitingId}/approve", []);
        Assert.Contains("Still waiting", (await first.GetAsync(url)).Text);
    }

    [Fact]
    public async Task Signed_in_readers_share_a_rendered_work_page_but_each_sees_their_own_name_token_kudos_and_subscription()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Read By Many", ["Fandoms"] = "CacheSharedPages" }));
        var url = $"/works/{id}";
        var writer = await app.NewVisitor().SignUpAsync();
        await writer.SubmitAsync(url, $"/works/{id}/chapters/1/comments", [new("Body", "A comment everyone sees")]);
        var first = await app.NewVisitor().SignUpAsync();
        var second = await app.NewVisitor().SignUpAsync();

        static List<string> Tokens(Page page) => page.FindAll("input[name=__RequestVerificationToken]").Select(i => i.GetAttribute("value")!).Distinct().ToList();
        static string? NameInHeader(Page page) => page.Find("header.site details.user-menu > summary")?.TextContent.Replace("Your menu, ", "");
        var firstPage = await first.GetAsync(url);
        var secondPage = await second.GetAsync(url);
        // Rendered once for both, with slots for what is each reader's own.
        var generation = app.Service<CacheGenerations>().Of(id);
        var kept = await app.Service<HybridCache>().GetOrCreateAsync<Archive.Web.Works.RenderedPage?>($"reader-page:{app.Service<CacheGenerations>().Process}:{id}:1:1:{generation}:0:0::0:{Archive.Web.Skins.ReadingComfort.Default.Key}:",
            _ => ValueTask.FromResult<Archive.Web.Works.RenderedPage?>(null),
            new HybridCacheEntryOptions { Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite });
        Assert.NotNull(kept);
        var keptHtml = System.Text.Encoding.UTF8.GetString(kept.Utf8);
        Assert.Contains(Archive.Web.Works.WorkFragments.ReaderNameSlot, keptHtml);
        Assert.Contains(GuestFormAntiforgery.SharedPartSlot, keptHtml);
        Assert.DoesNotContain(first.UserName!, keptHtml);
        foreach (var (page, reader, other) in new[] { (firstPage, first, second), (secondPage, second, first) })
        {
            Assert.Equal(reader.UserName, NameInHeader(page));
            Assert.NotNull(page.Find($"header.site a[href='/users/{reader.UserName}']"));
            Assert.DoesNotContain(other.UserName!, page.Html);
            Assert.DoesNotContain("-slot", page.Html);
            Assert.Equal("A comment everyone sees", page.Find("li.comment > .userstuff")?.TextContent.Trim());
            Assert.Single(Tokens(page));
            Assert.Equal("Kudos ♥", page.Find("#kudos form[action$='/kudos'] button")?.TextContent);
        }
        Assert.NotEqual(Tokens(firstPage), Tokens(secondPage));

        // Kudos and a subscription are each reader's own, and their forms carry each reader's own token.
        var afterKudos = await second.SubmitAsync(url, $"/works/{id}/kudos", []);
        Assert.Equal("Thank you for leaving kudos!", afterKudos.Find(".notice")?.TextContent);
        var secondAgain = await second.GetAsync(url);
        Assert.Equal("You left kudos on this work ♥", secondAgain.Find("#kudos .kudos-given")?.TextContent);
        Assert.Contains(second.UserName!, secondAgain.Find("#kudos .kudos-list")?.TextContent);
        Assert.Null((await first.GetAsync(url)).Find("#kudos .kudos-given"));
        await first.SubmitAsync(url, "/subscriptions", []);
        await using var db = app.Database();
        var subscription = await db.Subscriptions.Where(s => s.TargetId == id).Select(s => s.Id).SingleAsync();
        var firstAgain = await first.GetAsync(url);
        Assert.Equal("Unsubscribe", firstAgain.Find($"#kudos form[action='/subscriptions/{subscription}/delete'] button")?.TextContent);
        Assert.Equal(first.UserName, NameInHeader(firstAgain));
        Assert.Equal("Subscribe", (await second.GetAsync(url)).Find("#kudos form[action='/subscriptions'] button")?.TextContent);
        var borrowed = new FormUrlEncodedContent([new("__RequestVerificationToken", Tokens(firstAgain)[0]), new("Body", "Borrowed token")]);
        Assert.Equal(HttpStatusCode.BadRequest, (await second.Http.PostAsync($"/works/{id}/chapters/1/comments", borrowed)).StatusCode);
        var logout = await first.SubmitAsync(url, "/logout", []);
        Assert.Null(logout.Find("header.site a[href^='/users/']"));

        // The same reader's page with the cache off is the same page (once the kudos count's round is written, or one
        // page could be read before it and the other after).
        await app.Service<Archive.Web.Kudos.KudosCounts>().FlushAsync();
        await using var uncached = app.Variant(("Archive:Cache:Enabled", "false"));
        var sameReader = uncached.NewVisitor();
        Assert.Equal(second.UserName, NameInHeader(await sameReader.SubmitAsync("/login", "/login", [new("Login", second.UserName!), new("Password", "correct horse battery")])));
        // Hits are counted in the background and shown within minutes (their own tests follow them): left out of the comparison.
        static string WithoutTokens(string html) => System.Text.RegularExpressions.Regex.Replace(
            Token.Replace(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"…\""), "<dd class=\"hits\">[0-9,]+</dd>", "<dd class=\"hits\">…</dd>");
        Assert.Equal(WithoutTokens((await sameReader.GetAsync(url)).Html), WithoutTokens((await second.GetAsync(url)).Html));
    }

    [Fact]
    public async Task A_story_written_with_the_words_of_a_pages_slots_shows_them_as_written_and_never_a_readers_token_or_name()
    {
        var author = await app.NewVisitor().SignUpAsync();
        // What slots looked like before they were chosen at random: an author who knew them could have had each reader's
        // token put into a link of theirs.
        const string words = "archive-guest-form-token-slot archive-shared-part-form-token-slot archive-reader-name-slot";
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Slot Words", ["Body"] = words, ["Summary"] = words }));
        var url = $"/works/{id}";
        var guest = await CachedAsync(url);
        var reader = await app.NewVisitor().SignUpAsync();
        await reader.GetAsync(url);
        var readers = await reader.GetAsync(url);
        foreach (var page in new[] { guest, readers })
        {
            Assert.Equal(words, page.Find(".chapter .userstuff, .userstuff")?.TextContent.Trim());
            Assert.Equal(2, Regex.Matches(page.Html, "archive-reader-name-slot").Count);
            var token = page.Find("#kudos input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            Assert.DoesNotContain(token, page.Find("article.work")!.InnerHtml);
        }
        Assert.DoesNotContain(reader.UserName!, readers.Find("article.work")!.InnerHtml);
    }

    [Fact]
    public async Task With_the_cache_turned_off_guests_get_the_same_pages()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Same Either Way", ["Fandoms"] = "CacheOff", ["ExpectedChapters"] = "?" }));
        await author.AddChapterAsync(id, new() { ["Body"] = "Still the same." });
        await using var uncached = app.Variant(("Archive:Cache:Enabled", "false"));
        string[] urls = [$"/works/{id}", $"/works/{id}/chapters/2", $"/works/{id}?view_full_work=true", "/tags/CacheOff/works", "/tags/CacheOff", "/works/search?q=same",
            $"/api/works/{id}", "/tags/CacheOff/feed.atom", "/opds/tags/CacheOff"];
        // Hits are counted in the background and shown within minutes (their own tests follow them): left out of the comparison.
        static string WithoutTokens(string html) => System.Text.RegularExpressions.Regex.Replace(
            Token.Replace(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"…\""), "<dd class=\"hits\">[0-9,]+</dd>", "<dd class=\"hits\">…</dd>");
        // One visitor reads everything (hits count once per visitor per day), so hit counts are settled before comparing.
        foreach (var url in urls) await app.NewVisitor().GetAsync(url);
        await app.Service<HitCounter>().FlushAsync();
        foreach (var url in urls)
        {
            var cached = await CachedAsync(url);
            var plain = (await uncached.NewVisitor().GetAsync(url)).Html;
            // Each server names itself in absolute links (feeds, the API).
            Assert.Equal(WithoutTokens(plain).Replace(uncached.Site, "SITE"), WithoutTokens(cached.Html).Replace(app.Site, "SITE"));
        }
    }

    [Fact]
    public async Task A_guests_form_token_works_only_with_their_own_cookie_and_never_for_a_signed_in_reader()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Guarded Forms" }));
        var action = $"/works/{id}/chapters/1/comments";
        using var raw = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(app.Site) };

        // Each guest: their cookie, and their page's token; a returning guest keeps both.
        async Task<(string Cookie, string Token)> GuestAsync(string? cookie = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/works/{id}");
            if (cookie is not null) request.Headers.Add("Cookie", cookie);
            using var response = await raw.SendAsync(request);
            var set = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.SingleOrDefault(v => v.StartsWith("archive_guest_form=")) : null;
            return (cookie ?? set!.Split(';')[0], Token.Match(await response.Content.ReadAsStringAsync()).Groups[1].Value);
        }
        async Task<HttpStatusCode> CommentAsync(string? cookie, string token, string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, action)
            {
                Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("GuestName", "Tester"), new("GuestEmail", "t@example.org"), new("Body", body)]),
            };
            if (cookie is not null) request.Headers.Add("Cookie", cookie);
            return (await raw.SendAsync(request)).StatusCode;
        }
        var alice = await GuestAsync();
        var bob = await GuestAsync();
        Assert.StartsWith("guest.", alice.Token);
        Assert.NotEqual(alice.Token, bob.Token);
        Assert.Equal(alice, await GuestAsync(alice.Cookie));

        Assert.Equal(HttpStatusCode.BadRequest, await CommentAsync(bob.Cookie, alice.Token, "Alice's token with Bob's cookie"));
        Assert.Equal(HttpStatusCode.BadRequest, await CommentAsync(null, alice.Token, "No cookie at all"));
        Assert.Equal(HttpStatusCode.BadRequest, await CommentAsync(alice.Cookie, "guest.forged-" + alice.Token[10..], "A made-up token"));
        var reader = await app.NewVisitor().SignUpAsync();
        var session = string.Join("; ", reader.Cookies.GetCookies(new Uri(app.Site)).Select(c => $"{c.Name}={c.Value}"));
        Assert.Equal(HttpStatusCode.BadRequest, await CommentAsync($"{session}; {alice.Cookie}", alice.Token, "A guest's token from a signed-in reader"));
        Assert.Equal(HttpStatusCode.Redirect, await CommentAsync(alice.Cookie, alice.Token, "Alice's own"));

        var page = await app.NewVisitor().GetAsync($"/works/{id}");
        Assert.Equal(["Alice's own"], page.FindAll("li.comment > .userstuff").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task A_change_made_through_another_instance_reaches_this_instances_cached_pages_at_once()
    {
        var author = await app.NewVisitor().SignUpAsync();
        await author.PostWorkAsync(new() { ["Title"] = "Across Instances", ["Fandoms"] = "CacheInstances" });
        await using var other = app.Variant();
        var url = "/tags/CacheInstances/works";
        // Nothing of this instance's own is waiting to evict the listing (the author's hit), so only the other instance can.
        await app.Service<HitCounter>().FlushAsync();
        Assert.Equal(["Across Instances"], Titles(await CachedAsync(url)));

        // Posted through the other instance, as behind a load balancer; its evictions arrive by PostgreSQL's NOTIFY,
        // a moment after its commit.
        var elsewhere = await ArchiveFactory.VisitorOf(other).SignUpAsync();
        await elsewhere.PostWorkAsync(new() { ["Title"] = "Posted Elsewhere", ["Fandoms"] = "CacheInstances" });
        for (var waited = 0; !Titles(await app.NewVisitor().GetAsync(url)).Contains("Posted Elsewhere"); waited += 50)
        {
            Assert.True(waited < 3_000, "The other instance's change didn't reach this instance's cached page.");
            await Task.Delay(50);
        }
        Assert.Equal(["Posted Elsewhere", "Across Instances"], Titles(await CachedAsync(url)));
    }

    [Fact]
    public async Task What_a_signed_in_readers_page_knows_of_them_follows_what_they_and_the_admins_do_at_once()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Known Readers" }));
        var url = $"/works/{id}";
        var moderator = await ModeratorAsync();
        Assert.NotNull((await moderator.GetAsync(url)).Find("form.moderator-tools"));
        Assert.NotNull((await moderator.GetAsync(url)).Find("form.moderator-tools"));
        await RunAsync((s, o, e) => AdminCommand.RunAsync(s, ["revoke", moderator.UserName!, "moderator"], o, e));
        Assert.Null((await moderator.GetAsync(url)).Find("form.moderator-tools"));

        var reader = await app.NewVisitor().SignUpAsync();
        Assert.Equal("Subscribe", (await reader.GetAsync(url)).Find("#kudos form[action='/subscriptions'] button")?.TextContent);
        var subscribed = await reader.SubmitAsync(url, "/subscriptions", []);
        Assert.Equal("Unsubscribe", subscribed.Find("#kudos form[action$='/delete'] button")?.TextContent);
        Assert.Equal("Bookmark", subscribed.Find($"#kudos a[href='/works/{id}/bookmark']")?.TextContent);
        var bookmarked = await reader.SubmitAsync($"/works/{id}/bookmark", $"/works/{id}/bookmark", [new("notes", "Mine")]);
        Assert.Equal("Edit bookmark", (await reader.GetAsync(url)).Find($"#kudos a[href='/works/{id}/bookmark']")?.TextContent);
    }

    [Fact]
    public async Task A_page_built_while_its_work_changed_is_not_kept()
    {
        var store = app.Service<IOutputCacheStore>();
        var clock = app.Service<EvictionClock>();
        var accessor = app.Service<IHttpContextAccessor>();
        var request = new DefaultHttpContext();
        accessor.HttpContext = request;
        try
        {
            // Built from what the database said before the change, stored after the change evicted its tag: refused.
            request.Items[GuestPages.BeganItem] = clock.Now();
            await store.EvictByTagAsync(CacheTags.Work(424242), default);
            await store.SetAsync("overtaken", [1, 2, 3], [CacheTags.Work(424242)], TimeSpan.FromMinutes(1), default);
            Assert.Null(await store.GetAsync("overtaken", default));

            // Built after the change: kept, until the next change evicts it.
            request.Items[GuestPages.BeganItem] = clock.Now();
            await store.SetAsync("current", [1, 2, 3], [CacheTags.Work(424242)], TimeSpan.FromMinutes(1), default);
            Assert.NotNull(await store.GetAsync("current", default));
            await store.EvictByTagAsync(CacheTags.Work(424242), default);
            Assert.Null(await store.GetAsync("current", default));
        }
        finally { accessor.HttpContext = null; }
    }
}
