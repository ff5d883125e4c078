using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Archive.Tests.Infrastructure;
using Archive.Web.Commands;
using Archive.Web.Works;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests;

public class DownloadTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    const string Epubcheck = "/usr/bin/epubcheck";
    static readonly XNamespace X = "http://www.w3.org/1999/xhtml";

    /// <summary>What authors really paste, and what older text may hold: everything here must come out as valid EPUB.</summary>
    static readonly string HostileHtml = """
        <p onclick="steal()">An unclosed paragraph&nbsp;with a non-breaking space<br>and a break
        <p>Second <b>bold <i>crossed</b> badly</i> paragraph &amp; an ampersand &copy; &hellip;
        <script>alert('x')</script><style>p { color: red }</style>
        <img src="http://x/y.png" alt="pic"> <img src="https://example.org/z.png">
        <table border="1"><caption>Cap</caption><tr><td width="50" align="center" colspan="2">cell<td>two<tr><th scope="col">head</table>
        <ul><li>one<ul><li>nested<ol type="disc" start="3" reversed><li>deep</ol></ul><li>two</ul>
        <center>centred</center> <big>big</big> <tt>mono</tt> <strike>struck</strike> <acronym title="x">ABC</acronym>
        <span>inline <div>block in inline</div> <ul><li>list in inline</li></ul><hr></span>
        <dl><dd>definition without term</dd></dl> <dl><dt>term</dt><dd>definition</dd></dl>
        <details open><p>no summary</p></details> <details><summary>Sum</summary>shown</details>
        <ruby>漢</ruby> <ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>
        <a href="/works/1">relative link</a> <a href="#nowhere">fragment</a> <a href="http://example.org/a b">remote <a href="https://example.org">nested</a></a>
        <ul>loose text<p>para in list</p><li>item</li></ul>
        <li>orphan item</li> <dt>orphan term</dt>
        <p align="right" dir="rtl" lang="he">עברית</p> <p lang="not a language" dir="sideways">odd attributes</p>
        <h1>big heading</h1><hr><pre>  keep   spaces
        and lines</pre>
        <address><h2>heading in address</h2><address>nested address</address></address>
        <figure><p>art</p><figcaption>one</figcaption><figcaption>two</figcaption></figure>
        <blockquote cite="javascript:alert(1)">quoted</blockquote><q cite="https://example.org/q">q</q>
        Unicode: “quotes” — émoji 🎉 CJK 漢字, zero width​space,
        """ + " controlcharacter, right-to-left ‮override‬.";

    [Fact]
    public async Task The_html_download_is_one_clean_file_made_once_and_remade_when_the_work_changes()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var posted = await author.PostWorkAsync(new()
        {
            ["Title"] = "Take Away", ["Summary"] = "<p onclick=\"x()\">Portable.</p>", ["ExpectedChapters"] = "2", ["Body"] = "Chapter one <script>alert(1)</script>text.",
        });
        var id = ArchiveClient.WorkId(posted);
        await author.AddChapterAsync(id, new() { ["Title"] = "Two", ["Body"] = "Chapter two text." });
        var link = (await app.NewVisitor().GetAsync($"/works/{id}")).Find(".downloads a[href$='.html']")!.GetAttribute("href")!;
        Assert.Equal($"/downloads/{id}/Take_Away.html", link);

        var response = await app.NewVisitor().Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Take_Away.html", response.Content.Headers.ContentDisposition?.FileName);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Take Away</h1>", html);
        Assert.Contains("Chapter 2: Two", html);
        Assert.Contains("Chapter two text.", html);
        Assert.Contains("Portable.", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("onclick", html);
        Assert.Contains($"/downloads/{id}/Take_Away.html", await app.NewVisitor().Http.GetStringAsync($"/api/works/{id}"));

        await using (var db = app.Database())
            Assert.Equal(1, await db.Downloads.CountAsync(d => d.WorkId == id));
        await author.SubmitAsync($"/works/{id}/chapters/2/edit", $"/works/{id}/chapters/2/edit", [new("Body", "Revised chapter two.")]);
        var again = await app.NewVisitor().Http.GetStringAsync(link);
        Assert.Contains("Revised chapter two.", again);
        Assert.DoesNotContain("Chapter two text.", again);

        await HideAsync(id);
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewVisitor().Http.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewVisitor().Http.GetAsync("/downloads/999999/Nothing.html")).StatusCode);
    }

    [Fact]
    public async Task The_epub_of_a_work_with_hostile_html_passes_epubcheck_and_has_what_a_reader_expects()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var posted = await author.PostWorkAsync(new()
        {
            ["Title"] = "Léa & the <Lighthouse>", ["Fandoms"] = "Smallville, 僕のヒーローアカデミア", ["Relationships"] = "Clark Kent/Lex Luthor",
            ["Characters"] = "Clark Kent", ["AdditionalTags"] = "Angst, Fluff", ["Rating"] = "Teen And Up Audiences", ["Language"] = "Français",
            ["Summary"] = "<p>A summary with <b>bold</b>&nbsp;text<br>and a <script>bad()</script>line.", ["Notes"] = HostileHtml,
            ["EndNotes"] = "<p>Thanks for reading<img src=\"http://x/heart.png\" alt=\"♥\">", ["ExpectedChapters"] = "2",
            ["ChapterTitle"] = "Arrival", ["Body"] = "<p>The first chapter's text.</p>" + HostileHtml,
        });
        var id = ArchiveClient.WorkId(posted);
        await author.AddChapterAsync(id, new() { ["Title"] = "Departure", ["Notes"] = HostileHtml, ["Body"] = "The second chapter's text.\n\n* * *\n\nAfter the break.", ["EndNotes"] = HostileHtml });

        var page = await app.NewVisitor().GetAsync($"/works/{id}");
        var link = page.Find(".downloads a[href$='.epub']")!.GetAttribute("href")!;
        Assert.Equal($"/downloads/{id}/Léa_the_Lighthouse.epub", link);
        Assert.Equal("EPUB", page.Find(".downloads a")!.TextContent.Trim()); // listed first

        var response = await app.NewVisitor().Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/epub+zip", response.Content.Headers.ContentType?.MediaType);
        var epub = await response.Content.ReadAsByteArrayAsync();
        await AssertPassesEpubcheckAsync(epub);

        using var book = new ZipArchive(new MemoryStream(epub));
        Assert.Equal("mimetype", book.Entries[0].FullName);
        var package = Xml(book, "EPUB/package.opf");
        XNamespace dc = "http://purl.org/dc/elements/1.1/";
        Assert.Equal("Léa & the <Lighthouse>", package.Descendants(dc + "title").Single().Value);
        Assert.Equal("fr", package.Descendants(dc + "language").Single().Value);
        Assert.Equal([author.UserName!], package.Descendants(dc + "creator").Select(c => c.Value));
        Assert.Contains("Clark Kent/Lex Luthor", package.Descendants(dc + "subject").Select(s => s.Value));
        Assert.Contains("僕のヒーローアカデミア", package.Descendants(dc + "subject").Select(s => s.Value));
        Assert.Equal("A summary with bold\u00a0text\nand a line.", package.Descendants(dc + "description").Single().Value);
        Assert.StartsWith("urn:uuid:", package.Descendants(dc + "identifier").Single().Value);

        var title = Xml(book, "EPUB/title.xhtml");
        Assert.Equal("Léa & the <Lighthouse>", title.Descendants(X + "h1").First().Value);
        var details = title.Descendants(X + "dt").ToDictionary(dt => dt.Value, dt => ((XElement)dt.NextNode!).Value);
        Assert.Equal("Teen And Up Audiences", details["Rating:"]);
        Assert.Equal("Smallville, 僕のヒーローアカデミア", details["Fandoms:"]);
        Assert.Equal("Clark Kent/Lex Luthor", details["Relationships:"]);
        Assert.Equal("Angst, Fluff", details["Additional Tags:"]);
        Assert.Equal("Français", details["Language:"]);
        Assert.Equal("2/2", details["Chapters:"]);
        Assert.Contains("A summary with bold", title.Root!.Value);
        Assert.Contains("An unclosed paragraph", title.Root.Value);

        var contents = Xml(book, "EPUB/nav.xhtml").Descendants(X + "nav").First().Descendants(X + "a").Select(a => (a.Value, (string)a.Attribute("href")!)).ToList();
        Assert.Equal(new[] { ("Title page", "title.xhtml"), ("Chapter 1: Arrival", "chapter-1.xhtml"), ("Chapter 2: Departure", "chapter-2.xhtml"), ("End notes", "afterword.xhtml") }, contents);
        Assert.Contains("The first chapter's text.", Xml(book, "EPUB/chapter-1.xhtml").Root!.Value);
        var second = Xml(book, "EPUB/chapter-2.xhtml");
        Assert.Contains("After the break.", second.Root!.Value);
        Assert.Contains("Thanks for reading♥", Xml(book, "EPUB/afterword.xhtml").Root!.Value);

        foreach (var entry in book.Entries.Where(e => e.FullName.EndsWith(".xhtml")))
        {
            var text = new StreamReader(entry.Open()).ReadToEnd();
            Assert.DoesNotContain("<script", text);
            Assert.DoesNotContain("onclick", text);
            Assert.DoesNotContain("&nbsp;", text);
            Assert.DoesNotContain("<img", text);
        }
        // The picture's words stay where the picture was; the author's layout survives as classes the stylesheet knows.
        var notes = title.Root.Value;
        Assert.Contains("pic", notes);
        Assert.Contains("block in inline", notes);
        Assert.NotEmpty(title.Descendants(X + "table"));
        Assert.Contains(title.Descendants(X + "div"), d => (string?)d.Attribute("class") == "align-center");
        Assert.Contains("  keep   spaces", title.Descendants(X + "pre").Single().Value);
    }

    /// <summary>Stored HTML the current policy would not produce (older text, imports), in arrangements HTML forbids.</summary>
    static readonly string UnsanitizedHtml = """
        <table><tfoot><tr><td>foot</td></tr></tfoot><tbody><tr><td>body</td></tr></tbody><thead><tr><th>h1</th></tr></thead><thead><tr><th>h2</th></tr></thead>
        <caption>c1</caption><caption>c2</caption><colgroup><col><col></colgroup></table>
        <span><table><tr><td>table in span</td></tr></table></span> <p><table><tr><td>table in p</td></tr></table></p>
        <ruby><img src="x.png">base<rt>r</rt></ruby> <ruby><img src="x.png"><rt>only text</rt></ruby>
        <details><summary>s</summary><summary>second</summary>x</details> <details><script>x()</script><summary>late</summary></details>
        <figure><figcaption>a</figcaption><p>art</p><figcaption>b</figcaption></figure> <figure><p>art</p><figcaption>last</figcaption></figure>
        <dl><dt>t</dt></dl> <dl>text<dt>t<dd>d</dl> <dl><dt>a<dt>b<dd>c<dd>d</dl>
        <a href="http://a.example"><details><summary>x</summary>y</details></a> <a href="http://a.example"><div><p>block link</p></div></a>
        <dfn>outer <dfn>inner</dfn></dfn> <h2><p>p in heading</p></h2> <pre><div>div in pre</div></pre>
        <ol start="x" type="I" reversed><li>a</ol> <td>stray cell</td> <tr><td>stray row</tr> <caption>stray caption</caption>
        <li>orphan<li>another <sub><sup>x</sup></sub> <q cite="not a url">q</q> <del datetime="2020-01-01">del</del><ins datetime="bad">ins</ins>
        <font color=red>font</font> <marquee>m</marquee> <script>alert(1)</script> <style>p{}</style> <iframe src="http://x"></iframe>
        <p style="color:red" id="same" onmouseover="x()">styled</p><p id="same">twice</p> <a name="anchor">named</a> <a href="javascript:alert(1)">js</a>
        <b>bold<hr>bold</b> <abbr><abbr>nested abbr</abbr></abbr> <span lang="en-GB" dir="LTR">ok</span> <img src="data:image/png;base64,xx" alt="data img">
        <div><li>li in div</li></div> <ul><li><dl><dd>x</dd></dl></li></ul> <table><tr><td><table><tr><td>nested</td></tr></table></td></tr></table>
        <h1><a href="http://x.example">link heading</a></h1> <details><summary><h3>heading summary</h3></summary>x</details> <rt>orphan rt</rt><rp>orphan rp</rp>
        <svg><circle r="1"/></svg> <math><mi>x</mi></math> <form><input value="x"><button>b</button></form> <td colspan="0" rowspan="-1">bad spans</td>
        <table><tr><td colspan="0" rowspan="x" width="3" scope="row">bad spans</td><th scope="diagonal">s</th></tr></table>
        """ + "\0nul \uFFFE non-character \uD800 lone surrogate \u0085 next-line.";

    [Fact]
    public async Task Html_that_the_current_policy_would_not_even_produce_still_makes_a_valid_right_to_left_epub()
    {
        var chapter = new Archive.Web.Chapters.Chapter { Position = 1, BodyHtml = UnsanitizedHtml, NotesHtml = UnsanitizedHtml, EndNotesHtml = "<p>end" };
        var work = new WorkHeader(1, "כותרת", [new("Pseud", "user")], [new("Tag\u0001", Archive.Web.Tags.TagType.Freeform)], UnsanitizedHtml, "", UnsanitizedHtml, "עברית",
            new DateOnly(2020, 1, 2), new DateOnly(2021, 3, 4), 10, 1, null, [], ["Outside Author", ""], [], null, 0, 0, [], 0, 0, 0, []);
        var epub = Archive.Web.Downloads.EpubBook.Write(work, [chapter], new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.Zero), "https://archive.example/works/1");
        await AssertPassesEpubcheckAsync(epub);

        using var book = new ZipArchive(new MemoryStream(epub));
        var package = Xml(book, "EPUB/package.opf");
        XNamespace dc = "http://purl.org/dc/elements/1.1/";
        Assert.Equal(["Pseud (user)", "Outside Author"], package.Descendants(dc + "creator").Select(c => c.Value));
        Assert.Equal("he", package.Descendants(dc + "language").Single().Value);
        Assert.Equal("rtl", (string?)package.Descendants().Single(e => e.Name.LocalName == "spine").Attribute("page-progression-direction"));
        Assert.Equal("2021-03-04T05:06:07Z", package.Descendants().Single(e => (string?)e.Attribute("property") == "dcterms:modified").Value);
        var text = Xml(book, "EPUB/chapter-1.xhtml").Root!.Value;
        Assert.Contains("table in span", text);
        Assert.Contains("nested abbr", text);
        Assert.DoesNotContain("alert", text);
        // Written out in full: readers that parse XHTML as HTML take <p/> for an opening tag.
        Assert.DoesNotContain("<p />", new StreamReader(book.GetEntry("EPUB/chapter-1.xhtml")!.Open()).ReadToEnd());
    }

    [Fact]
    public async Task The_epub_is_made_once_remade_when_the_work_changes_and_never_given_for_a_hidden_work()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Kept", ["Body"] = "First text." }));
        var link = $"/downloads/{id}/Kept.epub";

        var first = await app.NewVisitor().Http.GetByteArrayAsync(link);
        Assert.Equal(first, await app.NewVisitor().Http.GetByteArrayAsync(link));
        await using (var db = app.Database())
        {
            var stored = await db.Downloads.SingleAsync(d => d.WorkId == id && d.Format == "epub");
            Assert.Equal(first, stored.Content);
            Assert.Equal(await db.Works.Where(w => w.Id == id).Select(w => w.RevisedAt).SingleAsync(), stored.WorkRevisedAt);
        }
        using (var book = new ZipArchive(new MemoryStream(first)))
        {
            Assert.Contains("First text.", Xml(book, "EPUB/chapter-1.xhtml").Root!.Value);
            // One chapter: no contents page in the reading order, and the chapter is named after the work.
            Assert.DoesNotContain("nav", Xml(book, "EPUB/package.opf").Descendants().Where(e => e.Name.LocalName == "itemref").Select(e => (string)e.Attribute("idref")!));
            Assert.Equal("Kept", Xml(book, "EPUB/chapter-1.xhtml").Descendants(X + "h2").First().Value);
        }

        await author.SubmitAsync($"/works/{id}/chapters/1/edit", $"/works/{id}/chapters/1/edit", [new("Body", "Second text.")]);
        var remade = await app.NewVisitor().Http.GetByteArrayAsync(link);
        using (var book = new ZipArchive(new MemoryStream(remade)))
            Assert.Contains("Second text.", Xml(book, "EPUB/chapter-1.xhtml").Root!.Value);
        await using (var db = app.Database())
            Assert.Equal(remade, (await db.Downloads.SingleAsync(d => d.WorkId == id && d.Format == "epub")).Content);

        await HideAsync(id);
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewVisitor().Http.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewVisitor().Http.GetAsync("/downloads/999999/Nothing.epub")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewVisitor().Http.GetAsync($"/downloads/{id}/Kept.docx")).StatusCode);
    }

    [Fact]
    public async Task Without_ebook_convert_pdf_mobi_and_azw3_are_not_offered_anywhere()
    {
        await using var withoutCalibre = app.Variant(("Archive:Downloads:EbookConvertPath", "/nonexistent/ebook-convert"));
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Plain" }));
        var visitor = Visitor(withoutCalibre);

        var page = await visitor.GetAsync($"/works/{id}");
        Assert.Equal(["EPUB", "HTML"], page.FindAll(".downloads a").Select(a => a.TextContent.Trim()));
        Assert.Equal(["epub", "html"], await DownloadsInApiAsync(visitor, id));
        foreach (var extension in new[] { "pdf", "mobi", "azw3" })
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync($"/downloads/{id}/Plain.{extension}")).StatusCode);
    }

    [Fact]
    public async Task With_ebook_convert_a_work_downloads_as_pdf_mobi_and_azw3_made_once()
    {
        Assert.True(FindOnPath("ebook-convert") is not null,
            "calibre's ebook-convert is not installed: `apt-get install -y calibre` (./test.sh installs it when missing).");
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Converted", ["Notes"] = HostileHtml, ["Body"] = "<p>Converted text, “quoted” 漢字.</p>" }));

        var page = await app.NewVisitor().GetAsync($"/works/{id}");
        Assert.Equal(["EPUB", "HTML", "AZW3", "MOBI", "PDF"], page.FindAll(".downloads a").Select(a => a.TextContent.Trim()));
        Assert.Equal(["azw3", "epub", "html", "mobi", "pdf"], (await DownloadsInApiAsync(app.NewVisitor(), id)).Order());

        foreach (var (extension, contentType, looksRight) in new (string, string, Func<byte[], bool>)[]
        {
            ("pdf", "application/pdf", bytes => Encoding.ASCII.GetString(bytes, 0, 5) == "%PDF-"),
            ("mobi", "application/x-mobipocket-ebook", bytes => Encoding.ASCII.GetString(bytes, 60, 8) == "BOOKMOBI"),
            ("azw3", "application/vnd.amazon.ebook", bytes => Encoding.ASCII.GetString(bytes, 60, 8) == "BOOKMOBI"),
        })
        {
            var link = page.Find($".downloads a[href$='.{extension}']")!.GetAttribute("href")!;
            Assert.Equal($"/downloads/{id}/Converted.{extension}", link);
            var response = await app.NewVisitor().Http.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.True(bytes.Length > 1000 && looksRight(bytes), $"{extension} doesn't look like one ({bytes.Length} bytes)");

            // The second reader gets the stored file at once.
            var watch = Stopwatch.StartNew();
            Assert.Equal(bytes, await app.NewVisitor().Http.GetByteArrayAsync(link));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"the stored {extension} took {watch.Elapsed.TotalSeconds:0.0} s");
        }
        await using var db = app.Database();
        Assert.Equal(["azw3", "epub", "mobi", "pdf"], await db.Downloads.Where(d => d.WorkId == id).Select(d => d.Format).OrderBy(f => f).ToListAsync());
    }

    [Fact]
    public async Task A_converter_that_fails_or_hangs_gives_a_friendly_page_and_leaves_no_temporary_files()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Stuck" }));
        var scripts = Directory.CreateTempSubdirectory("archive-fake-calibre-");
        try
        {
            foreach (var (script, timeoutSeconds) in new[] { ("echo 'Traceback: it broke' >&2; exit 3", 60), ("sleep 60", 2) })
            {
                var path = Path.Combine(scripts.FullName, $"convert-{timeoutSeconds}");
                await File.WriteAllTextAsync(path, "#!/bin/sh\n" + script + "\n");
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, (UnixFileMode)0x1ED /* 0755 */);
                await using var broken = app.Variant(("Archive:Downloads:EbookConvertPath", path), ("Archive:Downloads:EbookConvertTimeoutSeconds", timeoutSeconds.ToString()));
                var before = TemporaryConversions();

                var watch = Stopwatch.StartNew();
                var page = await Visitor(broken).GetAsync($"/downloads/{id}/Stuck.pdf");
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed.TotalSeconds:0} s");
                Assert.Equal(HttpStatusCode.InternalServerError, page.Status);
                Assert.Equal("Something went wrong", page.Find("h1")?.TextContent);
                Assert.Contains("couldn't make the PDF of this work", page.Text);
                Assert.DoesNotContain("Traceback", page.Html);
                Assert.DoesNotContain("Exception", page.Html);
                Assert.Empty(TemporaryConversions().Except(before));
            }
            await using var db = app.Database();
            Assert.False(await db.Downloads.AnyAsync(d => d.WorkId == id && d.Format == "pdf"));
        }
        finally
        {
            scripts.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_language_on_the_posting_form_has_a_bcp_47_code()
    {
        foreach (var language in Languages.All)
            Assert.Matches("^[a-z]{2,3}(-[A-Z]{2})?$", Languages.CodeOf(language));
        Assert.Equal("pt-BR", Languages.CodeOf("Português brasileiro"));
        Assert.Equal("und", Languages.CodeOf("Klingon"));
    }

    async Task HideAsync(int id)
    {
        var moderator = await app.NewVisitor().SignUpAsync();
        await using (var scope = app.Services.CreateAsyncScope())
            await AdminCommand.RunAsync(scope.ServiceProvider, ["grant", moderator.UserName!, "moderator"], TextWriter.Null, TextWriter.Null);
        await moderator.SubmitAsync($"/works/{id}", $"/moderation/works/{id}/hide", [new("reason", "Review")]);
    }

    static ArchiveClient Visitor(WebApplicationFactory<Program> factory) => ArchiveFactory.VisitorOf(factory);

    static async Task<List<string>> DownloadsInApiAsync(ArchiveClient visitor, int id)
    {
        using var json = JsonDocument.Parse(await visitor.Http.GetStringAsync($"/api/works/{id}"));
        var downloads = json.RootElement.GetProperty("downloads").EnumerateObject().ToList();
        Assert.All(downloads, d => Assert.Matches($@"^{visitor.Http.BaseAddress!.ToString().TrimEnd('/')}/downloads/{id}/\w+\.{d.Name}$", d.Value.GetString()!));
        return downloads.Select(d => d.Name).ToList();
    }

    static XDocument Xml(ZipArchive book, string name)
    {
        using var stream = book.GetEntry(name)?.Open() ?? throw new Xunit.Sdk.XunitException($"The EPUB has no {name}.");
        return XDocument.Load(stream);
    }

    static HashSet<string> TemporaryConversions() =>
        Directory.GetDirectories(Path.GetTempPath(), "archive-convert-*").ToHashSet();

    static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);

    static async Task AssertPassesEpubcheckAsync(byte[] epub)
    {
        Assert.True(File.Exists(Epubcheck), $"{Epubcheck} is missing: `apt-get install -y epubcheck` (./test.sh installs it when missing).");
        var file = Path.Combine(Path.GetTempPath(), $"archive-test-{Guid.NewGuid():N}.epub");
        await File.WriteAllBytesAsync(file, epub);
        try
        {
            // Debian's /usr/bin/epubcheck is the jar itself, runnable only where binfmt_misc knows jars.
            var start = new ProcessStartInfo("java") { ArgumentList = { "-jar", Epubcheck, file }, RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(limit.Token);
            var output = await stdout + await stderr;
            Assert.True(process.ExitCode == 0 && !output.Contains("ERROR") && !output.Contains("FATAL"), $"epubcheck (exit code {process.ExitCode}):\n{output}");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
