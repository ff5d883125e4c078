using Archive.Tests.Infrastructure;

namespace Archive.Tests;

public class AdultContentTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    const string Notice = "This work could have adult content";

    [Fact]
    public async Task A_reader_is_asked_before_an_explicit_work_and_once_they_proceed_reads_on()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "After Dark", ["Rating"] = "Explicit", ["ExpectedChapters"] = "2", ["Body"] = "The first chapter's text." }));
        await author.AddChapterAsync(id, new() { ["Body"] = "The second chapter's text." });
        // The creator is not asked about their own work.
        Assert.Equal("After Dark", (await author.GetAsync($"/works/{id}")).Find("h1.title")?.TextContent);

        var reader = app.NewVisitor();
        var notice = await reader.GetAsync($"/works/{id}/chapters/2");
        Assert.Equal(Notice, notice.Find("h1")?.TextContent);
        Assert.Equal("Explicit", notice.Find("dd.rating")?.TextContent.Trim());
        Assert.DoesNotContain("second chapter's text", notice.Html);
        var proceed = notice.Find("a.button.primary")!;
        Assert.Equal("Yes, continue", proceed.TextContent);
        Assert.Equal($"/works/{id}/chapters/2?view_adult=true", proceed.GetAttribute("href"));

        var chapter = await reader.GetAsync(proceed.GetAttribute("href")!);
        Assert.Contains("The second chapter's text.", chapter.Find(".chapter .body")?.TextContent);
        // Agreeing holds for the rest of the visit, on other pages too.
        Assert.Contains("The first chapter's text.", (await reader.GetAsync($"/works/{id}")).Find(".chapter .body")?.TextContent);
        Assert.Equal(Notice, (await app.NewVisitor().GetAsync($"/works/{id}?view_full_work=true")).Find("h1")?.TextContent);
    }

    [Theory]
    [InlineData("Mature", true)]
    [InlineData("Not Rated", true)]
    [InlineData("Teen And Up Audiences", false)]
    [InlineData("General Audiences", false)]
    public async Task Only_mature_explicit_and_unrated_works_ask_first(string rating, bool asks)
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = $"Rated {rating}", ["Rating"] = rating }));
        var page = await app.NewVisitor().GetAsync($"/works/{id}");
        Assert.Equal(asks ? Notice : $"Rated {rating}", page.Find("h1")?.TextContent);
    }

    [Fact]
    public async Task A_reader_who_sets_the_preference_is_not_asked_until_they_turn_it_off()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Grown Up", ["Rating"] = "Mature" }));
        var reader = await app.NewVisitor().SignUpAsync();
        var asked = await reader.GetAsync($"/works/{id}");
        Assert.Equal("/preferences", asked.Find(".adult-notice a[href='/preferences']")?.GetAttribute("href"));

        var saved = await reader.SubmitAsync("/preferences", "/preferences", [new("viewAdultContent", "true")]);
        Assert.Equal("Your preferences were saved.", saved.Find(".notice")?.TextContent);
        Assert.NotNull(saved.Find("input[name=viewAdultContent][checked]"));
        Assert.Equal("Grown Up", (await reader.GetAsync($"/works/{id}")).Find("h1.title")?.TextContent);
        // The preference is this reader's alone.
        Assert.Equal(Notice, (await (await app.NewVisitor().SignUpAsync()).GetAsync($"/works/{id}")).Find("h1")?.TextContent);

        await reader.SubmitAsync("/preferences", "/preferences", [new("viewAdultContent", "false")]);
        Assert.Equal(Notice, (await reader.GetAsync($"/works/{id}")).Find("h1")?.TextContent);
        Assert.Equal("/login", new Uri(new Uri("http://x"), (await app.NewVisitor().GetAsync("/preferences")).Url).AbsolutePath);
    }
}
