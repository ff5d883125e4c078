using System.Net;
using Archive.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Archive.Tests;

public class PostingAndReadingTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    [Fact]
    public async Task An_author_posts_a_two_chapter_work_and_a_reader_follows_it_chapter_by_chapter()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var posted = await author.PostWorkAsync(new()
        {
            ["Title"] = "One Step Behind",
            ["Rating"] = "Mature",
            ["Fandoms"] = "Smallville",
            ["Relationships"] = "Lex/Clark",
            ["Characters"] = "Clark Kent, Lex Luthor",
            ["AdditionalTags"] = "Angst, Future Fic",
            ["Summary"] = "It is centered on the six months just before Superman's death.",
            ["Notes"] = "Thanks to twinsarein for the beta.",
            ["EndNotes"] = "I don't own DC.",
            ["PublishedOn"] = "2008-10-24",
            ["ExpectedChapters"] = "2",
            ["ChapterTitle"] = "The Beginning",
            ["TextFormat"] = "PlainText",
            ["Body"] = "Clark watched the city.\n\n----------\n\nLex watched Clark.",
        });
        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.Equal("Work was successfully posted.", posted.Find(".notice")?.TextContent);
        var id = ArchiveClient.WorkId(posted);

        var added = await author.AddChapterAsync(id, new() { ["Title"] = "The End", ["Body"] = "Superman was gone.", ["Notes"] = "Last part." });
        Assert.Equal($"/works/{id}/chapters/2", added.Url);

        var reader = app.NewVisitor();
        var notice = await reader.GetAsync($"/works/{id}");
        Assert.Equal("This work could have adult content", notice.Find("h1")?.TextContent);
        Assert.Null(notice.Find(".chapter"));
        var first = await reader.GetAsync(notice.Find("a.button.primary")!.GetAttribute("href")!);
        Assert.Equal("One Step Behind", first.Find("h1.title")?.TextContent);
        var byline = first.Find(".byline a[rel=author]")!;
        Assert.Equal(author.UserName, byline.TextContent);
        Assert.Equal($"/users/{author.UserName}/pseuds/{author.UserName}", byline.GetAttribute("href"));
        Assert.Equal("Mature", first.Find("dd.rating")?.TextContent.Trim());
        Assert.Equal("Smallville", first.Find("dd.fandom")?.TextContent.Trim());
        Assert.Equal("Lex/Clark", first.Find("dd.relationship")?.TextContent.Trim());
        Assert.Equal(["Clark Kent", "Lex Luthor"], first.FindAll("dd.character a").Select(a => a.TextContent));
        Assert.Equal(["Angst", "Future Fic"], first.FindAll("dd.freeform a").Select(a => a.TextContent));
        Assert.Equal("2008-10-24", first.Find("dd.published")?.TextContent);
        Assert.Equal("2/2", first.Find("dd.chapters")?.TextContent);
        Assert.Equal("Completed:", first.Find("dd.updated")?.PreviousElementSibling?.TextContent);
        Assert.Equal("10", first.Find("dd.words")?.TextContent);
        Assert.Contains("six months just before Superman's death", first.Find(".preface .summary")?.TextContent);
        Assert.Contains("Chapter 1: The Beginning", first.Find("h2.chapter-title")?.TextContent);
        Assert.NotNull(first.Find(".chapter .body hr"));
        Assert.Null(first.Find("a[rel=prev]"));
        Assert.Equal(2, first.FindAll(".chapter-index")
            .First().QuerySelectorAll("li a").Length);

        var next = first.Find("a[rel=next]")!;
        Assert.Equal("Next Chapter →", next.TextContent);
        var second = await reader.GetAsync(next.GetAttribute("href")!);
        Assert.Equal($"/works/{id}/chapters/2", second.Url);
        Assert.Contains("Chapter 2: The End", second.Find("h2.chapter-title")?.TextContent);
        Assert.Contains("Superman was gone.", second.Find(".chapter .body")?.TextContent);
        Assert.Contains("Last part.", second.Find(".chapter .notes")?.TextContent);
        Assert.Null(second.Find("a[rel=next]"));
        Assert.Contains("I don't own DC.", second.Find(".afterword")?.TextContent);
        Assert.Null(second.Find(".preface .summary"));

        var back = await reader.GetAsync(second.Find("a[rel=prev]")!.GetAttribute("href")!);
        Assert.Equal($"/works/{id}/chapters/1", back.Url);

        var full = await reader.GetAsync($"/works/{id}?view_full_work=true");
        Assert.Equal(2, full.FindAll("section.chapter").Count());
        Assert.Contains("Lex watched Clark.", full.Text);
        Assert.Contains("Superman was gone.", full.Text);
    }

    [Fact]
    public async Task A_one_chapter_work_has_no_chapter_navigation()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var page = await author.PostWorkAsync(new() { ["Title"] = "Drabble", ["Body"] = "A hundred words, more or less.", ["ExpectedChapters"] = "1" });
        Assert.Null(page.Find("nav.chapters"));
        Assert.Null(page.Find("a[rel=next]"));
        Assert.Equal("1/1", page.Find("dd.chapters")?.TextContent);
        Assert.Contains("A hundred words", page.Find(".chapter .body")?.TextContent);
    }

    [Fact]
    public async Task Unknown_expected_chapters_show_a_question_mark_and_the_work_is_not_complete()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var page = await author.PostWorkAsync(new() { ["Title"] = "Work in Progress", ["ExpectedChapters"] = "?" });
        Assert.Equal("1/?", page.Find("dd.chapters")?.TextContent);
        var json = await app.NewVisitor().Http.GetStringAsync($"/api/works/{ArchiveClient.WorkId(page)}");
        Assert.Contains("\"expectedChapters\":null", json);
        Assert.Contains("\"complete\":false", json);
    }

    [Fact]
    public async Task Tags_are_typed_free_text_trimmed_and_deduplicated_and_stored_as_shared_rows()
    {
        var first = await app.NewVisitor().SignUpAsync();
        var second = await app.NewVisitor().SignUpAsync();
        var one = await first.PostWorkAsync(new() { ["Title"] = "Tagged once", ["Fandoms"] = " Supernatural , supernatural, SUPERNATURAL ", ["AdditionalTags"] = "Fluff,  Hurt/Comfort " });
        var two = await second.PostWorkAsync(new() { ["Title"] = "Tagged twice", ["Fandoms"] = "supernatural", ["AdditionalTags"] = "fluff" });

        Assert.Equal(["Supernatural"], one.FindAll("dd.fandom a").Select(a => a.TextContent));
        Assert.Equal(["Fluff", "Hurt/Comfort"], one.FindAll("dd.freeform a").Select(a => a.TextContent));
        // The second author's spelling finds the same tag, so both works are listed under it.
        Assert.Equal(["Supernatural"], two.FindAll("dd.fandom a").Select(a => a.TextContent));
        var tagPage = await app.NewVisitor().GetAsync(two.Find("dd.fandom a")!.GetAttribute("href")!);
        Assert.Equal(["Tagged twice", "Tagged once"], tagPage.FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent));

        await using var db = app.Database();
        Assert.Equal(1, await db.Tags.CountAsync(t => t.NormalizedName == "SUPERNATURAL"));
    }

    [Fact]
    public async Task Preview_shows_the_work_without_posting_it()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var page = await author.PostWorkAsync(new() { ["Title"] = "Only a preview", ["Body"] = "Some *draft* text", ["TextFormat"] = "Markdown" }, preview: true);
        Assert.Equal("/works/new", page.Url);
        Assert.Equal("<p>Some <em>draft</em> text</p>", page.Find(".preview .body")?.InnerHtml);
        Assert.Equal("Only a preview", page.Value("Title"));
        Assert.Equal("Some *draft* text", page.Value("Body"));
        await using var db = app.Database();
        Assert.False(await db.Works.AnyAsync(w => w.Title == "Only a preview"));
    }

    [Fact]
    public async Task Pseud_pages_list_the_works_posted_under_that_pseud()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var created = await author.SubmitAsync("/pseuds/new", "/pseuds/new", new Dictionary<string, string> { ["Name"] = "Signe" });
        Assert.Equal($"Signe ({author.UserName})", created.Find("h1")?.TextContent);

        var form = await author.GetAsync("/works/new");
        var signe = form.FindAll("input[name=PseudIds]").Single(i => i.ParentElement!.TextContent.Trim() == "Signe").GetAttribute("value")!;
        var posted = await author.SubmitAsync("/works/new", "/works/new", new Dictionary<string, string>
        {
            ["Title"] = "Under another name", ["Fandoms"] = "Smallville", ["Warnings"] = "No Archive Warnings Apply", ["Rating"] = "General Audiences", ["Body"] = "Text.", ["PseudIds"] = signe,
        });
        Assert.Equal($"Signe ({author.UserName})", posted.Find(".byline a")?.TextContent);

        var pseudPage = await app.NewVisitor().GetAsync($"/users/{author.UserName}/pseuds/Signe");
        Assert.Equal(["Under another name"], pseudPage.FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent));
        var defaultPseud = await app.NewVisitor().GetAsync($"/users/{author.UserName}/pseuds/{author.UserName}");
        Assert.Empty(defaultPseud.FindAll("li.blurb"));
        var userPage = await app.NewVisitor().GetAsync($"/users/{author.UserName}");
        Assert.Single(userPage.FindAll("li.blurb"));
    }

    [Fact]
    public async Task Unknown_works_chapters_and_users_are_friendly_404_pages()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Short" }));
        foreach (var url in new[] { "/works/999999", $"/works/{id}/chapters/2", $"/works/{id}/chapters/0", "/users/nobody_here", "/api/works/999999", "/no/such/page" })
        {
            var page = await app.NewVisitor().GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            if (!url.StartsWith("/api/")) Assert.Equal("Page not found", page.Find("h1")?.TextContent);
            Assert.DoesNotContain("Exception", page.Html);
        }
    }

    [Fact]
    public async Task Editing_a_work_keeps_its_chapters_and_updates_its_header()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Draft title", ["Body"] = "The story so far." }));
        var edit = await author.GetAsync($"/works/{id}/edit");
        Assert.Equal("Draft title", edit.Value("Title"));
        Assert.Equal("Smallville", edit.Value("Fandoms"));

        var updated = await author.SubmitAsync($"/works/{id}/edit", $"/works/{id}/edit", new Dictionary<string, string>
        {
            ["Title"] = "Final title", ["Characters"] = "Chloe Sullivan", ["ExpectedChapters"] = "?",
        });
        Assert.Equal($"/works/{id}", updated.Url);
        Assert.Equal("Final title", updated.Find("h1.title")?.TextContent);
        Assert.Equal("Chloe Sullivan", updated.Find("dd.character")?.TextContent.Trim());
        Assert.Equal("1/?", updated.Find("dd.chapters")?.TextContent);
        Assert.Contains("The story so far.", updated.Find(".chapter .body")?.TextContent);
    }

    [Fact]
    public async Task An_author_deletes_their_work()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Regretted" }));
        var deleted = await author.SubmitAsync($"/works/{id}/delete", $"/works/{id}/delete", []);
        Assert.Equal("Your work was deleted.", deleted.Find(".notice")?.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewVisitor().GetAsync($"/works/{id}")).Status);
    }
}
