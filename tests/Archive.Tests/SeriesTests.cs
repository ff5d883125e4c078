using System.Net;
using Archive.Tests.Infrastructure;

namespace Archive.Tests;

public class SeriesTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    [Fact]
    public async Task Works_in_a_series_link_to_each_other_and_the_series_page_lists_them_in_order()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var first = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Blues Part One", ["NewSeriesTitle"] = "Superhero Blues" }));
        var form = await author.GetAsync("/works/new");
        var seriesId = form.FindAll("select[name=SeriesId] option").Single(o => o.TextContent == "Superhero Blues").GetAttribute("value")!;
        var second = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Blues Part Two", ["SeriesId"] = seriesId }));

        var reader = app.NewVisitor();
        var secondPage = await reader.GetAsync($"/works/{second}");
        var box = secondPage.Find("nav.series")!;
        Assert.Contains("Part 2 of the Superhero Blues series", box.TextContent);
        Assert.Equal($"/works/{first}", box.QuerySelector("a[rel=prev]")?.GetAttribute("href"));
        Assert.Null(box.QuerySelector("a[rel=next]"));
        var firstPage = await reader.GetAsync($"/works/{first}");
        Assert.Equal($"/works/{second}", firstPage.Find("nav.series a[rel=next]")?.GetAttribute("href"));

        var series = await reader.GetAsync($"/series/{seriesId}");
        Assert.Equal("Superhero Blues", series.Find("h1")?.TextContent);
        Assert.Equal(["Blues Part One", "Blues Part Two"], series.FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent));
        Assert.Contains("In progress", series.Text);
        Assert.Contains($"\"series\":[{{\"id\":{seriesId},\"title\":\"Superhero Blues\",\"position\":2}}]", await reader.Http.GetStringAsync($"/api/works/{second}"));

        var edited = await author.SubmitAsync($"/series/{seriesId}/edit", $"/series/{seriesId}/edit", [new("summary", "Lex, <em>superhero</em>."), new("isComplete", "true")]);
        Assert.Contains("Complete", edited.Text);
        Assert.Equal("<em>superhero</em>", edited.Find("blockquote em")?.OuterHtml);

        // Someone else can neither edit the series nor add their work to it.
        var stranger = await app.NewVisitor().SignUpAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/series/{seriesId}/edit")).Status);
        var forged = await stranger.PostWorkAsync(new() { ["Title"] = "Gatecrasher", ["SeriesId"] = seriesId });
        Assert.Equal("You can only add works to your own series.", forged.ErrorFor("SeriesId"));
        Assert.Equal(2, (await reader.GetAsync($"/series/{seriesId}")).FindAll("li.blurb").Count());
    }

    [Fact]
    public async Task An_author_reorders_a_series_and_two_works_given_one_part_number_are_named_without_losing_the_edit()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var one = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Prequel", ["NewSeriesTitle"] = "Reordered" }));
        var seriesId = (await author.GetAsync($"/works/{one}")).Find("nav.series span a")!.GetAttribute("href")!.Split('/')[2];
        var two = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Main Story", ["SeriesId"] = seriesId }));
        var edit = $"/series/{seriesId}/edit";

        var clash = await author.SubmitAsync(edit, edit, [new("summary", "Keep this summary."), new($"positions[{one}]", "1"), new($"positions[{two}]", "1")]);
        Assert.Equal("“Prequel” and “Main Story” are both part 1; each part needs its own number.", clash.ErrorFor("positions"));
        Assert.Equal("Keep this summary.", clash.Value("summary"));
        Assert.Equal("1", clash.Value($"positions[{two}]"));
        Assert.Equal("“Prequel” needs a whole number of 1 or more as its part number.",
            (await author.SubmitAsync(edit, edit, [new($"positions[{one}]", "first")])).ErrorFor("positions"));

        await author.SubmitAsync(edit, edit, [new($"positions[{one}]", "3"), new($"positions[{two}]", "1")]);
        Assert.Equal(["Main Story", "Prequel"], (await app.NewVisitor().GetAsync($"/series/{seriesId}")).FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent));
        var box = (await app.NewVisitor().GetAsync($"/works/{two}")).Find("nav.series")!;
        Assert.Contains("Part 1 of the Reordered series", box.TextContent);
        Assert.Equal($"/works/{one}", box.QuerySelector("a[rel=next]")?.GetAttribute("href"));
    }
}
