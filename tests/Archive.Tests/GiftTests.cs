using System.Net;
using Archive.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Archive.Tests;

public class GiftTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    static List<string> Recipients(Page page) => page.FindAll(".preface .gifts li").Select(li => li.TextContent).ToList();

    [Fact]
    public async Task A_gift_names_its_recipients_who_are_told_and_one_who_refuses_is_never_named_again()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var recipient = await app.NewVisitor().SignUpAsync();
        var posted = await author.PostWorkAsync(new() { ["Title"] = "Birthday Fic", ["GiftTo"] = $"{recipient.UserName}, Jane Doe, jane doe" });
        var id = ArchiveClient.WorkId(posted);
        Assert.StartsWith("For ", posted.Find(".preface .gifts")?.TextContent);
        Assert.Equal([recipient.UserName!, "Jane Doe"], Recipients(posted));
        Assert.Equal($"/users/{recipient.UserName}/gifts", posted.Find(".preface .gifts a")?.GetAttribute("href"));

        var download = $"/downloads/{id}/Birthday_Fic.html";
        Assert.Contains($"<p>For {recipient.UserName}, Jane Doe.</p>", await app.NewVisitor().Http.GetStringAsync(download));
        Assert.Contains($"\"gifts\":[\"{recipient.UserName}\",\"Jane Doe\"]", await app.NewVisitor().Http.GetStringAsync($"/api/works/{id}"));

        Assert.Equal("1 new gift for you", (await recipient.GetAsync("/inbox")).Find(".news a")?.TextContent);
        var gifts = await recipient.GetAsync($"/users/{recipient.UserName}/gifts");
        Assert.Equal(["Birthday Fic"], gifts.FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent));
        Assert.NotNull(gifts.Find("li.gift .new"));
        Assert.Null((await recipient.GetAsync("/inbox")).Find(".news a"));
        var refuse = gifts.Find("li.gift form")!.GetAttribute("action")!;

        // Only the recipient may refuse: not the author, not a stranger, not a guest.
        Assert.Null((await app.NewVisitor().GetAsync($"/users/{recipient.UserName}/gifts")).Find("li.gift form"));
        foreach (var other in new[] { author, await app.NewVisitor().SignUpAsync() })
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync(refuse, [new("__RequestVerificationToken", await other.TokenAsync())])).Status);
        Assert.Contains(recipient.UserName!, (await app.NewVisitor().GetAsync($"/works/{id}")).Find(".gifts")?.TextContent);

        var refused = await recipient.SubmitAsync($"/users/{recipient.UserName}/gifts", refuse, []);
        Assert.Equal("You have refused the gift; the work no longer names you.", refused.Find(".notice")?.TextContent);
        Assert.Empty(refused.FindAll("li.gift"));
        Assert.Equal(["Jane Doe"], Recipients(await app.NewVisitor().GetAsync($"/works/{id}")));
        Assert.Contains("<p>For Jane Doe.</p>", await app.NewVisitor().Http.GetStringAsync(download));

        var edit = await author.GetAsync($"/works/{id}/edit");
        Assert.Equal("Jane Doe", edit.Value("GiftTo"));
        var again = await author.SubmitAsync($"/works/{id}/edit", $"/works/{id}/edit", [new("GiftTo", $"Jane Doe, {recipient.UserName}")]);
        Assert.Equal($"{recipient.UserName} refused this gift, so it can't be given to them again.", again.ErrorFor("GiftTo"));
        Assert.Equal($"Jane Doe, {recipient.UserName}", again.Value("GiftTo"));

        await using var db = app.Database();
        Assert.Equal(2, await db.Gifts.CountAsync(g => g.WorkId == id));
        var twice = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlAsync(
            $"INSERT INTO gifts (work_id, recipient_name, created_at) VALUES ({id}, 'Jane Doe', now())"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, twice.SqlState);
    }
}
