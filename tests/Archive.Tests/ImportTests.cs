using System.Net;
using System.Text;
using System.Text.Json;
using Archive.Tests.Infrastructure;
using Archive.Web.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests;

public class ImportTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    /// <summary>Runs the import command against the test database; returns its exit code, stdout lines and stderr.</summary>
    async Task<(int Code, List<JsonElement> Works, string Errors)> ImportCommandAsync(params string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await ImportCommand.RunAsync(scope.ServiceProvider, args, output, errors);
        var works = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        return (code, works, errors.ToString());
    }

    [Fact]
    public async Task One_step_behind_imported_part_two_first_becomes_one_complete_work_in_part_order()
    {
        var archivist = await app.NewVisitor().SignUpAsync();
        var second = await ImportCommandAsync("--archivist", archivist.UserName!, Fixtures.PathOf(Fixtures.OneStepBehindPart2));
        Assert.Equal(0, second.Code);
        var created = Assert.Single(second.Works);
        Assert.Equal("One Step Behind", created.GetProperty("title").GetString());
        Assert.Equal(1, created.GetProperty("chapters").GetInt32());
        Assert.Equal("created", created.GetProperty("status").GetString());
        var id = created.GetProperty("id").GetInt32();
        Assert.EndsWith($"/works/{id}", created.GetProperty("url").GetString());

        var first = await ImportCommandAsync("--archivist", archivist.UserName!, Fixtures.PathOf(Fixtures.OneStepBehindPart1));
        Assert.Equal(0, first.Code);
        Assert.Equal(id, first.Works.Single().GetProperty("id").GetInt32());
        Assert.Equal(2, first.Works.Single().GetProperty("chapters").GetInt32());

        var reader = app.NewVisitor();
        var page = await reader.GetAsync($"/works/{id}?view_adult=true");
        Assert.Equal("One Step Behind", page.Find("h1.title")?.TextContent);
        Assert.Equal("2/2", page.Find("dd.chapters")?.TextContent);
        Assert.Equal("2008-10-24", page.Find("dd.published")?.TextContent);
        Assert.Equal("Completed:", page.Find("dd.updated")?.PreviousElementSibling?.TextContent);
        Assert.Equal("Imported from 001_3b3d7f8b7a2e7712.txt, first posted 2008-10-24.", page.Find(".imported")?.TextContent.Split(" Archived")[0]);
        using (var api = JsonDocument.Parse(await reader.Http.GetStringAsync($"/api/works/{id}")))
            Assert.Equal("2008-10-24", api.RootElement.GetProperty("importedFrom").GetProperty("date").GetString());
        Assert.Equal("Mature", page.Find("dd.rating")?.TextContent.Trim());
        Assert.Equal("Smallville", page.Find("dd.fandom")?.TextContent.Trim());
        Assert.Equal("Lex/Clark", page.Find("dd.relationship")?.TextContent.Trim());
        Assert.StartsWith("It is centered on the six months just before Superman's death", page.Find(".preface .summary blockquote")?.TextContent.Trim());
        var notes = page.Find(".preface .notes")?.TextContent ?? "";
        Assert.Contains("I don’t own DC", notes);
        Assert.Contains("twinsarein", notes);
        Assert.Equal(archivist.UserName, page.Find(".byline a")?.TextContent);
        Assert.Contains("Nothing in Lex’s life ever went the way he assumed it would.", page.Find(".chapter .body")?.TextContent);
        Assert.DoesNotContain("Part 1/2", page.Find(".chapter .body")?.TextContent);
        var part2 = await reader.GetAsync(page.Find("a[rel=next]")!.GetAttribute("href")!);
        Assert.StartsWith("When Lex found himself outside a shitty apartment", part2.Find(".chapter .body p")?.TextContent);
        Assert.Equal(3, part2.FindAll(".chapter .body hr").Count());
        Assert.DoesNotContain("Previous post", part2.Text);

        // Importing both again changes nothing.
        var again = await ImportCommandAsync("--archivist", archivist.UserName!, Fixtures.PathOf(Fixtures.OneStepBehindPart1), Fixtures.PathOf(Fixtures.OneStepBehindPart2));
        Assert.Equal("unchanged", again.Works.Single().GetProperty("status").GetString());
        await using var db = app.Database();
        Assert.Equal(2, await db.Chapters.CountAsync(c => c.WorkId == id));
        Assert.Equal(1, await db.Works.CountAsync(w => w.Title == "One Step Behind"));
    }

    [Fact]
    public async Task The_remix_keeps_its_outside_creator_source_and_original_story()
    {
        // The original is on this archive, so the remix links to it.
        var arysteia = await app.NewVisitor().SignUpAsync("arysteia");
        var original = ArchiveClient.WorkId(await arysteia.PostWorkAsync(new() { ["Title"] = "I, Superhero" }));

        var (code, works, errors) = await ImportCommandAsync(Fixtures.PathOf(Fixtures.MillionMiles));
        Assert.Equal(0, code);
        Assert.Equal("", errors);
        var id = works.Single().GetProperty("id").GetInt32();

        var page = await app.NewVisitor().GetAsync($"/works/{id}");
        Assert.Equal("a million miles in another man's mask (superhero blues)", page.Find("h1.title")?.TextContent);
        Assert.Equal("Signe (oxoniensis)", page.Find(".byline .external-creator")?.TextContent);
        // The post gave no date, so the page claims none.
        Assert.Equal("Imported from remix_redux. Archived by archivist.", page.Find(".imported")?.TextContent);
        Assert.Contains("Archived by archivist", page.Find(".imported")?.TextContent);
        Assert.Equal("A remix of I, Superhero by arysteia", string.Join(" ", page.Find(".related")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal($"/works/{original}", page.Find(".related a")?.GetAttribute("href"));
        Assert.Equal("Teen And Up Audiences", page.Find("dd.rating")?.TextContent.Trim());
        Assert.Equal(["Clark/Lex", "Clark Kent/Lex Luthor"], page.FindAll("dd.relationship a").Select(a => a.TextContent));
        Assert.Equal(["Clark Kent", "Lex Luthor"], page.FindAll("dd.character a").Select(a => a.TextContent));
        Assert.Contains("PG-13", page.FindAll("dd.freeform a").Select(a => a.TextContent));
        Assert.Equal("Lex, Superhero", page.Find(".preface .summary blockquote")?.TextContent.Trim());
        Assert.Contains("Gough and Millar's, not mine", page.Find(".preface .notes")?.TextContent);
        Assert.Contains("scribblinlenore", page.Find(".preface .notes")?.TextContent);
        Assert.DoesNotContain("Post a new comment", page.Html);
        Assert.Null(page.Find("nav.chapters"));

        using var json = JsonDocument.Parse(await app.NewVisitor().Http.GetStringAsync($"/api/works/{id}"));
        var work = json.RootElement;
        Assert.Equal(["Signe (oxoniensis)"], work.GetProperty("externalCreators").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("remix_redux", work.GetProperty("importedFrom").GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, work.GetProperty("importedFrom").GetProperty("date").ValueKind);
        var related = work.GetProperty("relatedWorks").EnumerateArray().Single();
        Assert.Equal("remix", related.GetProperty("relation").GetString());
        Assert.Equal("I, Superhero", related.GetProperty("title").GetString());
        Assert.Equal("arysteia", related.GetProperty("author").GetString());
        Assert.EndsWith($"/works/{original}", related.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, (await JsonDocument.ParseAsync(await app.NewVisitor().Http.GetStreamAsync($"/api/works/{original}"))).RootElement.GetProperty("importedFrom").ValueKind);
    }

    [Fact]
    public async Task Bad_files_are_named_one_line_each_and_the_rest_still_import()
    {
        var directory = Directory.CreateTempSubdirectory("import-bad-").FullName;
        string Write(string name, byte[] bytes) { var path = Path.Combine(directory, name); File.WriteAllBytes(path, bytes); return path; }
        var empty = Write("empty.txt", []);
        var binary = Write("picture.png", [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D]);
        var latin1 = Write("old.txt", Encoding.Latin1.GetBytes("Title: Caf\u00e9\nFandom: X\n\nText."));
        var huge = Write("huge.txt", Encoding.UTF8.GetBytes(new string('a', ImportFile.MaxBytes + 10)));
        var headerOnly = Write("header-only.txt", Encoding.UTF8.GetBytes("Fandom: Smallville\nRating: PG\n"));
        var good = Write("good_story.txt", Encoding.UTF8.GetBytes("No header here, just a story.\n\nWith two paragraphs."));

        var (code, works, errors) = await ImportCommandAsync(empty, binary, latin1, good, huge, headerOnly, Path.Combine(directory, "missing.txt"));
        Assert.NotEqual(0, code);
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.Contains($"{empty}: the file is empty.", lines);
        Assert.Contains($"{binary}: this is a binary file, not a text or HTML post.", lines);
        Assert.Contains($"{latin1}: the text isn't valid UTF-8; save it as UTF-8 and try again.", lines);
        Assert.Contains(lines, l => l.StartsWith($"{huge}: the file is 5.0 MB"));
        Assert.Contains($"{headerOnly}: found no title and no story text.", lines);
        Assert.Contains($"{Path.Combine(directory, "missing.txt")}: no such file.", lines);

        var imported = works.Single();
        Assert.Equal("good story", imported.GetProperty("title").GetString());
        var page = await app.NewVisitor().GetAsync($"/works/{imported.GetProperty("id").GetInt32()}?view_adult=true");
        Assert.Equal("Not Rated", page.Find("dd.rating")?.TextContent.Trim());
        Assert.Equal("Unspecified Fandom", page.Find("dd.fandom")?.TextContent.Trim());
        Assert.Equal(["No header here, just a story.", "With two paragraphs."], page.FindAll(".chapter .body p").Select(p => p.TextContent));
    }

    [Fact]
    public async Task An_unknown_archivist_is_refused()
    {
        var (code, works, errors) = await ImportCommandAsync("--archivist", "nobody_by_that_name", Fixtures.PathOf(Fixtures.MillionMiles));
        Assert.Equal(2, code);
        Assert.Empty(works);
        Assert.Contains("There is no user called “nobody_by_that_name”", errors);
    }

    [Fact]
    public async Task The_archivist_may_maintain_an_imported_work_and_strangers_may_not()
    {
        var archivist = await app.NewVisitor().SignUpAsync();
        var post = Fixtures.Read(Fixtures.MillionMiles).Replace("a million miles in another man's mask", "a thousand miles in another mask");
        var preview = await archivist.SubmitAsync("/works/import", "/works/import", [new("Pasted", post)]);
        var posted = await archivist.PostAsync("/works/import/post", FormOf(preview));
        Assert.Equal("Imported “a thousand miles in another mask (superhero blues)” (1 chapter).", posted.Find(".notice")?.TextContent);
        var id = ArchiveClient.WorkId(posted);

        Assert.Equal(HttpStatusCode.OK, (await archivist.GetAsync($"/works/{id}/edit")).Status);
        var edited = await archivist.SubmitAsync($"/works/{id}/edit", $"/works/{id}/edit", [new("Title", "A Thousand Miles")]);
        Assert.Equal("A Thousand Miles", edited.Find("h1.title")?.TextContent);
        Assert.Equal("Signe (oxoniensis)", edited.Find(".byline .external-creator")?.TextContent);

        var stranger = await app.NewVisitor().SignUpAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/works/{id}/edit")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await app.NewVisitor().Http.GetAsync("/works/import")).StatusCode);
    }

    /// <summary>Every field of the preview's form, as a browser would send it.</summary>
    static List<KeyValuePair<string, string>> FormOf(Page page, params (string Name, string Value)[] changes)
    {
        var form = page.FindAll("form").First(f => f.GetAttribute("action") == "/works/import/post");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input, textarea, select"))
        {
            var name = element.GetAttribute("name");
            if (name is null || changes.Any(c => c.Name == name)) continue;
            switch (element)
            {
                case AngleSharp.Html.Dom.IHtmlInputElement { Type: "checkbox" } box: if (box.IsChecked) values.Add(new(name, box.Value)); break;
                case AngleSharp.Html.Dom.IHtmlInputElement input: values.Add(new(name, input.Value)); break;
                case AngleSharp.Html.Dom.IHtmlTextAreaElement area: values.Add(new(name, area.Value)); break;
                case AngleSharp.Html.Dom.IHtmlSelectElement select: values.Add(new(name, select.Value ?? "")); break;
            }
        }
        values.AddRange(changes.Select(c => new KeyValuePair<string, string>(c.Name, c.Value)));
        return values;
    }

    [Fact]
    public async Task Uploaded_parts_in_any_order_preview_as_one_work_and_post_with_corrections()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var preview = await author.UploadAsync("/works/import", "/works/import", [],
        [
            ("Files", "part2.txt", File.ReadAllBytes(Fixtures.PathOf(Fixtures.OneStepBehindPart2)).ToArray()),
            ("Files", "part1.txt", File.ReadAllBytes(Fixtures.PathOf(Fixtures.OneStepBehindPart1))),
            ("Files", "nothing.txt", []),
        ]);
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Equal("Check the import", preview.Find("h1")?.TextContent);
        Assert.Equal(["nothing.txt: the file is empty."], preview.FindAll(".problems li").Select(l => l.TextContent));
        Assert.Equal("One Step Behind", preview.Value("Works[0].Title"));
        Assert.Equal("Mature", preview.Value("Works[0].Rating"));
        Assert.Equal("Lex/Clark", preview.Value("Works[0].Relationships"));
        var chapters = preview.FindAll(".import-chapters li").Select(l => l.TextContent).ToList();
        Assert.Equal(2, chapters.Count);
        Assert.StartsWith("Part 1", chapters[0]);
        Assert.Contains("Nothing in Lex’s life", chapters[0]);
        Assert.StartsWith("Part 2", chapters[1]);

        // A bad correction comes back with a message and everything else intact.
        var bad = await author.PostAsync("/works/import/post", FormOf(preview, ("Works[0].Fandoms", ""), ("Works[0].Title", "One Step Behind, corrected")));
        Assert.Equal("Please add at least one fandom.", bad.ErrorFor("Works[0].Fandoms"));
        Assert.Equal("One Step Behind, corrected", bad.Value("Works[0].Title"));

        var posted = await author.PostAsync("/works/import/post", FormOf(bad, ("Works[0].Fandoms", "Smallville, DC Comics")));
        Assert.Equal("Imported “One Step Behind, corrected” (2 chapters).", posted.Find(".notice")?.TextContent);
        var work = await app.NewVisitor().GetAsync(posted.Url);
        Assert.Equal(["Smallville", "DC Comics"], work.FindAll("dd.fandom a").Select(a => a.TextContent));
        Assert.Equal("2/2", work.Find("dd.chapters")?.TextContent);
        Assert.Equal(author.UserName, work.Find(".byline a")?.TextContent);
    }

    [Fact]
    public async Task Several_works_at_once_end_on_a_list_of_what_was_imported()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var pasted = $"Title: First Tale\nFandom: Due South\n\nOne.\n--- next post ---\n{Fixtures.Read(Fixtures.MillionMiles)}";
        var preview = await author.SubmitAsync("/works/import", "/works/import", [new("Pasted", pasted)]);
        Assert.Equal(2, preview.FindAll("section.import-work").Count());
        var done = await author.PostAsync("/works/import/post", FormOf(preview));
        Assert.Equal("Import finished", done.Find("h1")?.TextContent);
        Assert.Equal(["First Tale", "a million miles in another man's mask (superhero blues)"], done.FindAll(".import-results a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task Pasted_posts_that_cannot_be_read_keep_what_was_pasted()
    {
        var author = await app.NewVisitor().SignUpAsync();
        const string pasted = "Fandom: Smallville\nRating: G\n\n--- next post ---\n\nTitle: Second\nFandom: Smallville\n\nThe second story.";
        var page = await author.SubmitAsync("/works/import", "/works/import", [new("Pasted", pasted)]);
        Assert.Equal(["Pasted post 1: found no title and no story text."], page.FindAll(".problems li").Select(l => l.TextContent));
        Assert.Equal("Second", page.Value("Works[0].Title"));
        Assert.Contains("From the pasted text.", page.Find(".import-work .hint")?.TextContent);
        Assert.Equal(pasted.ReplaceLineEndings("\n"), page.Find("textarea[name=Pasted]")?.TextContent.ReplaceLineEndings("\n"));

        var nothing = await author.SubmitAsync("/works/import", "/works/import", [new("Pasted", "Rating: G")]);
        Assert.Equal("Import works", nothing.Find("h1")?.TextContent);
        Assert.Equal(["Pasted post: found no title and no story text."], nothing.FindAll(".problems li").Select(l => l.TextContent));
        Assert.Equal("Rating: G", nothing.Value("Pasted"));
    }

    [Fact]
    public async Task An_uploaded_html_post_keeps_its_emphasis_and_sheds_its_page()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var html = """
            <html><head><title>Journal</title><style>p{}</style></head><body>
            <div class="entry-content"><p><b>Title:</b> Saved Page<br><b>Fandom:</b> Due South<br><b>Rating:</b> PG</p>
            <p>Fraser <em>waited</em>.</p><p>Ray did not.<script>alert(1)</script></p></div>
            <div>Page generated Mar 1st, 2009</div></body></html>
            """;
        var preview = await author.UploadAsync("/works/import", "/works/import", [], [("Files", "saved.html", Encoding.UTF8.GetBytes(html))]);
        Assert.Equal("Saved Page", preview.Value("Works[0].Title"));
        Assert.Equal("General Audiences", preview.Value("Works[0].Rating"));
        var posted = await author.PostAsync("/works/import/post", FormOf(preview));
        Assert.Equal(["Fraser <em>waited</em>.", "Ray did not."], posted.FindAll(".chapter .body p").Select(p => p.InnerHtml));
        Assert.DoesNotContain("Page generated", posted.Text);
    }

    [Theory]
    [InlineData("dreamwidth-site-scheme.html", "The Lamplighter's Daughter",
        "The lamps along Greek Street were lit at dusk", "By Christmas every lamp on the street burned a little brighter than the gas company could explain, and nobody asked why.")]
    [InlineData("livejournal-generator.html", "Salt Roads",
        "The road to the salt pans ran along the river", "Arthur sat down in the salt and laughed until Merlin sat down beside him.")]
    [InlineData("livejournal-flexible-squares.html", "Two Cups",
        "By the second week Sherlock had started making the tea himself", "There was not a difference. John drank it anyway, every morning, until he found he liked it.")]
    public async Task Importing_a_whole_journal_page_keeps_the_entry_and_leaves_the_page_furniture(string page, string title, string firstParagraph, string lastParagraph)
    {
        var author = await app.NewVisitor().SignUpAsync();
        var preview = await author.UploadAsync("/works/import", "/works/import", [], [("Files", page, Fixtures.JournalPage(page))]);
        Assert.Equal(title, preview.Value("Works[0].Title"));
        var posted = await author.PostAsync("/works/import/post", FormOf(preview));
        var paragraphs = posted.FindAll(".chapter .body p").Select(p => p.TextContent.Trim()).ToList();
        Assert.StartsWith(firstParagraph, paragraphs.First());
        Assert.Equal(lastParagraph, paragraphs.Last());
        var chapter = posted.Find(".chapter .body")!.TextContent;
        // Comments, the comment form's help, the profile box, the calendar, the tag cloud, the style credit and the page footer.
        foreach (var furniture in new[] { "comment", "Reply", "Thread", "Link", "IP address", "account", "screened", "Profile", "Website", "Location", "Birthdate",
            "2019", "2010", "2012", "Sun", "Mon", "28", "30", "Tags", "meta", "real life", "the kettle saga", "Style", "Generator", "Tropo", "Page generated", "Powered by",
            "Page Summary", "Expand Cut Tags", "Privacy", "Terms of Service", "Previous Entry", "perfect", "holiday", "better ladder all week", "face when" })
            Assert.DoesNotContain(furniture, chapter);
    }
}
