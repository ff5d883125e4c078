using System.IO.Compression;
using System.Net;
using System.Text;
using Archive.Tests.Infrastructure;
using Archive.Web.Collections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests;

/// <summary>
/// Anonymous and unrevealed collections keep their secret everywhere: each test looks for the creator's name or the work's
/// title on every surface that shows works, as a guest, another user and the gift's recipient, before and after the reveal.
/// </summary>
public class AnonymousWorkTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    static async Task<string> CreateCollectionAsync(ArchiveClient owner, string title, Dictionary<string, string> settings)
    {
        var name = $"x_{Guid.NewGuid():N}"[..14];
        var fields = new Dictionary<string, string> { ["Name"] = name, ["Title"] = title };
        foreach (var (key, value) in settings) fields[key] = value;
        Assert.Equal($"/collections/{name}", (await owner.SubmitAsync("/collections/new", "/collections/new", fields)).Url);
        return name;
    }

    /// <summary>Everything each surface sends this visitor about the work, as text (an EPUB's files unpacked).</summary>
    async Task<Dictionary<string, string>> SurfacesAsync(ArchiveClient visitor, int id, string title, string fandom, string collection, string authorName, string recipientName, int seriesId, int commentId)
    {
        var surfaces = new Dictionary<string, string>();
        async Task Read(string url)
        {
            var response = await visitor.Http.GetAsync(url);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            surfaces[url] = url.EndsWith(".epub") && response.IsSuccessStatusCode ? Unzipped(bytes) : Encoding.UTF8.GetString(bytes);
        }
        foreach (var url in new[]
        {
            $"/works/{id}", $"/works/{id}?view_full_work=true", $"/works/{id}/chapters/1", "/works", $"/tags/{fandom}/works", $"/tags/{fandom}/feed.atom",
            $"/collections/{collection}/works", $"/collections/{collection}/feed.atom", $"/api/collections/{collection}", $"/api/works/{id}",
            $"/works/search?q={Uri.EscapeDataString(title)}", $"/works/search?q={authorName}", $"/users/{authorName}", $"/users/{authorName}/pseuds/{authorName}",
            $"/users/{recipientName}/gifts", $"/series/{seriesId}", "/opds/new", $"/opds/search/results?q={authorName}", $"/opds/search/results?q={Uri.EscapeDataString(title)}",
            $"/downloads/{id}/{title.Replace(' ', '_')}.html", $"/downloads/{id}/{title.Replace(' ', '_')}.epub", $"/comments/{commentId}",
        }) await Read(url);
        return surfaces;
    }

    /// <summary>
    /// The name shows with the work: in the blurb or feed entry that holds its title (a listing also holds the creator's
    /// signed works), or anywhere on a page of the work alone.
    /// </summary>
    static bool NamesCreator(string content, string title, string name) =>
        Shown("", content).Any(p => p.Contains(title) && p.Contains(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>What a surface shows of works: each feed entry or blurb of a listing, a search's results alone (not the words searched for), or the whole of anything else.</summary>
    static IEnumerable<string> Shown(string url, string content) =>
        content.Contains("<entry") ? content.Split("<entry").Skip(1)
        : content.Contains("class=\"blurb\"") || url.Contains("search") ? new AngleSharp.Html.Parser.HtmlParser().ParseDocument(content).QuerySelectorAll("li.blurb").Select(b => b.OuterHtml)
        : [content];

    static string Unzipped(byte[] epub)
    {
        using var zip = new ZipArchive(new MemoryStream(epub));
        return string.Join("\n", zip.Entries.Select(e => { using var reader = new StreamReader(e.Open()); return reader.ReadToEnd(); }));
    }

    [Fact]
    public async Task An_anonymous_collections_creators_are_Anonymous_on_every_surface_until_the_maintainers_reveal_them()
    {
        var owner = await app.NewVisitor().SignUpAsync();
        var collection = await CreateCollectionAsync(owner, "Secret Santa", new() { ["IsAnonymous"] = "true" });
        var author = await app.NewVisitor().SignUpAsync($"hidden_{Guid.NewGuid():N}"[..14]);
        var recipient = await app.NewVisitor().SignUpAsync();
        var fandom = $"Fandom{Guid.NewGuid():N}"[..14];
        // A public work of theirs in the same series would give them away: the series page leaves the anonymous one out.
        await author.PostWorkAsync(new() { ["Title"] = "Signed Work", ["Fandoms"] = fandom, ["NewSeriesTitle"] = "Signed Series" });
        var seriesId = int.Parse((await author.GetAsync("/works/new")).FindAll("select[name=SeriesId] option").Single(o => o.TextContent == "Signed Series").GetAttribute("value")!);
        var subscriber = await app.NewVisitor().SignUpAsync();
        await subscriber.SubmitAsync($"/users/{author.UserName}", "/subscriptions", []);
        const string title = "Unsigned Winter Gift";
        // It is inspired by the recipient's own work, whose creator is asked to list it.
        var originalId = ArchiveClient.WorkId(await recipient.PostWorkAsync(new() { ["Title"] = "The Original", ["Fandoms"] = fandom }));
        var posted = await author.PostWorkAsync(new() { ["Title"] = title, ["Fandoms"] = fandom, ["Collections"] = collection, ["GiftTo"] = recipient.UserName!, ["SeriesId"] = seriesId.ToString(),
            ["Related[0].Relation"] = "InspiredBy", ["Related[0].Url"] = $"{app.Site}/works/{originalId}" });
        var id = ArchiveClient.WorkId(posted);
        var asked = await recipient.GetAsync("/related-works");
        Assert.False(NamesCreator(asked.Html, title, author.UserName!), "the original's creator was told who wrote it");
        Assert.Contains("Anonymous", asked.Find("li.related-link")?.TextContent);
        await recipient.SubmitAsync("/related-works", asked.Find("li.related-link form[action$='/approve']")!.GetAttribute("action")!, []);
        var original = await app.NewVisitor().GetAsync($"/works/{originalId}");
        Assert.Contains(title, original.Text);
        Assert.False(NamesCreator(original.Html, title, author.UserName!), "the original's page names the creator of the work it inspired");
        Assert.Equal("Anonymous", posted.Find(".preface .byline")?.TextContent.Replace("by", "").Trim());
        var comment = await author.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", "Thank you all for reading!")]);
        int commentId;
        await using (var db = app.Database()) commentId = await db.Comments.Where(c => c.WorkId == id).Select(c => c.Id).SingleAsync();

        var visitors = new[] { ("a guest", app.NewVisitor()), ("another user", await app.NewVisitor().SignUpAsync()), ("the recipient", recipient) };
        foreach (var (who, visitor) in visitors)
        {
            var surfaces = await SurfacesAsync(visitor, id, title, fandom, collection, author.UserName!, recipient.UserName!, seriesId, commentId);
            foreach (var (url, content) in surfaces)
                Assert.False(NamesCreator(content, title, author.UserName!), $"{who} found the creator beside the work at {url}");
            // The work itself is still there to read, by "Anonymous".
            Assert.Contains(title, surfaces[$"/works/{id}"]);
            Assert.Contains("Anonymous", surfaces[$"/works/{id}"]);
            Assert.Contains(title, surfaces[$"/tags/{fandom}/works"]);
            Assert.Contains(title, surfaces[$"/users/{recipient.UserName}/gifts"]);
            Assert.DoesNotContain(Shown("search", surfaces[$"/works/search?q={author.UserName}"]), part => part.Contains(title));
            Assert.DoesNotContain(title, surfaces[$"/users/{author.UserName}"]);
            Assert.DoesNotContain(title, surfaces[$"/series/{seriesId}"]);
            Assert.Contains("Anonymous Creator", surfaces[$"/works/{id}"]);
            Assert.Contains("Anonymous Creator", surfaces[$"/comments/{commentId}"]);
            Assert.Contains("Anonymous", surfaces[$"/downloads/{id}/{title.Replace(' ', '_')}.epub"]);
        }
        // Someone who muted its creator still sees it, and their comment: hiding it would tell them who wrote it.
        var muter = await app.NewVisitor().SignUpAsync();
        await muter.SubmitAsync($"/users/{author.UserName}", $"/users/{author.UserName}/mute", []);
        Assert.Contains(title, (await muter.GetAsync($"/tags/{fandom}/works")).Text);
        Assert.DoesNotContain("Signed Work", (await muter.GetAsync($"/tags/{fandom}/works")).Text);
        Assert.Contains("Thank you all for reading!", (await muter.GetAsync($"/works/{id}")).Text);
        // Subscribers to its creator hear of it when it is revealed, not before.
        Assert.DoesNotContain(title, (await subscriber.GetAsync("/subscriptions")).Text);
        // Its creator still finds it among their works.
        Assert.Contains(title, (await author.GetAsync($"/users/{author.UserName}")).Text);

        // Only maintainers reveal.
        foreach (var forger in new[] { author, recipient })
            Assert.Equal(HttpStatusCode.Forbidden, (await forger.PostAsync($"/collections/{collection}/reveal",
                [new("__RequestVerificationToken", await forger.TokenAsync()), new("creators", "true")])).Status);
        Assert.Equal("The collection's creators are revealed.",
            (await owner.SubmitAsync($"/collections/{collection}", $"/collections/{collection}/reveal", [])).Find(".notice")?.TextContent);

        Assert.Contains($"New work by {author.UserName}: {title}", (await subscriber.GetAsync("/subscriptions")).Text);
        foreach (var (who, visitor) in visitors)
        {
            var surfaces = await SurfacesAsync(visitor, id, title, fandom, collection, author.UserName!, recipient.UserName!, seriesId, commentId);
            foreach (var url in new[] { $"/works/{id}", $"/tags/{fandom}/works", $"/works/search?q={author.UserName}", $"/users/{author.UserName}", $"/series/{seriesId}",
                $"/api/works/{id}", $"/downloads/{id}/{title.Replace(' ', '_')}.html", $"/downloads/{id}/{title.Replace(' ', '_')}.epub", $"/tags/{fandom}/feed.atom", $"/comments/{commentId}" })
            {
                Assert.True(surfaces[url].Contains(author.UserName!), $"{who} doesn't see the revealed creator at {url}");
                Assert.True(surfaces[url].Contains(title), $"{who} doesn't see the work at {url}");
            }
        }
    }

    [Fact]
    public async Task An_unrevealed_work_is_a_mystery_to_all_but_its_creators_and_maintainers_until_its_reveal_date()
    {
        var owner = await app.NewVisitor().SignUpAsync();
        var collection = await CreateCollectionAsync(owner, "Mystery Exchange", new() { ["IsUnrevealed"] = "true" });
        var author = await app.NewVisitor().SignUpAsync();
        var recipient = await app.NewVisitor().SignUpAsync();
        var fandom = $"Fandom{Guid.NewGuid():N}"[..14];
        await author.PostWorkAsync(new() { ["Title"] = "Known Work", ["Fandoms"] = fandom, ["NewSeriesTitle"] = "Known Series" });
        var seriesId = int.Parse((await author.GetAsync("/works/new")).FindAll("select[name=SeriesId] option").Single(o => o.TextContent == "Known Series").GetAttribute("value")!);
        const string title = "Zeta Surprise";
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = title, ["Fandoms"] = fandom, ["Collections"] = collection, ["GiftTo"] = recipient.UserName!, ["SeriesId"] = seriesId.ToString() }));
        var visitors = new[] { ("a guest", app.NewVisitor()), ("another user", await app.NewVisitor().SignUpAsync()), ("the recipient", recipient) };
        foreach (var (who, visitor) in visitors)
        {
            var surfaces = await SurfacesAsync(visitor, id, title, fandom, collection, author.UserName!, recipient.UserName!, seriesId, commentId: 0);
            foreach (var (url, content) in surfaces)
                Assert.False(Shown(url, content).Any(part => part.Contains(title)), $"{who} found the unrevealed work's title at {url}");
            var page = await visitor.GetAsync($"/works/{id}");
            Assert.Equal("Mystery work, part of Mystery Exchange. It will be revealed when the collection's maintainers reveal its works.",
                string.Join(" ", page.Find(".mystery")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync($"/api/works/{id}")).StatusCode);
            Assert.Contains("1 mystery work will be listed", (await visitor.GetAsync($"/collections/{collection}")).Text);
        }
        // Kudos, bookmarks and comments wait for the reveal too.
        var reader = visitors[1].Item2;
        Assert.Equal(HttpStatusCode.NotFound, (await reader.PostAsync($"/works/{id}/chapters/1/comments", [new("__RequestVerificationToken", await reader.TokenAsync()), new("Body", "Who wrote this?")])).Status);
        // Its creator and the collection's maintainers see it.
        Assert.Equal(title, (await author.GetAsync($"/works/{id}")).Find(".preface .title")?.TextContent);
        Assert.Equal(title, (await owner.GetAsync($"/works/{id}")).Find(".preface .title")?.TextContent);

        // The reveal date comes: every instance looks, and it is revealed once.
        await using (var db = app.Database())
            await db.Database.ExecuteSqlAsync($"UPDATE collections SET reveal_at = now() - interval '1 minute' WHERE name = {collection}");
        var revealed = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<CollectionWorks>().RevealDueAsync();
        }));
        Assert.Equal(1, revealed.Sum());

        foreach (var (who, visitor) in visitors)
        {
            foreach (var url in new[] { $"/works/{id}", $"/tags/{fandom}/works", $"/collections/{collection}/works", $"/works/search?q={Uri.EscapeDataString(title)}", $"/api/works/{id}",
                $"/users/{recipient.UserName}/gifts", $"/series/{seriesId}", $"/tags/{fandom}/feed.atom", $"/downloads/{id}/{title.Replace(' ', '_')}.html" })
                Assert.True((await visitor.Http.GetStringAsync(url)).Contains(title), $"{who} doesn't see the revealed work at {url}");
        }
    }

    [Fact]
    public async Task A_work_waiting_for_a_moderated_anonymous_collection_is_anonymous_until_the_collection_turns_it_away()
    {
        var owner = await app.NewVisitor().SignUpAsync();
        var collection = await CreateCollectionAsync(owner, "Moderated Secrets", new() { ["IsAnonymous"] = "true", ["IsModerated"] = "true" });
        var author = await app.NewVisitor().SignUpAsync($"waiting_{Guid.NewGuid():N}"[..14]);
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Waiting In Secret", ["Collections"] = collection }));
        var guest = app.NewVisitor();
        Assert.Equal("Anonymous", (await guest.GetAsync($"/works/{id}")).Find(".preface .byline")?.TextContent.Replace("by", "").Trim());
        Assert.DoesNotContain("Waiting In Secret", (await guest.GetAsync($"/users/{author.UserName}")).Text);
        var reject = (await owner.GetAsync($"/collections/{collection}/items")).Find("li.item form[action$='/reject']")!.GetAttribute("action")!;
        await owner.SubmitAsync($"/collections/{collection}/items", reject, []);
        Assert.Contains(author.UserName!, (await guest.GetAsync($"/works/{id}")).Find(".preface .byline")?.TextContent);
    }

    [Fact]
    public async Task A_work_that_becomes_unrevealed_leaves_comment_pages_histories_subscriptions_and_other_collections_invitations()
    {
        var owner = await app.NewVisitor().SignUpAsync();
        var collection = await CreateCollectionAsync(owner, "Late Mystery", new() { ["IsUnrevealed"] = "true" });
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Read Before The Secret" }));
        var reader = await app.NewVisitor().SignUpAsync();
        await reader.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", "Lovely!")]);
        await reader.SubmitAsync($"/works/{id}", "/subscriptions", []);
        int commentId;
        await using (var db = app.Database()) commentId = await db.Comments.Where(c => c.WorkId == id).Select(c => c.Id).SingleAsync();
        Assert.Contains("Read Before The Secret", (await reader.GetAsync("/history")).Text);

        await author.SubmitAsync($"/works/{id}", $"/works/{id}/collections", [new("collections", collection)]);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/comments/{commentId}")).Status);
        Assert.DoesNotContain("Read Before The Secret", (await reader.GetAsync("/history")).Text);
        var subscriptions = await reader.GetAsync("/subscriptions");
        Assert.DoesNotContain("Read Before The Secret", subscriptions.Text);
        Assert.Contains("Work: Mystery work", subscriptions.Text);
        Assert.Contains("Mystery work", (await reader.GetAsync($"/works/{id}/chapters/7")).Find("h1")?.TextContent);

        // Someone who makes a collection of their own can't invite it to see it.
        var stranger = await app.NewVisitor().SignUpAsync();
        var theirs = await CreateCollectionAsync(stranger, "Nosy Fest", []);
        var invited = await stranger.SubmitAsync($"/collections/{theirs}/items", $"/collections/{theirs}/items/invite", [new("work", id.ToString())]);
        Assert.Equal($"There is no work at “{id}”: give the work's address or number.", invited.Find(".notice")?.TextContent);
        Assert.NotNull((await stranger.GetAsync($"/works/{id}")).Find(".mystery"));
    }
}
