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
