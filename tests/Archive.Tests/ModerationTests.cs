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
        Assert.Equal("1 comment: spam done.", spam.Find(".notice")?.TextContent);
        Assert.Empty(spam.FindAll("li[id^=queued_]"));
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
