using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Archive.Tests.Infrastructure;
using Archive.Web.Commands;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests;

public class AccountExportTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    const string FirstChapter = "# Opening\n\nIt was a *dark* night, and <em>quiet</em>.\n\n- one\n- two\n";
    const string SecondChapter = "Second **chapter** text.";

    /// <summary>Asks for an export on the settings page as a person would, and waits (as they would, reloading) until it is ready.</summary>
    static async Task<string> ExportAsync(ArchiveClient user, string? replacing = null)
    {
        var asked = await user.SubmitAsync("/settings", "/settings/export", []);
        Assert.Equal("We are preparing your export, and will email you when it is ready.", asked.Find(".notice")?.TextContent);
        for (var waited = 0; waited < 200; waited++)
        {
            var settings = await user.GetAsync("/settings");
            if (settings.Find(".export-status a")?.GetAttribute("href") is { } link && link != replacing)
            {
                Assert.Matches(@"^Your export of \d{1,2} \w+ \d{4} is ready: Download \(\d+\.\d MB\)\.$", settings.Find(".export-status")!.TextContent.Trim());
                return link;
            }
            Assert.Null(settings.Find(".export-status.field-error"));
            await Task.Delay(100);
        }
        throw new TimeoutException("The export was not ready within 20 seconds.");
    }

    static async Task<ZipArchive> DownloadAsync(ArchiveClient user, string link)
    {
        var response = await user.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"archive-export-{user.UserName}-{DateTime.UtcNow:yyyy-MM-dd}.zip", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        return new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
    }

    static string Text(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"No {name} in the export: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    static JsonElement Json(ZipArchive zip, string name) => JsonDocument.Parse(Text(zip, name)).RootElement;

    [Fact]
    public async Task An_author_exports_their_account_and_gets_every_work_and_their_activity()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new()
        {
            ["Title"] = "Exported Story", ["Summary"] = "A *summary*.", ["TextFormat"] = "Markdown", ["ExpectedChapters"] = "2", ["Body"] = FirstChapter,
        }));
        await author.AddChapterAsync(id, new() { ["Title"] = "The Middle", ["Body"] = SecondChapter, ["TextFormat"] = "Markdown" });
        // Hidden by moderators, it is still the author's own to take.
        var hidden = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Hidden Story", ["Body"] = "Under review." }));
        var moderator = await app.NewVisitor().SignUpAsync();
        await using (var scope = app.Services.CreateAsyncScope())
            await AdminCommand.RunAsync(scope.ServiceProvider, ["grant", moderator.UserName!, "moderator"], TextWriter.Null, TextWriter.Null);
        await moderator.SubmitAsync($"/works/{hidden}", $"/moderation/works/{hidden}/hide", [new("reason", "Being checked")]);

        var other = await app.NewVisitor().SignUpAsync();
        var theirs = ArchiveClient.WorkId(await other.PostWorkAsync(new() { ["Title"] = "Someone Else's Work" }));
        await author.GetAsync($"/works/{theirs}");
        await author.SubmitAsync($"/works/{theirs}", $"/works/{theirs}/kudos", []);
        await author.SubmitAsync($"/works/{theirs}/bookmark", $"/works/{theirs}/bookmark", [new("notes", "Loved *this*."), new("tags", "comfort read"), new("isPrivate", "true")]);
        await author.SubmitAsync($"/works/{theirs}", $"/works/{theirs}/chapters/1/comments", [new("Body", "Great work, **truly**."), new("TextFormat", "Markdown")]);

        await author.SubmitAsync("/works/new", "/works/new", [new("Title", "Not Yet Posted"), new("Body", "A draft's *words*."), new("TextFormat", "Markdown")], formAction: "/works/draft");

        var settings = await author.GetAsync("/settings");
        Assert.Contains("Export your account", settings.Find("#export-heading")?.TextContent);
        Assert.Null(settings.Find(".export-status"));
        var link = await ExportAsync(author);
        Assert.Matches(@"^/settings/export/\d+$", link);

        using var zip = await DownloadAsync(author, link);
        var folder = $"works/{id}-Exported_Story/";
        using (var epub = new ZipArchive(zip.GetEntry(folder + "Exported_Story.epub")!.Open()))
            Assert.Equal("mimetype", epub.Entries[0].FullName);
        var html = Text(zip, folder + "Exported_Story.html");
        Assert.Contains("It was a <em>dark</em> night", html);
        Assert.Contains("Second <strong>chapter</strong> text.", html);
        // The source exactly as typed, by its format.
        Assert.Equal(FirstChapter, Text(zip, folder + "source/chapter-01.md"));
        Assert.Equal(SecondChapter, Text(zip, folder + "source/chapter-02.md"));
        var work = Json(zip, folder + "work.json");
        Assert.Equal("Exported Story", work.GetProperty("title").GetString());
        Assert.Equal("A *summary*.", work.GetProperty("summary").GetString());
        Assert.Equal(["Smallville"], work.GetProperty("tags").GetProperty("fandom").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["General Audiences"], work.GetProperty("tags").GetProperty("rating").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal([null, "The Middle"], work.GetProperty("chapters").EnumerateArray().Select(c => c.GetProperty("title").GetString()));
        Assert.Equal("source/chapter-02.md", work.GetProperty("chapters")[1].GetProperty("file").GetString());

        Assert.Equal("Being checked", Json(zip, $"works/{hidden}-Hidden_Story/work.json").GetProperty("hidden_by_moderators").GetString());
        Assert.Equal("Under review.", Text(zip, $"works/{hidden}-Hidden_Story/source/chapter-01.html"));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith($"works/{theirs}-"));

        var bookmark = Assert.Single(Json(zip, "bookmarks.json").EnumerateArray());
        Assert.Equal(theirs, bookmark.GetProperty("work_id").GetInt32());
        Assert.Equal("Someone Else's Work", bookmark.GetProperty("title").GetString());
        // The archive's configured address (Archive:SiteUrl), as in its email.
        Assert.Equal($"/works/{theirs}", new Uri(bookmark.GetProperty("url").GetString()!).PathAndQuery);
        Assert.Equal("Loved *this*.", bookmark.GetProperty("notes").GetString());
        Assert.Equal(["comfort read"], bookmark.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.True(bookmark.GetProperty("is_private").GetBoolean());
        var comment = Assert.Single(Json(zip, "comments.json").EnumerateArray());
        Assert.Equal("Great work, **truly**.", comment.GetProperty("text").GetString());
        Assert.Equal(theirs, comment.GetProperty("work_id").GetInt32());
        Assert.Equal(1, comment.GetProperty("chapter").GetInt32());
        Assert.Equal(theirs, Assert.Single(Json(zip, "kudos.json").EnumerateArray()).GetProperty("work_id").GetInt32());
        Assert.Contains(Json(zip, "history.json").EnumerateArray(), r => r.GetProperty("work_id").GetInt32() == theirs);
        var draft = Assert.Single(Json(zip, "drafts.json").EnumerateArray());
        Assert.Equal("Not Yet Posted", draft.GetProperty("title").GetString());
        Assert.Equal("A draft's *words*.", draft.GetProperty("form").GetProperty("body").GetString());
        var account = Json(zip, "account.json");
        Assert.Equal(author.UserName, account.GetProperty("user_name").GetString());
        Assert.Equal($"{author.UserName}@example.org", account.GetProperty("email").GetString());
        Assert.Equal([author.UserName], account.GetProperty("pseuds").EnumerateArray().Select(p => p.GetProperty("name").GetString()));

        // They are told by email, with a link to where the download is.
        var mail = Directory.GetFiles(app.MailFolder, "*.eml").Select(File.ReadAllText)
            .Single(m => m.Contains($"To: {author.UserName}@example.org") && m.Contains("Subject: Your archive export is ready"));
        Assert.Equal("/settings", new Uri(Regex.Match(Regex.Replace(mail, "=\r?\n", ""), @"https?://\S+/settings\b").Value).PathAndQuery);

        // A new export replaces the old one.
        var newer = await ExportAsync(author, replacing: link);
        Assert.NotEqual(link, newer);
        Assert.Equal(HttpStatusCode.NotFound, (await author.Http.GetAsync(link)).StatusCode);
        using (await DownloadAsync(author, newer)) { }
    }

    [Fact]
    public async Task Another_user_cannot_download_someone_elses_export()
    {
        var author = await app.NewVisitor().SignUpAsync();
        await author.PostWorkAsync(new() { ["Title"] = "Private Papers" });
        var link = await ExportAsync(author);

        var stranger = await app.NewVisitor().SignUpAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(link)).StatusCode);
        Assert.StartsWith("/login", (await app.NewVisitor().GetAsync(link)).Url);
        // Still there for its owner.
        using (await DownloadAsync(author, link)) { }
    }

    [Fact]
    public async Task Exporting_without_a_form_token_is_refused()
    {
        var user = await app.NewVisitor().SignUpAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await user.Http.PostAsync("/settings/export", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Null((await user.GetAsync("/settings")).Find(".export-status"));
    }

    [Fact]
    public async Task Asking_again_while_an_export_is_prepared_says_so_and_a_deleted_account_takes_its_export_along()
    {
        var user = await app.NewVisitor().SignUpAsync();
        var token = await user.TokenAsync();
        // Two requests at once, as a double click sends them: one export.
        var answers = await Task.WhenAll(user.PostAsync("/settings/export", [new("__RequestVerificationToken", token)]),
            user.PostAsync("/settings/export", [new("__RequestVerificationToken", token)]));
        var notices = answers.Select(a => a.Find(".notice")?.TextContent).ToList();
        Assert.Contains("Your export is already being prepared; we will email you when it is ready.", notices);
        Assert.Contains("We are preparing your export, and will email you when it is ready.", notices);

        await using var db = app.Database();
        var userId = await db.Users.Where(u => u.UserName == user.UserName).Select(u => u.Id).SingleAsync();
        for (var waited = 0; waited < 200 && (await user.GetAsync("/settings")).Find(".export-status a") is null; waited++) await Task.Delay(100);
        Assert.Equal(1, await db.AccountExports.CountAsync(e => e.UserId == userId));

        await user.SubmitAsync("/settings/delete", "/settings/delete", [new("Works", "orphan"), new("Comments", "keep"), new("Password", "correct horse battery")]);
        Assert.Equal(0, await db.AccountExports.CountAsync(e => e.UserId == userId));
    }
}
