using System.IO.Compression;
using Archive.Tests.Infrastructure;
using Archive.Web.Hits;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests;

/// <summary>What a new author or reader tripped over (issue 14): their own reads, a chapter past the expected count, "marked for later", EPUB links.</summary>
public class AuthorAndReaderFixesTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    static int Hits(string json) => int.Parse(json.Split("\"hits\":")[1].Split(',')[0]);

    [Fact]
    public async Task An_author_rereading_their_own_work_adds_no_hits()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Proofread Often" }));
        var counter = app.Services.GetRequiredService<HitCounter>();
        await counter.FlushAsync();
        // Posting lands the author on the work: not a hit either.
        var before = Hits(await app.NewVisitor().Http.GetStringAsync($"/api/works/{id}"));
        Assert.Equal(0, before);
        await author.GetAsync($"/works/{id}");
        await author.GetAsync($"/works/{id}?view_full_work=true");
        await counter.FlushAsync();
        Assert.Equal(before, Hits(await app.NewVisitor().Http.GetStringAsync($"/api/works/{id}")));
        await (await app.NewVisitor().SignUpAsync()).GetAsync($"/works/{id}");
        await counter.FlushAsync();
        Assert.Equal(before + 1, Hits(await app.NewVisitor().Http.GetStringAsync($"/api/works/{id}")));
    }

    [Fact]
    public async Task A_chapter_past_the_expected_count_asks_how_many_and_never_shows_more_chapters_than_expected()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Epilogue Later", ["ExpectedChapters"] = "1" }));
        // Complete at one chapter: the new chapter form asks, suggesting two.
        var form = await author.GetAsync($"/works/{id}/chapters/new");
        Assert.Equal("2", form.Value("ExpectedChapters"));
        await author.AddChapterAsync(id, new() { ["Body"] = "The epilogue." });
        var page = await app.NewVisitor().GetAsync($"/works/{id}");
        Assert.Equal("2/2", page.Find("dd.chapters")?.TextContent);
        // "?" makes it a work in progress.
        await author.AddChapterAsync(id, new() { ["Body"] = "More after all.", ["ExpectedChapters"] = "?" });
        Assert.Equal("3/?", (await app.NewVisitor().GetAsync($"/works/{id}")).Find("dd.chapters")?.TextContent);
        // A work in progress is not asked.
        Assert.Null((await author.GetAsync($"/works/{id}/chapters/new")).Find("#ExpectedChapters"));
        var bad = await author.SubmitAsync($"/works/{id}/chapters/new", $"/works/{id}/chapters/new", [new("Body", "x"), new("ExpectedChapters", "lots")]);
        Assert.Equal("Expected chapters must be a whole number up to 5,000, or ? if you don't know yet.", bad.ErrorFor("ExpectedChapters"));
    }

    [Fact]
    public async Task A_reader_sees_a_work_is_marked_for_later_and_can_unmark_it()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Saved For The Weekend" }));
        var reader = await app.NewVisitor().SignUpAsync();
        var marked = await reader.SubmitAsync($"/works/{id}", $"/works/{id}/later", []);
        Assert.Equal("Marked for later.", marked.Find(".notice")?.TextContent);
        Assert.Equal("Marked for later ✓ (unmark)", (await reader.GetAsync($"/works/{id}")).Find($"form[action='/works/{id}/later'] button")?.TextContent);
        var unmarked = await reader.SubmitAsync($"/works/{id}", $"/works/{id}/later", []);
        Assert.Equal("No longer marked for later.", unmarked.Find(".notice")?.TextContent);
        Assert.Equal("Mark for later", (await reader.GetAsync($"/works/{id}")).Find($"form[action='/works/{id}/later'] button")?.TextContent);
    }

    [Fact]
    public async Task An_epub_names_the_address_it_was_downloaded_from_and_a_forged_host_keeps_its_file_to_itself()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Where From" }));
        async Task<string> PostedAtAsync(string? host = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/downloads/{id}/Where_From.epub");
            if (host is not null) request.Headers.Host = host;
            var response = await app.NewVisitor().Http.SendAsync(request);
            using var book = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
            var text = string.Concat(book.Entries.Where(e => e.FullName.EndsWith(".xhtml")).Select(e => new StreamReader(e.Open()).ReadToEnd()));
            return System.Text.RegularExpressions.Regex.Match(text, "Posted at <a href=\"([^\"]+)\"").Groups[1].Value;
        }
        var site = app.Site.TrimEnd('/');
        Assert.Equal($"{site}/works/{id}", await PostedAtAsync());
        Assert.Equal($"http://evil.example/works/{id}", await PostedAtAsync("evil.example"));
        // The file made for the forged address is never given to readers at the real one.
        Assert.Equal($"{site}/works/{id}", await PostedAtAsync());
    }
}
