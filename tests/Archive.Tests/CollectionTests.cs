using System.Net;
using System.Text.Json;
using Archive.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Archive.Tests;

public class CollectionTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    static string NewName() => $"fest_{Guid.NewGuid():N}"[..16];

    /// <summary>Creates a collection through its form, as its owner would; returns its name.</summary>
    static async Task<string> CreateCollectionAsync(ArchiveClient owner, string title, Dictionary<string, string>? settings = null, string? name = null)
    {
        name ??= NewName();
        var fields = new Dictionary<string, string> { ["Name"] = name, ["Title"] = title };
        foreach (var (key, value) in settings ?? []) fields[key] = value;
        var page = await owner.SubmitAsync("/collections/new", "/collections/new", fields);
        Assert.True(page.Url == $"/collections/{name}", $"Creating {name} ended at {page.Url}: {string.Join(" | ", page.FindAll(".field-error").Select(e => e.TextContent))}");
        return name;
    }

    static List<string> Titles(Page page) => page.FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task An_owner_makes_a_collection_authors_post_to_it_and_readers_browse_filter_and_follow_its_works()
    {
        var owner = await app.NewVisitor().SignUpAsync();
        var name = await CreateCollectionAsync(owner, "Remix Redux 2026", new() { ["Description"] = "<p>Remix <script>alert(1)</script>someone!</p>", ["HeaderImageUrl"] = "https://example.org/banner.png" });
        var sub = await CreateCollectionAsync(owner, "Remix Redux: Smallville", new() { ["Parent"] = name });

        var author = await app.NewVisitor().SignUpAsync();
        var posted = await author.PostWorkAsync(new() { ["Title"] = "Ghost Story (the Shadows remix)", ["Fandoms"] = "Smallville", ["Collections"] = name });
        var id = ArchiveClient.WorkId(posted);
        Assert.Equal("Remix Redux 2026", posted.Find("dd.collections a")?.TextContent);
        var second = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Lighthouse Keeping", ["Fandoms"] = "Due South", ["Collections"] = sub }));
        await author.PostWorkAsync(new() { ["Title"] = "Not In Any Collection" });

        var reader = app.NewVisitor();
        var profile = await reader.GetAsync($"/collections/{name}");
        Assert.Equal("Remix Redux 2026", profile.Find("h1")?.TextContent);
        Assert.Contains("Remix someone!", profile.Find(".description")?.TextContent);
        Assert.Null(profile.Find(".description script"));
        Assert.Equal("https://example.org/banner.png", profile.Find("img.collection-header")?.GetAttribute("src"));
        Assert.Equal(["Remix Redux: Smallville"], profile.FindAll(".collections .heading a").Select(a => a.TextContent));
        Assert.Contains(owner.UserName!, profile.Find(".maintainers")?.TextContent);

        // The parent lists its subcollection's works too; the filters and counts are a tag page's.
        var works = await reader.GetAsync($"/collections/{name}/works");
        Assert.Equal(["Lighthouse Keeping", "Ghost Story (the Shadows remix)"], Titles(works));
        Assert.StartsWith("1 – 2 of 2 works in", works.Find("h1")?.TextContent);
        Assert.Contains("Smallville (1)", works.Find("form.filters")?.TextContent);
        Assert.True(!works.Html.Contains("*collection*"), works.Html[Math.Max(0, works.Html.IndexOf("*collection*") - 300)..][..600]);
        Assert.Equal(["Ghost Story (the Shadows remix)"], Titles(await reader.GetAsync($"/collections/{name}/works?include=Smallville")));
        Assert.Equal(["Lighthouse Keeping"], Titles(await reader.GetAsync($"/collections/{sub}/works")));

        var feed = await reader.Http.GetStringAsync($"/collections/{name}/feed.atom");
        Assert.Contains("Ghost Story (the Shadows remix)", feed);
        Assert.Contains("Lighthouse Keeping", feed);
        Assert.DoesNotContain("Not In Any Collection", feed);

        var found = await reader.GetAsync("/collections?q=remix redux");
        Assert.Equal(["Remix Redux 2026", "Remix Redux: Smallville"], found.FindAll(".collections .heading > a:first-child").Select(a => a.TextContent).Order());
        Assert.Contains("2 works", found.FindAll(".collection").First(c => c.QuerySelector("a")!.TextContent == "Remix Redux 2026").TextContent);
        Assert.Contains("No collection's title or name has “no such fest”", (await reader.GetAsync("/collections?q=no such fest")).Text);

        using var api = JsonDocument.Parse(await reader.Http.GetStringAsync($"/api/collections/{name.ToUpperInvariant()}"));
        Assert.Equal("Remix Redux 2026", api.RootElement.GetProperty("title").GetString());
        Assert.Equal(2, api.RootElement.GetProperty("works").GetInt32());
        Assert.Equal([sub], api.RootElement.GetProperty("subcollections").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(owner.UserName, api.RootElement.GetProperty("maintainers")[0].GetProperty("userName").GetString());
        Assert.Contains(id, api.RootElement.GetProperty("newest").EnumerateArray().Select(w => w.GetProperty("id").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Http.GetAsync("/api/collections/no_such_collection")).StatusCode);
        // The collection's own tag is nobody's to browse.
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/tags/*collection*{name}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/tags/*collection*{name}/works")).Status);

        // Taking a work out takes it off the collection's page, and its page (kept for guests) forgets the collection.
        Assert.Equal("Remix Redux: Smallville", (await reader.GetAsync($"/works/{second}")).Find("dd.collections a")?.TextContent);
        var mine = await author.GetAsync("/collection-items");
        var remove = mine.FindAll("li.item").First(li => li.TextContent.Contains("Lighthouse Keeping")).QuerySelector("form[action$='/remove']")!.GetAttribute("action")!;
        await author.SubmitAsync("/collection-items", remove, []);
        Assert.Equal(["Ghost Story (the Shadows remix)"], Titles(await reader.GetAsync($"/collections/{name}/works")));
        Assert.Null((await reader.GetAsync($"/works/{second}")).Find("dd.collections"));
        // The list of collections (kept for guests) counts it out too.
        var again = await reader.GetAsync("/collections?q=remix redux");
        Assert.Contains("1 work", again.FindAll(".collection").First(c => c.QuerySelector("a")!.TextContent == "Remix Redux 2026").TextContent);
    }

    [Fact]
    public async Task A_bad_collection_form_says_what_is_wrong_and_keeps_what_was_typed()
    {
        var owner = await app.NewVisitor().SignUpAsync();
        var taken = await CreateCollectionAsync(owner, "Taken");
        var page = await owner.SubmitAsync("/collections/new", "/collections/new", new Dictionary<string, string>
        {
            ["Name"] = "has spaces!", ["Title"] = "", ["Description"] = "Kept text", ["HeaderImageUrl"] = "javascript:alert(1)", ["Parent"] = "nowhere_at_all",
        });
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Names are letters, digits and underscores, 60 characters or fewer.", page.ErrorFor("Name"));
        Assert.Equal("Please give the collection a title.", page.ErrorFor("Title"));
        Assert.Equal("The header image must be an http:// or https:// address of 500 characters or fewer.", page.ErrorFor("HeaderImageUrl"));
        Assert.Equal("There is no collection called “nowhere_at_all”.", page.ErrorFor("Parent"));
        Assert.Equal("Kept text", page.Value("Description"));
        Assert.Equal($"There is already a collection called “{taken}”.",
            (await owner.SubmitAsync("/collections/new", "/collections/new", new Dictionary<string, string> { ["Name"] = taken.ToUpperInvariant(), ["Title"] = "Again" })).ErrorFor("Name"));

        var author = await app.NewVisitor().SignUpAsync();
        var closed = await CreateCollectionAsync(owner, "Closed Fest", new() { ["IsOpen"] = "false" });
        var refused = await author.PostWorkAsync(new() { ["Title"] = "Too Late", ["Collections"] = $"{closed}, no_such_fest" });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.True(refused.ErrorFor("Collections").Contains("“Closed Fest” is closed: it takes no new works."), refused.ErrorFor("Collections") + refused.Url);
        Assert.Contains("There is no collection called “no_such_fest”.", refused.ErrorFor("Collections"));
        Assert.Equal("Too Late", refused.Value("Title"));
        // Addresses no collection could have find nothing, without troubling the database.
        Assert.Equal(HttpStatusCode.BadRequest, (await author.GetAsync("/collections/a%00b/works")).Status); // Kestrel refuses a NUL in a path
        Assert.Equal(HttpStatusCode.NotFound, (await author.GetAsync($"/collections/{new string('x', 500)}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await author.GetAsync("/collections?q=%00")).Status);
        // Someone else's collection can't be made a parent.
        var other = await app.NewVisitor().SignUpAsync();
        Assert.Equal("Only owners of “Taken” can add subcollections to it.",
            (await other.SubmitAsync("/collections/new", "/collections/new", new Dictionary<string, string> { ["Name"] = NewName(), ["Title"] = "Squatter", ["Parent"] = taken })).ErrorFor("Parent"));
    }

    [Fact]
    public async Task A_moderated_collection_lists_a_work_once_a_maintainer_approves_it_and_nobody_else_can_approve_or_accept()
    {
        var owner = await app.NewVisitor().SignUpAsync();
        var moderator = await app.NewVisitor().SignUpAsync();
        var name = await CreateCollectionAsync(owner, "Moderated Fest", new() { ["IsModerated"] = "true" });
        await owner.SubmitAsync($"/collections/{name}", $"/collections/{name}/maintainers", [new("userName", moderator.UserName!), new("role", "Moderator")]);

        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Waiting Work", ["Collections"] = name }));
        var reader = app.NewVisitor();
        Assert.Empty(Titles(await reader.GetAsync($"/collections/{name}/works")));
        Assert.Contains("waiting for a maintainer's approval", (await author.GetAsync("/collection-items")).Find("li.item .status")?.TextContent);

        var queue = await moderator.GetAsync($"/collections/{name}/items");
        var approve = queue.Find("li.item form[action$='/approve']")!.GetAttribute("action")!;
        // Neither the author, nor a stranger, nor a guest may approve; a moderator may not change settings.
        foreach (var other in new[] { author, await app.NewVisitor().SignUpAsync() })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync(approve, [new("__RequestVerificationToken", await other.TokenAsync())])).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/collections/{name}/items")).Status);
        }
        Assert.StartsWith("/login", (await reader.PostAsync(approve, [new("__RequestVerificationToken", await reader.TokenAsync())])).Url);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.GetAsync($"/collections/{name}/edit")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.PostAsync($"/collections/{name}/edit",
            [new("__RequestVerificationToken", await moderator.TokenAsync()), new("Title", "Hijacked")])).Status);
        Assert.Empty(Titles(await reader.GetAsync($"/collections/{name}/works")));

        await moderator.SubmitAsync($"/collections/{name}/items", approve, []);
        Assert.Equal(["Waiting Work"], Titles(await reader.GetAsync($"/collections/{name}/works")));

        // From the work page: only its creator adds it, and hears that it waits.
        var fromPage = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Added From Its Page" }));
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.PostAsync($"/works/{fromPage}/collections",
            [new("__RequestVerificationToken", await moderator.TokenAsync()), new("collections", name)])).Status);
        var added = await author.SubmitAsync($"/works/{fromPage}", $"/works/{fromPage}/collections", [new("collections", name)]);
        Assert.Equal("Added to Moderated Fest. Moderated Fest will list it once a maintainer approves it.", added.Find(".notice")?.TextContent);

        // A maintainer invites another work; only its creator can accept.
        var invitedId = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Invited Work" }));
        var invited = await owner.SubmitAsync($"/collections/{name}/items", $"/collections/{name}/items/invite", [new("work", $"{app.Site}/works/{invitedId}")]);
        Assert.Equal("The work's creators are invited to add it to the collection.", invited.Find(".notice")?.TextContent);
        Assert.Equal("1 collection invitation for your works", (await author.GetAsync("/inbox")).FindAll(".news a").Select(a => a.TextContent).Single(t => t.Contains("collection")));
        var mine = await author.GetAsync("/collection-items");
        var accept = mine.FindAll("li.item").First(li => li.TextContent.Contains("Invited Work")).QuerySelector("form[action$='/accept']")!.GetAttribute("action")!;
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.PostAsync(accept, [new("__RequestVerificationToken", await owner.TokenAsync())])).Status);
        // Editing the work doesn't answer the invitation for its creator.
        Assert.Equal("", (await author.GetAsync($"/works/{invitedId}/edit")).Value("Collections"));
        await author.SubmitAsync($"/works/{invitedId}/edit", $"/works/{invitedId}/edit", [new("Title", "Invited Work")]);
        Assert.DoesNotContain("Invited Work", Titles(await reader.GetAsync($"/collections/{name}/works")));
        await author.SubmitAsync("/collection-items", accept, []);
        Assert.Contains("Invited Work", Titles(await reader.GetAsync($"/collections/{name}/works")));

        await using var db = app.Database();
        Assert.Equal(2, await db.CollectionItems.CountAsync(i => i.Collection.Name == name && i.CreatorApproval == Archive.Web.Collections.Approval.Approved
            && i.CollectionApproval == Archive.Web.Collections.Approval.Approved));
    }

    [Fact]
    public async Task A_reveal_date_is_written_in_the_maintainers_time_zone_and_kept_as_the_same_moment()
    {
        var owner = await app.NewVisitor().SignUpAsync();
        var name = await CreateCollectionAsync(owner, "Berlin Fest", new() { ["IsAnonymous"] = "true", ["RevealAt"] = "2027-01-01T12:00", ["TimeZone"] = "Europe/Berlin" });
        Assert.Equal("2027-01-01T11:00:00.0000000+00:00", (await app.NewVisitor().GetAsync($"/collections/{name}")).Find(".settings time")?.GetAttribute("datetime"));
        var refused = await owner.SubmitAsync("/collections/new", "/collections/new", new Dictionary<string, string> { ["Name"] = NewName(), ["Title"] = "No Secrets", ["RevealAt"] = "2027-01-01T12:00" });
        Assert.Equal("A reveal date is for an anonymous or unrevealed collection: tick one of them, or leave the date empty.", refused.ErrorFor("RevealAt"));
    }

    [Fact]
    public async Task A_rec_collection_lists_readers_public_bookmarks_and_a_moderated_one_waits_for_a_maintainer()
    {
        var owner = await app.NewVisitor().SignUpAsync();
        var recs = await CreateCollectionAsync(owner, "Best of Due South");
        var picky = await CreateCollectionAsync(owner, "Picky Recs", new() { ["IsModerated"] = "true" });
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Ice Road", ["Fandoms"] = "Due South" }));
        var reader = await app.NewVisitor().SignUpAsync();

        var refused = await reader.SubmitAsync($"/works/{id}/bookmark", $"/works/{id}/bookmark", [new("notes", "So good"), new("isPrivate", "true"), new("collections", recs)]);
        Assert.Equal("A private bookmark can't be in a collection: make it public, or leave the collections empty.", refused.ErrorFor("collections"));
        Assert.Equal("So good", refused.Value("notes"));
        await reader.SubmitAsync($"/works/{id}/bookmark", $"/works/{id}/bookmark", [new("notes", "So good"), new("isRec", "true"), new("collections", $"{recs}, {picky}")]);

        var guest = app.NewVisitor();
        var listed = await guest.GetAsync($"/collections/{recs}/bookmarks");
        Assert.Equal(["Ice Road"], Titles(listed));
        Assert.Contains("So good", listed.Text);
        Assert.Empty(Titles(await guest.GetAsync($"/collections/{picky}/bookmarks")));
        var queue = await owner.GetAsync($"/collections/{picky}/items");
        var approve = queue.Find(".bookmarks form[action$='/approve']")!.GetAttribute("action")!;
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync(approve, [new("__RequestVerificationToken", await reader.TokenAsync())])).Status);
        await owner.SubmitAsync($"/collections/{picky}/items", approve, []);
        Assert.Equal(["Ice Road"], Titles(await guest.GetAsync($"/collections/{picky}/bookmarks")));

        // Leaving a collection off the bookmark takes it out.
        await reader.SubmitAsync($"/works/{id}/bookmark", $"/works/{id}/bookmark", [new("collections", picky)]);
        Assert.Empty(Titles(await guest.GetAsync($"/collections/{recs}/bookmarks")));
        Assert.Equal(picky, (await reader.GetAsync($"/works/{id}/bookmark")).Value("collections"));
    }
}
