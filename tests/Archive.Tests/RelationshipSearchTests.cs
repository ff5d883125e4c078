using Archive.Tests.Infrastructure;
using Archive.Web.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests;

/// <summary>What a new reader and author trip over first: finding a pairing, however it is spelled.</summary>
public class RelationshipSearchTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    static List<string> Titles(Page page) => [.. page.FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent).Order()];

    [Fact]
    public async Task A_reader_searching_a_relationship_finds_it_in_either_order()
    {
        var author = await app.NewVisitor().SignUpAsync();
        await author.PostWorkAsync(new() { ["Title"] = "Fields of Kansas", ["Fandoms"] = "Smallville", ["Relationships"] = "Clark Kent/Lex Luthor", ["Body"] = "Corn." });
        await author.PostWorkAsync(new() { ["Title"] = "Only Clark", ["Fandoms"] = "Smallville", ["Characters"] = "Clark Kent", ["Body"] = "Corn." });

        var reader = app.NewVisitor();
        async Task<List<string>> Search(string query) => Titles(await reader.GetAsync($"/works/search?q={Uri.EscapeDataString(query)}"));
        foreach (var query in new[] { "Clark Kent/Lex Luthor", "lex/clark", "Lex Luthor/Clark Kent", "clark & lex", "clark&lex" })
            Assert.True((await Search(query)) is ["Fields of Kansas"], $"searching “{query}”");
        // Other searches read as before: a phrase is the text as written, an exclusion leaves works out.
        Assert.Equal(["Fields of Kansas", "Only Clark"], await Search("clark"));
        Assert.Equal(["Only Clark"], await Search("clark -lex"));
        Assert.Equal(["Fields of Kansas"], await Search("\"kent lex luthor\""));
    }

    async Task<(int Code, string Output, string Errors)> Tags(params string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (output, errors) = (new StringWriter(), new StringWriter());
        var code = await TagsCommand.RunAsync(scope.ServiceProvider, args, output, errors);
        return (code, output.ToString().Trim(), errors.ToString().Trim());
    }

    [Fact]
    public async Task Reversed_relationship_spellings_list_each_others_works_before_wrangling_and_a_wranglers_choice_wins()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var other = await app.NewVisitor().SignUpAsync();
        await author.PostWorkAsync(new() { ["Title"] = "Shore Leave", ["Fandoms"] = "Star Trek", ["Relationships"] = "Jim Kirk/Spock" });
        await other.PostWorkAsync(new() { ["Title"] = "Amok Time", ["Fandoms"] = "Star Trek", ["Relationships"] = "Spock/Jim Kirk" });
        await other.PostWorkAsync(new() { ["Title"] = "Chess Nights", ["Fandoms"] = "Star Trek", ["Relationships"] = "Jim Kirk & Spock" });

        // Nobody has wrangled anything: either spelling's page lists both works and counts them; platonic "&" stays apart.
        var guest = app.NewVisitor();
        foreach (var spelling in new[] { "Jim Kirk*s*Spock", "Spock*s*Jim Kirk" })
        {
            Assert.Equal(["Amok Time", "Shore Leave"], Titles(await guest.GetAsync($"/tags/{spelling}/works")));
            Assert.StartsWith("2 works", (await guest.GetAsync($"/tags/{spelling}")).Find("main p:not(.tag-kind) a")?.TextContent);
        }
        Assert.Equal(["Chess Nights"], Titles(await guest.GetAsync("/tags/Jim Kirk *a* Spock/works")));
        Assert.Contains("not yet wrangled", (await guest.GetAsync("/tags/Jim Kirk*s*Spock")).Find(".tag-kind")?.TextContent);
        Assert.Contains("not yet wrangled", (await guest.GetAsync("/tags/Spock*s*Jim Kirk")).Find(".tag-kind")?.TextContent);

        // A wrangler chooses the later spelling as canonical: the first follows it, and so does a spelling posted after.
        var chosen = await Tags("canonical", "Spock/Jim Kirk");
        Assert.Equal((0, "“Spock/Jim Kirk” is now canonical."), (chosen.Code, chosen.Output));
        Assert.Contains("canonical tag", (await guest.GetAsync("/tags/Spock*s*Jim Kirk")).Find(".tag-kind")?.TextContent);
        Assert.Contains("a synonym of Spock/Jim Kirk", (await guest.GetAsync("/tags/Jim Kirk*s*Spock")).Find(".tag-kind")?.TextContent);
        Assert.Equal(["Amok Time", "Shore Leave"], Titles(await guest.GetAsync("/tags/Spock*s*Jim Kirk/works")));
        await author.PostWorkAsync(new() { ["Title"] = "The Menagerie", ["Fandoms"] = "Star Trek", ["Relationships"] = "spock / jim kirk" });
        Assert.Equal(["Amok Time", "Shore Leave", "The Menagerie"], Titles(await guest.GetAsync("/tags/Jim Kirk*s*Spock/works")));
        Assert.StartsWith("3 works", (await guest.GetAsync("/tags/Spock*s*Jim Kirk")).Find("main p:not(.tag-kind) a")?.TextContent);
        Assert.Equal(["Chess Nights"], Titles(await guest.GetAsync("/tags/Jim Kirk *a* Spock/works")));

        // Or makes the first spelling a synonym of another canonical tag: every spelling that joined it goes along.
        await author.PostWorkAsync(new() { ["Title"] = "Sickbay", ["Fandoms"] = "Star Trek", ["Relationships"] = "Bones/Jim Kirk" });
        await other.PostWorkAsync(new() { ["Title"] = "Shore Party", ["Fandoms"] = "Star Trek", ["Relationships"] = "Jim Kirk/Bones" });
        Assert.Equal(["Shore Party", "Sickbay"], Titles(await guest.GetAsync("/tags/Jim Kirk*s*Bones/works")));
        Assert.Equal(0, (await Tags("synonym", "Bones/Jim Kirk", "Jim Kirk/Leonard McCoy")).Code);
        Assert.Equal(["Shore Party", "Sickbay"], Titles(await guest.GetAsync("/tags/Jim Kirk*s*Leonard McCoy/works")));
        Assert.Contains("a synonym of Jim Kirk/Leonard McCoy", (await guest.GetAsync("/tags/Jim Kirk*s*Bones")).Find(".tag-kind")?.TextContent);
    }

    [Fact]
    public async Task Tag_suggestions_offer_tags_in_use_with_their_type()
    {
        var author = await app.NewVisitor().SignUpAsync();
        await author.PostWorkAsync(new() { ["Title"] = "Basement", ["Fandoms"] = "Buffy the Vampire Slayer", ["Relationships"] = "Xander Harris/Spike", ["Characters"] = "Xander, Xander Harris" });
        var guest = app.NewVisitor();
        async Task<List<(string? Name, string? Type, bool Canonical)>> Suggest(string query)
        {
            using var json = System.Text.Json.JsonDocument.Parse(await guest.Http.GetStringAsync($"/api/tags/autocomplete?{query}"));
            return [.. json.RootElement.EnumerateArray().Select(t => (t.GetProperty("name").GetString(), t.GetProperty("type").GetString(), t.GetProperty("canonical").GetBoolean()))];
        }

        // Nothing is wrangled yet: the spellings works use are offered.
        Assert.Equal([("Xander Harris/Spike", "Relationship", false)], await Suggest("type=Relationship&term=xander h"));
        Assert.Equal([("Xander", "Character", false), ("Xander Harris", "Character", false)], await Suggest("type=Character&term=XAN"));
        Assert.Empty(await Suggest("type=Character&term=x"));

        // Canonical tags come first.
        await Tags("canonical", "Xander Harris");
        Assert.Equal([("Xander Harris", "Character", true), ("Xander", "Character", false)], await Suggest("type=Character&term=xan"));
        // Without a type, every type's.
        Assert.Equal([("Xander Harris", "Character", true), ("Xander", "Character", false), ("Xander Harris/Spike", "Relationship", false)], await Suggest("term=xan"));
    }
}
