using System.Net;
using Archive.Tests.Infrastructure;

namespace Archive.Tests;

public class OrphaningTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    [Fact]
    public async Task An_author_orphans_works_with_or_without_their_pseuds_name_and_can_no_longer_change_them()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var kept = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Orphaned With My Name" }));
        var plain = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Orphaned Without It" }));
        var stays = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Still Mine" }));
        var other = await app.NewVisitor().SignUpAsync();
        var theirs = ArchiveClient.WorkId(await other.PostWorkAsync(new() { ["Title"] = "Someone Else's" }));

        var form = await author.GetAsync($"/orphans?work={kept}");
        Assert.True(form.FindAll("input[name=works]").Single(i => i.GetAttribute("value") == kept.ToString()).HasAttribute("checked"));
        var unconfirmed = await author.SubmitAsync($"/orphans?work={kept}", "/orphans", [new("keepPseudName", "true")]);
        Assert.Equal("Please confirm that you understand you can't take orphaned works back.", unconfirmed.ErrorFor("understood"));
        // Someone else's work can't be orphaned by naming it.
        var forged = await author.PostAsync("/orphans", [new("__RequestVerificationToken", await author.TokenAsync()), new("works", theirs.ToString()), new("understood", "true")]);
        Assert.Equal("Choose the works to orphan, or “All my works”.", forged.ErrorFor("works"));
        Assert.Contains(other.UserName!, (await app.NewVisitor().GetAsync($"/works/{theirs}")).Find(".preface .byline")?.TextContent);

        var done = await author.SubmitAsync($"/orphans?work={kept}", "/orphans", [new("keepPseudName", "true"), new("understood", "true")]);
        Assert.Equal("Orphaned 1 work: they name your pseud under orphan_account now, and you can no longer change them.", done.Find(".notice")?.TextContent);
        await author.SubmitAsync($"/orphans?work={plain}", "/orphans", [new("keepPseudName", "false"), new("understood", "true")]);

        var guest = app.NewVisitor();
        Assert.Equal($"by {author.UserName} (orphan_account)", Squeeze((await guest.GetAsync($"/works/{kept}")).Find(".preface .byline")!.TextContent));
        Assert.Equal("by orphan_account", Squeeze((await guest.GetAsync($"/works/{plain}")).Find(".preface .byline")!.TextContent));
        var page = (await guest.GetAsync($"/users/{author.UserName}")).Text;
        Assert.Contains("Still Mine", page);
        Assert.DoesNotContain("Orphaned With My Name", page);
        Assert.Contains("Orphaned Without It", (await guest.GetAsync("/users/orphan_account")).Text);
        // The old creator can't change them any more.
        Assert.Equal(HttpStatusCode.Forbidden, (await author.GetAsync($"/works/{kept}/edit")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await author.PostAsync($"/works/{plain}/delete", [new("__RequestVerificationToken", await author.TokenAsync())])).Status);
        Assert.Equal(HttpStatusCode.OK, (await author.GetAsync($"/works/{stays}/edit")).Status);
        // Nobody can become orphan_account.
        var squatter = await app.NewVisitor().SubmitAsync("/signup", "/signup", [new("UserName", "Orphan_Account"), new("Email", "o@example.org"),
            new("Password", "correct horse battery"), new("ConfirmPassword", "correct horse battery")]);
        Assert.Equal("That user name is taken; please choose another.", squatter.ErrorFor("UserName"));
    }

    static string Squeeze(string text) => string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

