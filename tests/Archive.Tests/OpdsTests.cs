using System.IO.Compression;
using System.Net;
using System.Xml.Linq;
using Archive.Tests.Infrastructure;
using Archive.Web.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests;

public class OpdsTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    const string Acquisition = "application/atom+xml;profile=opds-catalog;kind=acquisition";
    const string Navigation = "application/atom+xml;profile=opds-catalog;kind=navigation";

    async Task<XElement> FeedAsync(ArchiveClient client, string url, string type)
    {
        var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Media type parameters compared without the spacing HttpClient adds.
        Assert.Equal(type + ";charset=utf-8", response.Content.Headers.ContentType?.ToString().Replace(" ", ""));
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        // What Atom requires of every feed and entry.
        Assert.Equal(Atom + "feed", feed.Name);
        foreach (var element in new[] { feed }.Concat(feed.Elements(Atom + "entry")))
            foreach (var required in new[] { "id", "title", "updated" })
                Assert.False(string.IsNullOrWhiteSpace(element.Element(Atom + required)?.Value), $"{required} missing in {url}");
        return feed;
    }

    static XElement Entry(XElement feed, string title) => feed.Elements(Atom + "entry").Single(e => e.Element(Atom + "title")?.Value == title);
    static List<string> Titles(XElement feed) => feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "title")!.Value).ToList();
    static string Href(XElement element, string rel, string? type = null) =>
        element.Elements(Atom + "link").First(l => (string?)l.Attribute("rel") == rel && (type is null || (string?)l.Attribute("type") == type)).Attribute("href")!.Value;

    [Fact]
    public async Task An_e_reader_browses_newest_works_and_fandoms_and_downloads_the_epub_from_an_acquisition_link()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var fandom = $"Opds Fandom {Guid.NewGuid():N}"[..22];
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Catalogued", ["Fandoms"] = fandom, ["Summary"] = "<p>A <em>fine</em> story.</p>" }));
        await author.AddChapterAsync(id, new() { ["Body"] = "More of it." });
        var reader = app.NewVisitor();

        var root = await FeedAsync(reader, "/opds", Navigation);
        Assert.Equal($"{app.Site}/opds/search", Href(root, "search", "application/opensearchdescription+xml"));
        Assert.Equal($"{app.Site}/opds", Href(root, "start", Navigation));
        var newest = Href(Entry(root, "Newest works"), "subsection", Acquisition);

        var feed = await FeedAsync(reader, newest, Acquisition);
        var entry = Entry(feed, "Catalogued");
        Assert.Equal(author.UserName, entry.Element(Atom + "author")?.Element(Atom + "name")?.Value);
        Assert.Contains("<em>fine</em>", entry.Element(Atom + "summary")?.Value);
        Assert.Contains(entry.Elements(Atom + "category"), c => (string?)c.Attribute("term") == fandom);
        Assert.Equal("en", entry.Element((XNamespace)"http://purl.org/dc/terms/" + "language")?.Value);
        var epub = Href(entry, "http://opds-spec.org/acquisition", "application/epub+zip");
        Assert.Equal($"{app.Site}/downloads/{id}/Catalogued.epub", epub);
        Assert.Equal($"{app.Site}/downloads/{id}/Catalogued.html", Href(entry, "http://opds-spec.org/acquisition", "text/html"));

        var download = await reader.Http.GetAsync(epub);
        Assert.Equal("application/epub+zip", download.Content.Headers.ContentType?.MediaType);
        using (var zip = new ZipArchive(await download.Content.ReadAsStreamAsync()))
            Assert.Equal("application/epub+zip", new StreamReader(zip.GetEntry("mimetype")!.Open()).ReadToEnd());

        var fandoms = await FeedAsync(reader, Href(Entry(root, "Fandoms"), "subsection", Navigation), Navigation);
        var tagFeed = await FeedAsync(reader, Href(Entry(fandoms, fandom), "subsection", Acquisition), Acquisition);
        Assert.Equal(["Catalogued"], Titles(tagFeed));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Http.GetAsync("/opds/tags/No Such Tag At All")).StatusCode);

        // A work a moderator hides leaves the catalogue with it.
        var moderator = await app.NewVisitor().SignUpAsync();
        await using (var scope = app.Services.CreateAsyncScope())
            await AdminCommand.RunAsync(scope.ServiceProvider, ["grant", moderator.UserName!, "moderator"], TextWriter.Null, TextWriter.Null);
        await moderator.SubmitAsync($"/works/{id}", $"/moderation/works/{id}/hide", [new("reason", "Review")]);
        Assert.DoesNotContain("Catalogued", Titles(await FeedAsync(reader, newest, Acquisition)));
        Assert.Empty(Titles(await FeedAsync(reader, Href(Entry(fandoms, fandom), "subsection", Acquisition), Acquisition)));
    }

    [Fact]
    public async Task Search_is_described_by_opensearch_and_answers_with_an_acquisition_feed()
    {
        var author = await app.NewVisitor().SignUpAsync();
        await author.PostWorkAsync(new() { ["Title"] = "Lighthouse Keeper", ["Body"] = "The lamp turned all night over the grey water." });
        await author.PostWorkAsync(new() { ["Title"] = "Desert Song" });
        var reader = app.NewVisitor();

        var description = XDocument.Parse(await reader.Http.GetStringAsync("/opds/search")).Root!;
        XNamespace openSearch = "http://a9.com/-/spec/opensearch/1.1/";
        Assert.Equal(openSearch + "OpenSearchDescription", description.Name);
        var template = description.Elements(openSearch + "Url").Single(u => (string?)u.Attribute("type") == Acquisition).Attribute("template")!.Value;
        Assert.Equal($"{app.Site}/opds/search/results?q={{searchTerms}}", template);

        var results = await FeedAsync(reader, template.Replace("{searchTerms}", Uri.EscapeDataString("lamp water")), Acquisition);
        Assert.Equal(["Lighthouse Keeper"], Titles(results));
        Assert.Empty(Titles(await FeedAsync(reader, "/opds/search/results?q=", Acquisition)));
    }

    [Fact]
    public async Task Adult_works_stay_out_of_the_catalogue_until_the_reader_chooses_to_include_them_and_downloads_ask_first()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Night Thoughts", ["Rating"] = "Explicit" }));
        var reader = app.NewVisitor();

        Assert.DoesNotContain("Night Thoughts", Titles(await FeedAsync(reader, "/opds/new", Acquisition)));
        var root = await FeedAsync(reader, "/opds", Navigation);
        var include = Entry(root, "Include works with adult content");
        Assert.Contains("Mature, Explicit or Not Rated", include.Element(Atom + "content")?.Value);

        // The choice travels in the links, for e-reader apps that keep no cookies.
        var adultRoot = await FeedAsync(app.NewVisitor(), Href(include, "subsection", Navigation), Navigation);
        Assert.DoesNotContain("Include works with adult content", Titles(adultRoot));
        var feed = await FeedAsync(app.NewVisitor(), Href(Entry(adultRoot, "Newest works"), "subsection", Acquisition), Acquisition);
        var epub = Href(Entry(feed, "Night Thoughts"), "http://opds-spec.org/acquisition", "application/epub+zip");
        Assert.Equal($"{app.Site}/downloads/{id}/Night_Thoughts.epub?view_adult=true", epub);
        Assert.Equal("application/epub+zip", (await app.NewVisitor().Http.GetAsync(epub)).Content.Headers.ContentType?.MediaType);

        // Straight to the download without agreeing: the notice, not the book.
        var asked = await app.NewVisitor().GetAsync($"/downloads/{id}/Night_Thoughts.epub");
        Assert.Equal("This work could have adult content", asked.Find("h1")?.TextContent);
        Assert.Equal($"/downloads/{id}/Night_Thoughts.epub?view_adult=true", asked.Find("a.button.primary")?.GetAttribute("href"));
        // Its creator isn't asked, as on the work page.
        Assert.Equal("application/epub+zip", (await author.Http.GetAsync($"/downloads/{id}/Night_Thoughts.epub")).Content.Headers.ContentType?.MediaType);
    }
}
