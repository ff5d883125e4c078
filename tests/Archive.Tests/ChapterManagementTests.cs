using Archive.Tests.Infrastructure;

namespace Archive.Tests;

public class ChapterManagementTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    static List<string> IndexTitles(Page page) =>
        page.Find(".chapter-index")!.QuerySelectorAll("li a").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task Chapters_are_added_edited_reordered_and_deleted_with_counts_kept_right()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Three parts", ["ChapterTitle"] = "Alpha", ["Body"] = "one two", ["ExpectedChapters"] = "3" }));
        await author.AddChapterAsync(id, new() { ["Title"] = "Beta", ["Body"] = "three four five" });
        var third = await author.AddChapterAsync(id, new() { ["Title"] = "Gamma", ["Body"] = "six" });
        Assert.Equal("3/3", third.Find("dd.chapters")?.TextContent);
        Assert.Equal("6", third.Find("dd.words")?.TextContent);

        var edited = await author.SubmitAsync($"/works/{id}/chapters/2/edit", $"/works/{id}/chapters/2/edit", [new("Body", "three four five and more")]);
        Assert.Equal($"/works/{id}/chapters/2", edited.Url);
        Assert.Equal("8", edited.Find("dd.words")?.TextContent);

        var reordered = await author.SubmitAsync($"/works/{id}/chapters/manage", $"/works/{id}/chapters/manage",
            [new("positions[1]", "2"), new("positions[2]", "3"), new("positions[3]", "1")]);
        Assert.Equal("Chapter order was saved.", reordered.Find(".notice")?.TextContent);
        Assert.Equal(["1. Gamma", "2. Alpha", "3. Beta"], IndexTitles(reordered));
        var first = await app.NewVisitor().GetAsync($"/works/{id}/chapters/1");
        Assert.Contains("six", first.Find(".chapter .body")?.TextContent);

        var deleted = await author.SubmitAsync($"/works/{id}/chapters/2/delete", $"/works/{id}/chapters/2/delete", []);
        Assert.Equal("Chapter 2 was deleted.", deleted.Find(".notice")?.TextContent);
        Assert.Equal(["1. Gamma", "2. Beta"], IndexTitles(deleted));
        Assert.Equal("2/3", deleted.Find("dd.chapters")?.TextContent);
        Assert.Equal("6", deleted.Find("dd.words")?.TextContent);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await app.NewVisitor().GetAsync($"/works/{id}/chapters/3")).Status);
    }

    [Fact]
    public async Task The_only_chapter_cannot_be_deleted()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Single" }));
        var page = await author.SubmitAsync($"/works/{id}/chapters/1/delete", $"/works/{id}/chapters/1/delete", []);
        Assert.Equal("A work needs at least one chapter. To remove the only chapter, delete the whole work.", page.Find(".notice")?.TextContent);
        Assert.Contains("Once upon a time.", page.Find(".chapter .body")?.TextContent);
    }

    [Fact]
    public async Task A_later_chapter_moves_the_updated_date()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Slow burn", ["PublishedOn"] = "2010-01-01", ["ExpectedChapters"] = "?" }));
        var page = await author.AddChapterAsync(id, new() { ["Body"] = "Years later.", ["PublishedOn"] = "2012-06-30" });
        Assert.Equal("2010-01-01", page.Find("dd.published")?.TextContent);
        Assert.Equal("2012-06-30", page.Find("dd.updated")?.TextContent);
        Assert.Equal("Updated:", page.Find("dd.updated")?.PreviousElementSibling?.TextContent);
    }

    [Fact]
    public async Task A_chapter_preview_shows_the_text_and_saves_nothing()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Previewed", ["ExpectedChapters"] = "?" }));
        var page = await author.SubmitAsync($"/works/{id}/chapters/new", $"/works/{id}/chapters/new",
            [new("Title", "Maybe"), new("Body", "Draft one.\n\n* * *\n\nDraft two."), new("TextFormat", "PlainText")], button: "preview");
        Assert.Equal("<p>Draft one.</p>\n<hr>\n<p>Draft two.</p>", page.Find(".preview .body")?.InnerHtml);
        Assert.Equal("Maybe", page.Value("Title"));
        Assert.Equal("1/?", (await app.NewVisitor().GetAsync($"/works/{id}")).Find("dd.chapters")?.TextContent);
    }
}
