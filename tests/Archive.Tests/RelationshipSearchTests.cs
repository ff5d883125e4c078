using Archive.Tests.Infrastructure;

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
}
