using Archive.Tests.Infrastructure;

namespace Archive.Tests;

public class HistoryTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    static List<string> Titles(Page page) => page.FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task A_reader_sees_what_they_read_and_marked_for_later_and_can_turn_history_off()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var read = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Already Read" }));
        var later = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "For Later" }));
        var reader = await app.NewVisitor().SignUpAsync();

        await reader.GetAsync($"/works/{read}");
        await reader.GetAsync($"/works/{read}");
        var marked = await reader.SubmitAsync($"/works/{later}", $"/works/{later}/later", []);
        Assert.Equal("Marked for later.", marked.Find(".notice")?.TextContent);

        var history = await reader.GetAsync("/history");
        Assert.Contains("Already Read", Titles(history));
        Assert.Contains("2 visits", history.FindAll("li.history-entry").Single(e => e.TextContent.Contains("Already Read")).TextContent);
        Assert.Equal(["For Later"], Titles(await reader.GetAsync("/history?later=true")));
        // It is the reader's alone.
        Assert.DoesNotContain("Already Read", Titles(await (await app.NewVisitor().SignUpAsync()).GetAsync("/history")));

        var off = await reader.SubmitAsync("/history", "/history/settings", [new("remember", "false")]);
        Assert.Equal("Your reading history is off and what it held is forgotten.", off.Find(".notice")?.TextContent);
        Assert.Equal(["For Later"], Titles(off));
        await reader.GetAsync($"/works/{read}");
        Assert.DoesNotContain("Already Read", Titles(await reader.GetAsync("/history")));
    }
}
