using Archive.Tests.Infrastructure;
using Archive.Web.Text;
using Microsoft.EntityFrameworkCore;

namespace Archive.Tests;

public class SanitizingTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    const string Hostile = "<p>Story<script>document.title='pwned'</script> <a href=\"javascript:alert(1)\">click</a> <img src=x onerror=\"alert(2)\"> <b style=\"color:red\" onmouseover=\"alert(3)\">bold</b></p>";

    [Fact]
    public async Task Hostile_html_in_every_text_is_cleaned_before_it_is_stored_and_shown()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var posted = await author.PostWorkAsync(new()
        {
            ["Title"] = "<script>alert('title')</script>", ["Summary"] = Hostile, ["Notes"] = Hostile, ["EndNotes"] = Hostile,
            ["ChapterTitle"] = "<b onclick=x>Chapter</b>", ["Body"] = Hostile, ["TextFormat"] = "Html",
        });
        var id = ArchiveClient.WorkId(posted);
        await author.AddChapterAsync(id, new() { ["Summary"] = Hostile, ["Notes"] = Hostile, ["EndNotes"] = Hostile, ["Body"] = Hostile, ["TextFormat"] = "Markdown" });

        var page = await app.NewVisitor().GetAsync($"/works/{id}?view_full_work=true");
        var userContent = page.FindAll("article.work *").ToList();
        // The only scripts are the archive's own files, none from user text.
        Assert.All(page.FindAll("script"), script => Assert.StartsWith("/js/", script.GetAttribute("src")));
        Assert.Empty(page.FindAll("article script"));
        Assert.DoesNotContain(userContent, e => e.Attributes.Any(a => a.Name.StartsWith("on") || a.Name == "style" || a.Value.Contains("javascript:")));
        // The title is plain text, shown as typed rather than run.
        Assert.Equal("<script>alert('title')</script>", page.Find("h1.title")?.TextContent);
        Assert.Equal("bold", page.Find(".chapter .body b")?.TextContent);
        Assert.Equal(2, page.FindAll(".chapter .body b").Count());

        await using var db = app.Database();
        var chapter = await db.Chapters.SingleAsync(c => c.WorkId == id && c.Position == 1);
        Assert.Equal(Hostile, chapter.BodySource);
        Assert.Equal(ArchiveHtmlPolicy.Version, chapter.SanitizerVersion);
        Assert.DoesNotContain("<script", chapter.BodyHtml);
        var work = await db.Works.SingleAsync(w => w.Id == id);
        Assert.Equal(Hostile, work.SummarySource);
        Assert.DoesNotContain("onerror", work.SummaryHtml);
        Assert.Equal(ArchiveHtmlPolicy.Version, work.SanitizerVersion);

        // The author edits what they wrote, not the cleaned copy.
        var edit = await author.GetAsync($"/works/{id}/chapters/1/edit");
        Assert.Equal(Hostile, edit.Value("Body"));
    }
}
