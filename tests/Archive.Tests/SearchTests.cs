using Archive.Tests.Infrastructure;
using Archive.Web.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests;

public class SearchTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    static List<string> Titles(Page page) => page.FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task Searching_sorted_by_kudos_lists_the_most_liked_match_first_as_soon_as_kudos_are_counted()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var early = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Quartz Early", ["Body"] = "A quartz vein in the cave." }));
        await author.PostWorkAsync(new() { ["Title"] = "Quartz Later", ["Body"] = "Quartz, again, and more quartz." });
        var reader = app.NewVisitor();
        async Task<List<string>> Search(string query) => Titles(await reader.GetAsync($"/works/search?{query}"));
        // Equal counts: the newer first.
        Assert.Equal(["Quartz Later", "Quartz Early"], await Search("q=quartz&sort=kudos"));

        // The matches read for the first search are kept; the kudos that follow still reorder them.
        await app.NewVisitor().SubmitAsync($"/works/{early}", $"/works/{early}/kudos", []);
        await app.Service<Archive.Web.Kudos.KudosCounts>().FlushAsync();
        Assert.Equal(["Quartz Early", "Quartz Later"], await Search("q=quartz&sort=kudos"));
        Assert.Equal(["Quartz Early", "Quartz Later"], await Search("q=quartz&sort=kudos&page=1"));
    }

    [Fact]
    public async Task Search_finds_words_anywhere_and_understands_phrases_exclusions_and_filters()
    {
        var author = await app.NewVisitor().SignUpAsync("searchable_author");
        await author.PostWorkAsync(new() { ["Title"] = "The Lighthouse", ["Body"] = "The keeper climbed the spiral stairs every night.", ["Rating"] = "Mature" });
        await author.PostWorkAsync(new() { ["Title"] = "Spiral", ["Body"] = "Stairs went down, never up. The keeper slept.", ["Summary"] = "A story about stairs." });
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Ocean Notes", ["Body"] = "Waves.", ["Relationships"] = "Keeper/Sea", ["AdditionalTags"] = "Lighthouses" }));
        await author.AddChapterAsync(id, new() { ["Body"] = "In the second chapter a whale sings." });

        var reader = app.NewVisitor();
        async Task<List<string>> Search(string query) => Titles(await reader.GetAsync($"/works/search?{query}"));

        Assert.Equal(["Ocean Notes"], await Search("q=whale"));
        Assert.Equal(["Spiral", "The Lighthouse"], (await Search("q=stairs")).Order().ToList());
        Assert.Equal(["The Lighthouse"], await Search("q=" + Uri.EscapeDataString("\"spiral stairs\"")));
        Assert.Equal(["The Lighthouse"], await Search("q=" + Uri.EscapeDataString("stairs -slept")));
        Assert.Equal(3, (await Search("q=searchable_author")).Count);
        // Tags are searched too ("Sea" is only in a relationship tag); words match by their stems.
        Assert.Equal(["Ocean Notes"], await Search("q=sea"));
        Assert.Equal(["Ocean Notes", "The Lighthouse"], (await Search("q=lighthouses")).Order().ToList());
        // A filter narrows the matches; it never brings in works without the words.
        await author.PostWorkAsync(new() { ["Title"] = "Tidepools", ["Body"] = "No steps here.", ["Rating"] = "Mature" });
        Assert.Equal(["The Lighthouse"], await Search("q=stairs&include=Mature"));
        Assert.Equal(["Spiral"], await Search("q=stairs&exclude=Mature"));

        // Sorting by creator puts "aardvark" before "searchable_author".
        var other = await app.NewVisitor().SignUpAsync("aardvark");
        await other.PostWorkAsync(new() { ["Title"] = "Aardvark Stairs", ["Body"] = "More stairs." });
        Assert.Equal("Aardvark Stairs", (await Search("q=stairs&sort=creator"))[0]);

        var none = await reader.GetAsync("/works/search?q=zeppelin");
        Assert.Equal("No works found", none.Find("main h2")?.TextContent);
        var empty = await reader.GetAsync("/works/search");
        Assert.NotNull(empty.Find("input[name=q]"));
        Assert.Empty(Titles(empty));
        // Pagination and sort links keep the search.
        Assert.Equal("stairs", (await reader.GetAsync("/works/search?q=stairs")).Find("form.filters input[name=q]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Searching_a_user_name_with_underscores_finds_that_creators_works_not_works_that_only_hold_its_words()
    {
        var n = Random.Shared.Next(100_000, 1_000_000);
        var writer = await app.NewVisitor().SignUpAsync($"tide_keeper_{n}");
        await writer.PostWorkAsync(new() { ["Title"] = "Brine Ledger", ["Body"] = "Salt on every page." });
        var other = await app.NewVisitor().SignUpAsync($"tide_keeper_{n + 1}");
        await other.PostWorkAsync(new() { ["Title"] = "Kelp Ledger", ["Body"] = "Kelp." });
        await other.PostWorkAsync(new() { ["Title"] = "Words Alike", ["Body"] = $"The tide keeper {n} walked the shore." });

        var reader = app.NewVisitor();
        async Task<List<string>> Search(string query) => [.. Titles(await reader.GetAsync($"/works/search?q={Uri.EscapeDataString(query)}")).Order()];
        Assert.Equal(["Brine Ledger"], await Search($"tide_keeper_{n}"));
        Assert.Equal(["Brine Ledger"], await Search($"Tide_Keeper_{n} salt"));
        Assert.Empty(await Search($"tide_keeper_{n} kelp"));
        Assert.Equal(["Brine Ledger", "Kelp Ledger", "Words Alike"], await Search($"tide_keeper_{n} or tide_keeper_{n + 1}"));
        Assert.Equal(["Brine Ledger"], await Search($"ledger -tide_keeper_{n + 1}"));
        // A quoted phrase still finds the words in a row, in a name or in the text.
        Assert.Equal(["Brine Ledger", "Words Alike"], await Search($"\"tide keeper {n}\""));
        // E-readers search the same way.
        var feed = await reader.Http.GetStringAsync($"/opds/search/results?q=tide_keeper_{n}");
        Assert.Contains("Brine Ledger", feed);
        Assert.DoesNotContain("Words Alike", feed);
    }

    [Fact]
    public async Task A_search_shows_works_posted_or_edited_a_moment_ago_to_readers_and_guests()
    {
        // Searches keep their matches between requests; any work's change must reach them at once, whatever the sort.
        var author = await app.NewVisitor().SignUpAsync();
        var reader = await app.NewVisitor().SignUpAsync();
        var first = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Zephyr Rising", ["Body"] = "Wind." }));
        Assert.Equal(["Zephyr Rising"], Titles(await reader.GetAsync("/works/search?q=zephyr")));
        Assert.Equal(["Zephyr Rising"], Titles(await app.NewVisitor().GetAsync("/works/search?q=zephyr&sort=title")));

        await author.PostWorkAsync(new() { ["Title"] = "Another Wind", ["Body"] = "A zephyr again." });
        Assert.Equal(["Another Wind", "Zephyr Rising"], Titles(await reader.GetAsync("/works/search?q=zephyr&sort=title")));
        Assert.Equal(2, Titles(await app.NewVisitor().GetAsync("/works/search?q=zephyr&sort=posted")).Count);

        await author.SubmitAsync($"/works/{first}/edit", $"/works/{first}/edit", [new("Title", "Calm Day"), new("Body", "Still air.")]);
        Assert.Equal(["Another Wind"], Titles(await reader.GetAsync("/works/search?q=zephyr&sort=title")));
        Assert.Equal(["Another Wind"], Titles(await app.NewVisitor().GetAsync("/works/search?q=zephyr")));
    }

    [Fact]
    public async Task A_canonical_tag_name_finds_works_tagged_with_its_synonyms()
    {
        var author = await app.NewVisitor().SignUpAsync();
        await author.PostWorkAsync(new() { ["Title"] = "Tagged loosely", ["Relationships"] = "Sam/Dean" });
        await using (var scope = app.Services.CreateAsyncScope())
            await TagsCommand.RunAsync(scope.ServiceProvider, ["synonym", "Sam/Dean", "Dean Winchester/Sam Winchester"], TextWriter.Null, TextWriter.Null);
        // Wrangling changes no text, but the work's search text includes canonical names when next saved.
        var id = (await app.NewVisitor().GetAsync("/tags/Sam*s*Dean/works")).FindAll("li.blurb .heading a[href^='/works/']").Single().GetAttribute("href")!;
        await author.SubmitAsync($"{id}/edit", $"{id}/edit", [new("Summary", "Brothers.")]);
        Assert.Equal(["Tagged loosely"], Titles(await app.NewVisitor().GetAsync("/works/search?q=winchester")));
    }

    [Fact]
    public async Task Search_shows_the_best_matches_first_titles_before_tags_before_text_and_other_sorts_on_request()
    {
        var author = await app.NewVisitor().SignUpAsync();
        // Posted title match first, so a newest-first list would put it last.
        await author.PostWorkAsync(new() { ["Title"] = "Marigold", ["Body"] = "A garden story." });
        await author.PostWorkAsync(new() { ["Title"] = "Summer Beds", ["AdditionalTags"] = "Marigold Seeds", ["Body"] = "Planting." });
        await author.PostWorkAsync(new() { ["Title"] = "Weeding", ["Body"] = "She pulled up a marigold by mistake." });

        var best = await app.NewVisitor().GetAsync("/works/search?q=marigold");
        Assert.Equal(["Marigold", "Summer Beds", "Weeding"], Titles(best));
        Assert.Equal("relevance", best.Find("select#sort option[selected]")?.GetAttribute("value"));
        var newest = await app.NewVisitor().GetAsync("/works/search?q=marigold&sort=updated");
        Assert.Equal(["Weeding", "Summer Beds", "Marigold"], Titles(newest));
        // Best match means nothing without words: a tag page ignores it and says so.
        var tagPage = await app.NewVisitor().GetAsync("/tags/Marigold Seeds/works?sort=relevance");
        Assert.Contains("Ignored sort “relevance”", tagPage.Text);
    }
}
