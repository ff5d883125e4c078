using System.Net;
using Archive.Tests.Infrastructure;
using Archive.Web.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests;

public class TagTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    async Task<(int Code, string Output, string Errors)> CommandAsync(Func<IServiceProvider, TextWriter, TextWriter, Task<int>> command)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (output, errors) = (new StringWriter(), new StringWriter());
        var code = await command(scope.ServiceProvider, output, errors);
        return (code, output.ToString().Trim(), errors.ToString().Trim());
    }

    Task<(int Code, string Output, string Errors)> Tags(params string[] args) => CommandAsync((s, o, e) => TagsCommand.RunAsync(s, args, o, e));

    static List<string> Titles(Page page) => page.FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task Every_spelling_of_a_pairing_is_found_under_its_canonical_tag_with_filters_and_counts()
    {
        var author = await app.NewVisitor().SignUpAsync();
        await author.PostWorkAsync(new() { ["Title"] = "Spelled A", ["Fandoms"] = "Smallville", ["Relationships"] = "Clark/Lex", ["Rating"] = "Mature", ["Body"] = "one two three" });
        await author.PostWorkAsync(new() { ["Title"] = "Spelled B", ["Fandoms"] = "Smallville", ["Relationships"] = "clark kent/lex luthor", ["Rating"] = "Explicit", ["Body"] = "one" });
        await author.PostWorkAsync(new() { ["Title"] = "Spelled C", ["Fandoms"] = "Smallville, Superman", ["Relationships"] = "Lex/Clark", ["Rating"] = "General Audiences" });
        await author.PostWorkAsync(new() { ["Title"] = "Friends only", ["Fandoms"] = "Smallville", ["Relationships"] = "Clark & Lex" });

        var (code, output, _) = await Tags("synonym", "Clark/Lex", "clark kent/lex luthor");
        Assert.Equal(0, code);
        Assert.Equal("“Clark/Lex” is now a synonym of “clark kent/lex luthor”.", output);
        // Spelled later, in yet another order and spacing: no wrangling needed.
        await author.PostWorkAsync(new() { ["Title"] = "Spelled D", ["Fandoms"] = "Smallville", ["Relationships"] = "Lex /  Clark" });

        var reader = app.NewVisitor();
        var canonical = await reader.GetAsync("/tags/clark kent*s*lex luthor/works");
        Assert.Equal(HttpStatusCode.OK, canonical.Status);
        Assert.Equal(["Spelled D", "Spelled C", "Spelled B", "Spelled A"], Titles(canonical));
        Assert.StartsWith("1 – 4 of 4 works in", canonical.Find("h1")?.TextContent);
        var ratingCounts = canonical.FindAll("form.filters fieldset").First(f => f.QuerySelector("legend")!.TextContent == "Include Rating").QuerySelectorAll("label").Select(l => l.TextContent.Trim()).ToList();
        Assert.Contains("Mature (1)", ratingCounts);
        Assert.Contains("Explicit (1)", ratingCounts);

        var synonymPage = await reader.GetAsync("/tags/Lex*s*Clark/works");
        Assert.Equal(["Spelled D", "Spelled C", "Spelled B", "Spelled A"], Titles(synonymPage));
        var synonymTag = await reader.GetAsync("/tags/Clark*s*Lex");
        Assert.Contains("a synonym of clark kent/lex luthor", synonymTag.Find(".tag-kind")?.TextContent);
        Assert.Equal("/tags/clark%20kent%2As%2Alex%20luthor", synonymTag.Find(".tag-kind a")?.GetAttribute("href"));

        Assert.Equal(["Spelled D", "Spelled C", "Spelled A"], Titles(await reader.GetAsync("/tags/clark kent*s*lex luthor/works?exclude=Explicit")));
        var mature = await reader.GetAsync("/tags/clark kent*s*lex luthor/works?include=Mature");
        Assert.Equal(["Spelled A"], Titles(mature));
        Assert.Equal(["Spelled C"], Titles(await reader.GetAsync("/tags/Smallville/works?crossovers=only")));
        Assert.DoesNotContain("Spelled C", Titles(await reader.GetAsync("/tags/Smallville/works?crossovers=exclude")));
        Assert.Equal(["Spelled A"], Titles(await reader.GetAsync("/tags/clark kent*s*lex luthor/works?words_from=2&words_to=3&sort=words")));
        Assert.Equal(["Friends only"], Titles(await reader.GetAsync("/tags/Clark *a* Lex/works")));
        Assert.Equal(["Spelled A", "Spelled B", "Spelled C", "Spelled D"], Titles(await reader.GetAsync("/tags/clark kent*s*lex luthor/works?sort=title")));

        var malformed = await reader.GetAsync("/tags/Smallville/works?words_from=lots&sort=sideways");
        Assert.Equal(HttpStatusCode.OK, malformed.Status);
        Assert.Contains("Ignored words from “lots”", malformed.Text);
        Assert.Contains("Ignored sort “sideways”", malformed.Text);
        Assert.Equal(5, Titles(malformed).Count);

        var unknown = await reader.GetAsync("/tags/No Such Tag/works");
        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Contains("There is no tag called “No Such Tag”", unknown.Text);
        Assert.Empty(Titles(unknown));
    }

    [Fact]
    public async Task Wrangling_refuses_loops_synonyms_of_synonyms_and_mixed_types()
    {
        var author = await app.NewVisitor().SignUpAsync();
        await author.PostWorkAsync(new() { ["Title"] = "Tagged", ["Fandoms"] = "Due South", ["Characters"] = "Benton Fraser, Ben Fraser, Ray Vecchio", ["AdditionalTags"] = "Canadians" });

        Assert.Equal(0, (await Tags("synonym", "Ben Fraser", "Benton Fraser")).Code);
        var loop = await Tags("synonym", "Benton Fraser", "Ben Fraser");
        Assert.Equal(1, loop.Code);
        Assert.Equal("“Ben Fraser” is itself a synonym of “Benton Fraser”; make “Benton Fraser” a synonym of “Benton Fraser” instead.", loop.Errors);
        var withSynonyms = await Tags("synonym", "Benton Fraser", "Ray Vecchio");
        Assert.Equal("“Benton Fraser” has synonyms of its own; make those synonyms of “Ray Vecchio” first.", withSynonyms.Errors);
        var mixed = await Tags("synonym", "Canadians", "Ray Vecchio");
        Assert.Equal("“Canadians” is an additional tag but “Ray Vecchio” is a character tag; a synonym must be of the same type.", mixed.Errors);
        Assert.Equal("A tag can't be a synonym of itself.", (await Tags("synonym", "Ray Vecchio", "ray vecchio")).Errors);
        Assert.Equal("There is no tag called “Nobody”.", (await Tags("canonical", "Nobody")).Errors);

        Assert.Equal(0, (await Tags("canonical", "Due South")).Code);
        Assert.Equal("“Benton Fraser” now belongs to “Due South”.", (await Tags("parent", "Ben Fraser", "Due South")).Output);
        Assert.Equal("Characters belong to fandoms; “Ray Vecchio” is a character tag.", (await Tags("parent", "Benton Fraser", "Ray Vecchio")).Errors);
        Assert.Equal(0, (await Tags("canonical", "Canadians")).Code);
        Assert.Equal(0, (await Tags("parent", "Canadians", "Due South")).Code);
        Assert.Equal("“Canadians” is already below “Due South”; that would make a loop.", (await Tags("parent", "Due South", "Canadians")).Errors);

        var page = await app.NewVisitor().GetAsync("/tags/Benton Fraser");
        Assert.Contains("canonical tag", page.Find(".tag-kind")?.TextContent);
        Assert.Equal(["Due South"], page.FindAll("h2 + ul a").Where(a => a.ParentElement!.ParentElement!.PreviousElementSibling!.TextContent == "Belongs to").Select(a => a.TextContent));
        Assert.Contains("Ben Fraser", page.Text);
        var fandom = await app.NewVisitor().GetAsync("/tags/Due South");
        Assert.Contains("Benton Fraser (1)", fandom.Text);
        Assert.Contains("Due South (", (await app.NewVisitor().GetAsync("/fandoms")).Text);
    }

    [Fact]
    public async Task Roles_are_granted_from_the_command_line()
    {
        var user = await app.NewVisitor().SignUpAsync();
        var granted = await CommandAsync((s, o, e) => AdminCommand.RunAsync(s, ["grant", user.UserName!, "wrangler"], o, e));
        Assert.Equal((0, $"{user.UserName} is now a wrangler."), (granted.Code, granted.Output));
        var bad = await CommandAsync((s, o, e) => AdminCommand.RunAsync(s, ["grant", user.UserName!, "emperor"], o, e));
        Assert.Equal((2, "“emperor” is not a role; choose admin, wrangler or moderator."), (bad.Code, bad.Errors));
        var nobody = await CommandAsync((s, o, e) => AdminCommand.RunAsync(s, ["grant", "nobody_here", "admin"], o, e));
        Assert.Equal("There is no user called “nobody_here”.", nobody.Errors);
    }

    [Fact]
    public async Task A_tags_feed_and_json_show_its_canonical_works_and_synonyms()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var first = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Feed <One> & More", ["Relationships"] = "Bodie/Doyle", ["Summary"] = "<em>Partners</em>." }));
        await author.PostWorkAsync(new() { ["Title"] = "Feed Two", ["Relationships"] = "William Bodie/Ray Doyle" });
        await Tags("synonym", "Bodie/Doyle", "William Bodie/Ray Doyle");

        var response = await app.NewVisitor().Http.GetAsync("/tags/William Bodie*s*Ray Doyle/feed.atom");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        System.Xml.Linq.XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal("William Bodie/Ray Doyle works | Archive", feed.Root!.Element(atom + "title")?.Value);
        Assert.NotNull(feed.Root.Element(atom + "id"));
        Assert.NotNull(feed.Root.Element(atom + "updated"));
        var entries = feed.Root.Elements(atom + "entry").ToList();
        Assert.Equal(["Feed Two", "Feed <One> & More"], entries.Select(e => e.Element(atom + "title")!.Value));
        var entry = entries[1];
        Assert.EndsWith($"/works/{first}", entry.Elements(atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate").Attribute("href")!.Value);
        Assert.Equal(author.UserName, entry.Element(atom + "author")?.Element(atom + "name")?.Value);
        Assert.Contains("<em>Partners</em>", entry.Element(atom + "summary")?.Value);
        Assert.Contains(entry.Elements(atom + "category"), c => c.Attribute("term")?.Value == "Bodie/Doyle");
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewVisitor().Http.GetAsync("/tags/Nothing Like This/feed.atom")).StatusCode);

        using var tagJson = System.Text.Json.JsonDocument.Parse(await app.NewVisitor().Http.GetStringAsync("/api/tags/Bodie*s*Doyle"));
        Assert.False(tagJson.RootElement.GetProperty("canonical").GetBoolean());
        Assert.Equal("William Bodie/Ray Doyle", tagJson.RootElement.GetProperty("canonicalName").GetString());
        Assert.Equal("Relationship", tagJson.RootElement.GetProperty("type").GetString());
        using var canonicalJson = System.Text.Json.JsonDocument.Parse(await app.NewVisitor().Http.GetStringAsync("/api/tags/William Bodie*s*Ray Doyle"));
        Assert.True(canonicalJson.RootElement.GetProperty("canonical").GetBoolean());
        Assert.Equal(["Bodie/Doyle"], canonicalJson.RootElement.GetProperty("synonyms").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, canonicalJson.RootElement.GetProperty("works").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewVisitor().Http.GetAsync("/api/tags/Nothing Like This")).StatusCode);

        using var workJson = System.Text.Json.JsonDocument.Parse(await app.NewVisitor().Http.GetStringAsync($"/api/works/{first}"));
        Assert.Equal(["William Bodie/Ray Doyle"], workJson.RootElement.GetProperty("relationships").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Bodie/Doyle"], workJson.RootElement.GetProperty("tagsAsWritten").GetProperty("relationships").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Pagination_keeps_the_filters_in_the_url()
    {
        var author = await app.NewVisitor().SignUpAsync();
        for (var i = 1; i <= 23; i++)
            await author.PostWorkAsync(new() { ["Title"] = $"Paged {i:00}", ["Fandoms"] = "Pagination Fandom", ["Rating"] = i % 2 == 0 ? "Mature" : "General Audiences" });
        await author.PostWorkAsync(new() { ["Title"] = "Paged Explicit", ["Fandoms"] = "Pagination Fandom", ["Rating"] = "Explicit" });

        var reader = app.NewVisitor();
        var first = await reader.GetAsync("/tags/Pagination Fandom/works?exclude=Explicit&sort=title");
        Assert.StartsWith("1 – 20 of 23 works", first.Find("main h1")?.TextContent);
        var next = first.Find("nav.pagination a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("exclude=Explicit", next);
        Assert.Contains("sort=title", next);
        var second = await reader.GetAsync(next);
        Assert.StartsWith("21 – 23 of 23 works", second.Find("main h1")?.TextContent);
        Assert.Equal(["Paged 21", "Paged 22", "Paged 23"], second.FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent));
        Assert.Contains("page=1", second.Find("nav.pagination a[rel=prev]")?.GetAttribute("href") ?? "page=1");
    }
}
