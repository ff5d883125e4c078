using System.Net;
using System.Text.Json;
using Archive.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Archive.Tests;

public class ApiAndHealthTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    [Fact]
    public async Task The_work_api_returns_the_work_as_camel_case_json()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new()
        {
            ["Title"] = "A million miles", ["Rating"] = "Teen And Up Audiences", ["Warnings"] = "No Archive Warnings Apply",
            ["Fandoms"] = "Smallville", ["Relationships"] = "Clark/Lex", ["Characters"] = "Clark Kent, Lex Luthor", ["AdditionalTags"] = "Remix",
            ["Summary"] = "Lex, Superhero", ["Notes"] = "Thanks to my beta.", ["EndNotes"] = "Gough and Millar's, not mine.",
            ["PublishedOn"] = "2009-05-01", ["ExpectedChapters"] = "2", ["ChapterTitle"] = "Mask", ["Body"] = "He put on the mask.",
        }));
        await author.AddChapterAsync(id, new() { ["Body"] = "And took it off again.", ["PublishedOn"] = "2009-05-02" });

        using var json = JsonDocument.Parse(await app.NewVisitor().Http.GetStringAsync($"/api/works/{id}"));
        var work = json.RootElement;
        Assert.Equal(id, work.GetProperty("id").GetInt32());
        Assert.Equal("A million miles", work.GetProperty("title").GetString());
        Assert.Equal([author.UserName], work.GetProperty("creators").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Teen And Up Audiences", work.GetProperty("rating").GetString());
        Assert.Equal(["No Archive Warnings Apply"], work.GetProperty("warnings").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["Smallville"], work.GetProperty("fandoms").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["Clark/Lex"], work.GetProperty("relationships").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["Clark Kent", "Lex Luthor"], work.GetProperty("characters").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["Remix"], work.GetProperty("freeforms").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("<p>Lex, Superhero</p>", work.GetProperty("summary").GetString());
        Assert.Equal("<p>Thanks to my beta.</p>", work.GetProperty("notes").GetString());
        Assert.Equal("<p>Gough and Millar's, not mine.</p>", work.GetProperty("endNotes").GetString());
        Assert.Equal("English", work.GetProperty("language").GetString());
        Assert.Equal("2009-05-01", work.GetProperty("published").GetString());
        Assert.Equal("2009-05-02", work.GetProperty("updated").GetString());
        Assert.Equal(10, work.GetProperty("words").GetInt32());
        Assert.Equal(2, work.GetProperty("expectedChapters").GetInt32());
        Assert.True(work.GetProperty("complete").GetBoolean());
        var chapters = work.GetProperty("chapters").EnumerateArray().ToList();
        Assert.Equal([1, 2], chapters.Select(c => c.GetProperty("position").GetInt32()));
        Assert.Equal("Mask", chapters[0].GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, chapters[1].GetProperty("title").ValueKind);
        Assert.Equal([5, 5], chapters.Select(c => c.GetProperty("words").GetInt32()));
        Assert.EndsWith($"/works/{id}/chapters/2", chapters[1].GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_program_following_the_APIs_download_link_gets_an_explicit_works_file()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Late Edition", ["Rating"] = "Explicit", ["Body"] = "Printed after midnight." }));
        var general = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Morning Edition" }));

        // A program keeps no cookies and can't click "Yes, continue": it only follows the links it is given.
        static async Task<Dictionary<string, string>> DownloadsAsync(ArchiveClient program, int id)
        {
            using var json = JsonDocument.Parse(await program.Http.GetStringAsync($"/api/works/{id}"));
            return json.RootElement.GetProperty("downloads").EnumerateObject().ToDictionary(d => d.Name, d => d.Value.GetString()!);
        }
        var program = app.NewVisitor();
        var links = await DownloadsAsync(program, id);
        using (var epub = await new HttpClient().GetAsync(links["epub"]))
        {
            Assert.Equal(HttpStatusCode.OK, epub.StatusCode);
            Assert.Equal("application/epub+zip", epub.Content.Headers.ContentType?.MediaType);
            using var book = new System.IO.Compression.ZipArchive(new MemoryStream(await epub.Content.ReadAsByteArrayAsync()));
            using var mimetype = new StreamReader(book.GetEntry("mimetype")!.Open());
            Assert.Equal("application/epub+zip", await mimetype.ReadToEndAsync());
        }
        using (var html = await new HttpClient().GetAsync(links["html"]))
            Assert.Contains("Printed after midnight.", await html.Content.ReadAsStringAsync());

        // The notice still stands before the work's page and its plain download address; a work for everyone needs no agreement.
        Assert.Equal("This work could have adult content", (await app.NewVisitor().GetAsync($"/works/{id}")).Find("h1")?.TextContent);
        Assert.Contains("This work could have adult content", await new HttpClient().GetStringAsync(links["epub"].Split('?')[0]));
        Assert.All((await DownloadsAsync(program, general)).Values, link => Assert.DoesNotContain("?", link));
    }

    [Fact]
    public async Task An_unknown_work_is_a_json_404()
    {
        var response = await app.NewVisitor().Http.GetAsync("/api/works/424242");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("There is no work 424242.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_is_200_while_the_database_answers()
    {
        var response = await app.NewVisitor().Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_is_503_when_the_database_is_unreachable()
    {
        await using var unreachable = new UnreachableDatabaseFactory();
        var response = await unreachable.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    sealed class UnreachableDatabaseFactory : ArchiveFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Port 1 on loopback refuses connections at once.
            builder.UseSetting("ConnectionStrings:Archive", "Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x;Timeout=2");
            builder.UseSetting("Archive:MigrateOnStartup", "false");
        }
    }
}
