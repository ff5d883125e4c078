using System.Net;
using Archive.Tests.Infrastructure;
using Archive.Web.Commands;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Archive.Tests;

public class ModerationTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    async Task<ArchiveClient> ModeratorAsync()
    {
        var moderator = await app.NewVisitor().SignUpAsync();
        await using var scope = app.Services.CreateAsyncScope();
        await AdminCommand.RunAsync(scope.ServiceProvider, ["grant", moderator.UserName!, "moderator"], TextWriter.Null, TextWriter.Null);
        return moderator;
    }

    [Fact]
    public async Task Reports_and_screened_comments_reach_the_queue_and_every_action_is_logged_for_good()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Queued Work", ["ScreenComments"] = "true" }));
        var guest = app.NewVisitor();
        await guest.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("GuestName", "Spammer"), new("GuestEmail", "s@example.org"), new("Body", "Buy things")]);
        await guest.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("GuestName", "Spammer Again"), new("GuestEmail", "s2@example.org"), new("Body", "More things")]);
        var reader = await app.NewVisitor().SignUpAsync();
        await reader.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", "A real comment")]);
        var reported = await reader.SubmitAsync($"/works/{id}", $"/works/{id}/report", [new("reason", "Copied from another site")]);
        Assert.Equal("Thank you: your report is with the moderators.", reported.Find(".notice")?.TextContent);
        Assert.Contains("your report was not sent", (await reader.SubmitAsync($"/works/{id}", $"/works/{id}/report", [new("reason", " ")])).Find(".notice")?.TextContent);

        // Readers can't see or use the moderators' tools.
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/moderation")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/moderation/log")).Status);
        var token = await reader.TokenAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync("/moderation/comments", [new("__RequestVerificationToken", token), new("ids", "1"), new("action", "approve")])).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync($"/moderation/works/{id}/hide", [new("__RequestVerificationToken", token), new("reason", "x")])).Status);

        var moderator = await ModeratorAsync();
        var queue = await moderator.GetAsync("/moderation");
        var queued = queue.FindAll("li[id^=queued_]").ToDictionary(li => li.QuerySelector(".userstuff")!.TextContent.Trim(), li => li.Id!.Replace("queued_", ""));
        Assert.Equal(["A real comment", "Buy things", "More things"], queued.Keys.Order());
        Assert.Contains("Copied from another site", queue.Find("li[id^=report_]")?.TextContent);

        await moderator.SubmitAsync("/moderation", "/moderation/comments", [new("ids", queued["A real comment"]), new("action", "approve"), new("reason", "fine")]);
        var spam = await moderator.SubmitAsync("/moderation", "/moderation/comments", [new("ids", queued["Buy things"]), new("action", "spam"), new("reason", "advertising")]);
        Assert.Equal("1 comment marked as spam.", spam.Find(".notice")?.TextContent);
        // Only the ticked comment: the same guest's other one waits for its own decision.
        Assert.Equal([queued["More things"]], spam.FindAll("li[id^=queued_]").Select(li => li.Id!.Replace("queued_", "")));
        var reportId = spam.Find("li[id^=report_]")!.Id!.Replace("report_", "");
        await moderator.SubmitAsync("/moderation", $"/moderation/reports/{reportId}/resolve", [new("reason", "checked, original")]);

        var page = await app.NewVisitor().GetAsync($"/works/{id}");
        Assert.Equal(["A real comment"], page.FindAll("li.comment > .userstuff").Select(b => b.TextContent.Trim()));
        Assert.Equal("1", page.Find("dd.comments")?.TextContent);
        // Later guest comments from the spammer's address wait for approval even where comments aren't screened.
        var open = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Open Work" }));
        var again = await guest.SubmitAsync($"/works/{open}", $"/works/{open}/chapters/1/comments", [new("GuestName", "Spammer"), new("GuestEmail", "s@example.org"), new("Body", "Still selling")]);
        Assert.Contains("awaiting approval", again.Find(".notice")?.TextContent);

        var log = await moderator.GetAsync("/moderation/log");
        var actions = log.FindAll("tbody tr").Select(tr => string.Join(" | ", tr.QuerySelectorAll("td").Skip(1).Select(td => td.TextContent))).ToList();
        Assert.Contains($"{moderator.UserName} | approve comment | comment {queued["A real comment"]} on work {id} | fine", actions);
        Assert.Contains($"{moderator.UserName} | spam comment | comment {queued["Buy things"]} on work {id} | advertising", actions);
        Assert.Contains(actions, a => a.Contains("resolve report") && a.EndsWith("checked, original"));

        // No one can change the log, not even with direct database access.
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var tamper = new NpgsqlCommand("UPDATE moderation_log SET reason = 'nothing happened'", connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => tamper.ExecuteNonQueryAsync());
        Assert.Contains("the moderation log cannot be changed or deleted", refused.MessageText);
        await using var erase = new NpgsqlCommand("DELETE FROM moderation_log", connection);
        await Assert.ThrowsAsync<PostgresException>(() => erase.ExecuteNonQueryAsync());
    }

    static Task<Page> CommentAsGuestAsync(ArchiveClient guest, int workId, string name, string body) =>
        guest.SubmitAsync($"/works/{workId}", $"/works/{workId}/chapters/1/comments", [new("GuestName", name), new("GuestEmail", $"{name.Replace(' ', '.')}@example.org"), new("Body", body)]);

    static Dictionary<string, string> Listed(Page page, string prefix) =>
        page.FindAll($"li[id^={prefix}]").ToDictionary(li => li.QuerySelector(".userstuff")!.TextContent.Trim(), li => li.Id![prefix.Length..]);

    [Fact]
    public async Task Marking_a_guest_comment_as_spam_removes_only_that_comment_unless_the_moderator_confirms_the_others()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var screened = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Watched Closely", ["ScreenComments"] = "true" }));
        var open = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Open To All" }));
        // Every test visitor comes from 127.0.0.1, as guests behind one proxy or on one network would.
        await CommentAsGuestAsync(app.NewVisitor(), screened, "Honest Reader", "What a lovely story.");
        var spammer = app.NewVisitor();
        await CommentAsGuestAsync(spammer, screened, "Watch Seller", "Buy cheap watches.");
        await CommentAsGuestAsync(spammer, screened, "Watch Seller", "Cheap watches, again.");
        await CommentAsGuestAsync(spammer, open, "Watch Seller", "Watches for sale.");
        var reader = await app.NewVisitor().SignUpAsync();
        await reader.SubmitAsync($"/works/{open}", $"/works/{open}/chapters/1/comments", [new("Body", "A reader's comment.")]);

        var moderator = await ModeratorAsync();
        var queued = Listed(await moderator.GetAsync("/moderation"), "queued_");
        await moderator.SubmitAsync("/moderation", "/moderation/comments", [new("ids", queued["What a lovely story."]), new("action", "approve")]);

        var spam = await moderator.SubmitAsync("/moderation", "/moderation/comments", [new("ids", queued["Buy cheap watches."]), new("action", "spam"), new("reason", "watch adverts")]);
        Assert.Equal("1 comment marked as spam.", spam.Find(".notice")?.TextContent);
        Assert.Equal(["Cheap watches, again."], Listed(spam, "queued_").Keys);
        var guestView = await app.NewVisitor().GetAsync($"/works/{screened}");
        Assert.Equal(["What a lovely story."], guestView.FindAll("li.comment > .userstuff").Select(b => b.TextContent.Trim()));
        Assert.Contains("Watches for sale.", (await app.NewVisitor().GetAsync($"/works/{open}")).Text);

        // Asked for, the others from that address are listed first, and nothing goes until the moderator confirms.
        var listed = await moderator.SubmitAsync("/moderation", "/moderation/comments", [new("ids", queued["Cheap watches, again."]), new("action", "spam-and-list"), new("reason", "watch adverts")]);
        Assert.Equal("1 comment marked as spam.", listed.Find(".notice")?.TextContent);
        var others = Listed(listed, "same_guest_");
        Assert.Equal(["Watches for sale.", "What a lovely story."], others.Keys.Order());
        Assert.Equal("watch adverts", listed.Value("reason"));
        Assert.Contains("What a lovely story.", (await app.NewVisitor().GetAsync($"/works/{screened}")).Text);

        // Nobody else can list or remove a guest's comments, and a moderator's confirmation can't reach a comment from elsewhere.
        var token = await reader.TokenAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync(listed.Url)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync("/moderation/same-guest",
            [new("__RequestVerificationToken", token), new("of", queued["Cheap watches, again."]), new("ids", others["Watches for sale."])])).Status);
        var readersComment = Listed(await moderator.GetAsync($"/works/{open}"), "comment_")["A reader's comment."];

        // The moderator unticks the honest reader, who happens to share the address (and a comment from no guest address slipped in stays).
        var confirmed = await moderator.SubmitAsync(listed.Url, "/moderation/same-guest",
            [new("ids", others["Watches for sale."]), new("ids", readersComment)]);
        Assert.Equal("1 comment from the same address marked as spam.", confirmed.Find(".notice")?.TextContent);
        var openView = await app.NewVisitor().GetAsync($"/works/{open}");
        Assert.DoesNotContain("Watches for sale.", openView.Text);
        Assert.Contains("A reader's comment.", openView.Text);
        Assert.Contains("What a lovely story.", (await app.NewVisitor().GetAsync($"/works/{screened}")).Text);

        // Every comment removed is in the audit log, and nothing else.
        var log = (await moderator.GetAsync("/moderation/log")).FindAll("tbody tr").Select(tr => string.Join(" | ", tr.QuerySelectorAll("td").Skip(2).Select(td => td.TextContent))).ToList();
        Assert.Contains($"spam comment | comment {queued["Buy cheap watches."]} on work {screened} | watch adverts", log);
        Assert.Contains($"spam comment | comment {queued["Cheap watches, again."]} on work {screened} | watch adverts", log);
        Assert.Contains($"spam comment | comment {others["Watches for sale."]} on work {open}, from the address of spam comment {queued["Cheap watches, again."]} | watch adverts", log);
        Assert.Equal(3, log.Count(entry => entry.StartsWith("spam comment")));
    }

    [Fact]
    public async Task A_work_hidden_for_review_is_gone_for_readers_but_its_creators_and_moderators_see_why()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Under Review", ["Fandoms"] = "Review Fandom", ["Body"] = "Contested words." }));
        var moderator = await ModeratorAsync();
        var hidden = await moderator.SubmitAsync($"/works/{id}", $"/moderation/works/{id}/hide", [new("reason", "Plagiarism report being checked")]);
        Assert.Equal("The work is hidden pending review.", hidden.Find(".notice")?.TextContent);

        var reader = app.NewVisitor();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/works/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/works/{id}/chapters/1")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Http.GetAsync($"/api/works/{id}")).StatusCode);
        foreach (var url in new[] { "/", "/tags/Review Fandom/works", "/works/search?q=contested", $"/users/{author.UserName}" })
            Assert.DoesNotContain("Under Review", (await reader.GetAsync(url)).Text);
        Assert.DoesNotContain("Under Review", await reader.Http.GetStringAsync("/tags/Review Fandom/feed.atom"));

        var creatorView = await author.GetAsync($"/works/{id}");
        Assert.Equal(HttpStatusCode.OK, creatorView.Status);
        Assert.Contains("hidden pending review by the moderators: Plagiarism report being checked", creatorView.Text);
        Assert.Contains("Plagiarism report being checked", (await moderator.GetAsync($"/works/{id}")).Text);

        await moderator.SubmitAsync($"/works/{id}", $"/moderation/works/{id}/unhide", [new("reason", "Cleared")]);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/works/{id}")).Status);
        var log = await moderator.GetAsync("/moderation/log");
        Assert.Contains("hide work", log.Text);
        Assert.Contains("unhide work", log.Text);
    }
}