public class AccountDeletionTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    [Fact]
    public async Task A_user_deletes_their_account_orphaning_their_works_and_keeping_their_comments_as_a_deleted_user()
    {
        var leaver = await app.NewVisitor().SignUpAsync();
        var work = ArchiveClient.WorkId(await leaver.PostWorkAsync(new() { ["Title"] = "Left Behind" }));
        var friend = await app.NewVisitor().SignUpAsync();
        var friends = ArchiveClient.WorkId(await friend.PostWorkAsync(new() { ["Title"] = "Friend's Story" }));
        await leaver.SubmitAsync($"/works/{friends}", $"/works/{friends}/chapters/1/comments", [new("Body", "I loved this chapter.")]);
        await leaver.SubmitAsync($"/works/{friends}", $"/works/{friends}/kudos", []);
        // Kudos are counted in the background, every few seconds.
        for (var i = 0; i < 50 && (await app.NewVisitor().GetAsync($"/works/{friends}")).Find("dd.kudos")?.TextContent != "1"; i++) await Task.Delay(200);
        Assert.Equal("1", (await app.NewVisitor().GetAsync($"/works/{friends}")).Find("dd.kudos")?.TextContent);

        var refused = await leaver.SubmitAsync("/settings/delete", "/settings/delete", [new("Password", "not my password")]);
        Assert.Equal("That isn't your password.", refused.ErrorFor("Password"));
        var gone = await leaver.SubmitAsync("/settings/delete", "/settings/delete", [new("Works", "orphan"), new("Comments", "keep"), new("Password", "correct horse battery")]);
        Assert.Equal("Your account is deleted. Thank you for being part of the archive.", gone.Find(".notice")?.TextContent);

        var guest = app.NewVisitor();
        Assert.Contains("orphan_account", (await guest.GetAsync($"/works/{work}")).Find(".preface .byline")?.TextContent);
        var page = await guest.GetAsync($"/works/{friends}");
        Assert.Contains("deleted user", page.Text);
        Assert.Contains("I loved this chapter.", page.Text);
        Assert.DoesNotContain(leaver.UserName!, page.Text);
        Assert.Equal("0", page.Find("dd.kudos")?.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync($"/users/{leaver.UserName}")).Status);
        var login = await guest.SubmitAsync("/login", "/login", [new("Login", leaver.UserName!), new("Password", "correct horse battery")]);
        Assert.Equal("The user name or password was wrong.", login.Find(".errors")?.TextContent.Trim());
        // The old session is over too.
        Assert.StartsWith("/login", (await leaver.GetAsync("/settings")).Url);
    }

    [Fact]
    public async Task A_user_deletes_their_account_with_their_works_and_comments_but_a_co_created_work_stays_with_its_other_creator()
    {
        var leaver = await app.NewVisitor().SignUpAsync();
        var partner = await app.NewVisitor().SignUpAsync();
        var solo = ArchiveClient.WorkId(await leaver.PostWorkAsync(new() { ["Title"] = "Mine Alone" }));
        var shared = ArchiveClient.WorkId(await leaver.PostWorkAsync(new() { ["Title"] = "Ours", ["CoCreators"] = partner.UserName! }));
        var invitation = (await partner.GetAsync("/invitations")).Find($"form[action^='/invitations/{shared}/']")!.GetAttribute("action")!;
        await partner.SubmitAsync("/invitations", invitation, [new("accept", "true")]);
        Assert.Contains(partner.UserName!, (await app.NewVisitor().GetAsync($"/works/{shared}")).Find(".preface .byline")?.TextContent);
        var other = ArchiveClient.WorkId(await partner.PostWorkAsync(new() { ["Title"] = "Partner's Own" }));
        await leaver.SubmitAsync($"/works/{other}", $"/works/{other}/chapters/1/comments", [new("Body", "Words to take back.")]);

        await leaver.SubmitAsync("/settings/delete", "/settings/delete", [new("Works", "delete"), new("Comments", "remove"), new("Password", "correct horse battery")]);
        var guest = app.NewVisitor();
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync($"/works/{solo}")).Status);
        var ours = await guest.GetAsync($"/works/{shared}");
        Assert.Equal(HttpStatusCode.OK, ours.Status);
        Assert.Contains(partner.UserName!, ours.Find(".preface .byline")?.TextContent);
        Assert.DoesNotContain(leaver.UserName!, ours.Find(".preface .byline")?.TextContent);
        Assert.DoesNotContain("Words to take back.", (await guest.GetAsync($"/works/{other}")).Text);
    }
}
