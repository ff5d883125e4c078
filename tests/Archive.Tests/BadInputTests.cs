using System.Net;
using Archive.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Archive.Tests;

public class BadInputTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    async Task<Page> PostBadWorkAsync(Dictionary<string, string> fields)
    {
        var author = await app.NewVisitor().SignUpAsync();
        var page = await author.PostWorkAsync(fields);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/works/new", page.Url);
        Assert.NotNull(page.Find(".errors[role=alert]"));
        return page;
    }

    [Fact]
    public async Task A_missing_title_is_explained_beside_the_field_and_nothing_typed_is_lost()
    {
        var page = await PostBadWorkAsync(new()
        {
            ["Title"] = "  ", ["Fandoms"] = "Smallville, DC", ["Characters"] = "Clark Kent", ["Summary"] = "My summary",
            ["Body"] = "A long chapter I would hate to retype.", ["CoCreators"] = "", ["ExpectedChapters"] = "3",
        });
        Assert.Equal("Please enter a title.", page.ErrorFor("Title"));
        Assert.Equal("Smallville, DC", page.Value("Fandoms"));
        Assert.Equal("Clark Kent", page.Value("Characters"));
        Assert.Equal("My summary", page.Value("Summary"));
        Assert.Equal("A long chapter I would hate to retype.", page.Value("Body"));
        Assert.Equal("3", page.Value("ExpectedChapters"));
        Assert.Equal("General Audiences", page.Value("Rating"));
    }

    [Fact]
    public async Task A_missing_fandom_is_refused()
    {
        var page = await PostBadWorkAsync(new() { ["Title"] = "No fandom", ["Fandoms"] = " , " });
        Assert.Equal("Please add at least one fandom.", page.ErrorFor("Fandoms"));
        await using var db = app.Database();
        Assert.False(await db.Works.AnyAsync(w => w.Title == "No fandom"));
    }

    [Fact]
    public async Task A_chapter_over_510000_characters_is_refused()
    {
        var page = await PostBadWorkAsync(new() { ["Title"] = "Too long", ["Body"] = new string('a', 510_001) });
        Assert.Equal("The chapter text must be 510,000 characters or fewer (it is 510,001).", page.ErrorFor("Body"));
        Assert.Equal("Too long", page.Value("Title"));
    }

    [Fact]
    public async Task An_unknown_rating_is_refused()
    {
        var page = await PostBadWorkAsync(new() { ["Title"] = "Rated oddly", ["Rating"] = "Super Explicit" });
        Assert.StartsWith("Please choose one of the ratings:", page.ErrorFor("Rating"));
    }

    [Fact]
    public async Task A_co_creator_who_does_not_exist_is_refused()
    {
        var page = await PostBadWorkAsync(new() { ["Title"] = "Together", ["CoCreators"] = "Ghost (nobody_at_all)" });
        Assert.Equal("We couldn't find a pseud called “Ghost (nobody_at_all)”.", page.ErrorFor("CoCreators"));
        Assert.Equal("Ghost (nobody_at_all)", page.Value("CoCreators"));
    }

    [Fact]
    public async Task Other_bad_fields_each_get_a_message()
    {
        var page = await PostBadWorkAsync(new()
        {
            ["Title"] = new string('t', 256), ["Warnings"] = "", ["ExpectedChapters"] = "lots", ["Summary"] = new string('s', 1251),
            ["AdditionalTags"] = "fine, has*star", ["PublishedOn"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"), ["Body"] = "",
        });
        Assert.Equal("The title must be 255 characters or fewer (it is 256).", page.ErrorFor("Title"));
        Assert.StartsWith("Please choose at least one archive warning", page.ErrorFor("Warnings"));
        Assert.StartsWith("Expected chapters must be a whole number", page.ErrorFor("ExpectedChapters"));
        Assert.Equal("The summary must be 1,250 characters or fewer (it is 1,251).", page.ErrorFor("Summary"));
        Assert.Contains("“has*star” contains a character tags can't use", page.ErrorFor("AdditionalTags"));
        Assert.Equal("The publication date can't be in the future.", page.ErrorFor("PublishedOn"));
        Assert.Equal("Please write the first chapter's text.", page.ErrorFor("Body"));
    }

    [Fact]
    public async Task A_tag_already_used_as_another_type_is_refused_with_its_type_named()
    {
        var author = await app.NewVisitor().SignUpAsync();
        await author.PostWorkAsync(new() { ["Title"] = "First", ["Characters"] = "Chloe Sullivan" });
        var page = await author.PostWorkAsync(new() { ["Title"] = "Second", ["AdditionalTags"] = "chloe sullivan" });
        Assert.Equal("“chloe sullivan” is already a character tag, so it can’t be an additional tag too.", page.ErrorFor("AdditionalTags"));
    }

    [Fact]
    public async Task A_bad_chapter_keeps_what_was_typed()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Growing" }));
        var page = await author.AddChapterAsync(id, new() { ["Title"] = "Two", ["Body"] = "   ", ["Notes"] = "kept notes" });
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Please write the chapter's text.", page.ErrorFor("Body"));
        Assert.Equal("Two", page.Value("Title"));
        Assert.Equal("kept notes", page.Value("Notes"));
    }

    [Fact]
    public async Task Sign_up_and_log_in_mistakes_are_explained()
    {
        var first = await app.NewVisitor().SignUpAsync();
        var taken = await app.NewVisitor().SubmitAsync("/signup", "/signup", new Dictionary<string, string>
        {
            ["UserName"] = first.UserName!, ["Email"] = "other@example.org", ["Password"] = "long enough pass", ["ConfirmPassword"] = "long enough pass",
        });
        Assert.Equal("That user name is taken; please choose another.", taken.ErrorFor("UserName"));
        Assert.Equal("other@example.org", taken.Value("Email"));

        var mismatch = await app.NewVisitor().SubmitAsync("/signup", "/signup", new Dictionary<string, string>
        {
            ["UserName"] = "fresh_name", ["Email"] = "fresh@example.org", ["Password"] = "long enough pass", ["ConfirmPassword"] = "different pass",
        });
        Assert.Equal("The two passwords don't match.", mismatch.ErrorFor("ConfirmPassword"));

        var login = await app.NewVisitor().SubmitAsync("/login", "/login", new Dictionary<string, string> { ["Login"] = first.UserName!, ["Password"] = "wrong password" });
        Assert.Contains("The user name or password was wrong.", login.Find(".errors")?.TextContent);
        Assert.Equal(first.UserName, login.Value("Login"));
    }

    [Fact]
    public async Task Forms_without_the_anti_forgery_token_are_refused()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var page = await author.PostAsync("/works/new", new Dictionary<string, string>
        {
            ["Title"] = "Forged", ["Fandoms"] = "Smallville", ["Warnings"] = "No Archive Warnings Apply", ["Rating"] = "Mature", ["Body"] = "x", ["PseudIds"] = "1",
        });
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("Bad request", page.Find("h1")?.TextContent);
        await using var db = app.Database();
        Assert.False(await db.Works.AnyAsync(w => w.Title == "Forged"));
    }

    [Fact]
    public async Task A_nul_character_in_a_search_a_path_or_a_form_is_dropped_not_a_server_error()
    {
        var visitor = app.NewVisitor();
        var search = await visitor.Http.GetAsync("/works/search?q=%00%ff");
        Assert.Equal(System.Net.HttpStatusCode.OK, search.StatusCode);
        Assert.NotEqual(System.Net.HttpStatusCode.InternalServerError, (await visitor.Http.GetAsync("/tags/Smallville%00/works")).StatusCode);
        var author = await app.NewVisitor().SignUpAsync();
        var refused = await author.PostWorkAsync(new() { ["Title"] = "Nul\0 Title", ["Body"] = "Before\0after." });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Your form held a character the archive can't keep (NUL", refused.Text);
        Assert.Equal(0, await app.Database().Works.CountAsync(w => w.Title.StartsWith("Nul")));
    }
}
