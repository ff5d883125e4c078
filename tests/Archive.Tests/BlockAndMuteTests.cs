using Archive.Tests.Infrastructure;

namespace Archive.Tests;

public class BlockAndMuteTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    [Fact]
    public async Task A_blocked_user_cannot_comment_on_the_blockers_works_and_keeps_what_they_typed()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Guarded Comments" }));
        var pest = await app.NewVisitor().SignUpAsync();
        var blocked = await author.SubmitAsync($"/users/{pest.UserName}", $"/users/{pest.UserName}/block", []);
        Assert.Equal($"{pest.UserName} can no longer comment on your works.", blocked.Find(".notice")?.TextContent);

        var refused = await pest.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", "You can't stop me")]);
        Assert.Contains("A creator of this work has blocked you from commenting on their works.", refused.Text);
        Assert.Equal("You can't stop me", refused.Value("Body"));
        Assert.Empty((await app.NewVisitor().GetAsync($"/works/{id}")).FindAll("li.comment"));

        // There's no button for it, but the server refuses it anyway.
        var token = await author.TokenAsync();
        Assert.Equal("You can't block or mute yourself.", (await author.PostAsync($"/users/{author.UserName}/block", [new("__RequestVerificationToken", token)])).Find(".notice")?.TextContent);
        await author.SubmitAsync($"/users/{pest.UserName}", $"/users/{pest.UserName}/unblock", []);
        Assert.Equal("Comment posted.", (await pest.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", "Truce")])).Find(".notice")?.TextContent);
    }

    [Fact]
    public async Task Muting_hides_a_users_works_and_comments_from_the_muter_only()
    {
        var loud = await app.NewVisitor().SignUpAsync();
        await loud.PostWorkAsync(new() { ["Title"] = "Loud Work", ["Fandoms"] = "Mute Fandom" });
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Quiet Work", ["Fandoms"] = "Mute Fandom" }));
        var first = await loud.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", "LOUD OPINION")]);
        var loudId = first.Find("li.comment")!.Id!.Replace("comment_", "");
        var reader = await app.NewVisitor().SignUpAsync();
        await reader.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("ParentId", loudId), new("Body", "Calm reply")]);

        var muted = await reader.SubmitAsync($"/users/{loud.UserName}", $"/users/{loud.UserName}/mute", []);
        Assert.Equal($"You won't see {loud.UserName}'s works or comments any more.", muted.Find(".notice")?.TextContent);
        var page = await reader.GetAsync($"/works/{id}");
        Assert.DoesNotContain("LOUD OPINION", page.Text);
        Assert.Equal("(A comment from someone you muted.)", page.Find($"#comment_{loudId} .deleted")?.TextContent);
        Assert.Contains("Calm reply", page.Text);
        var listing = await reader.GetAsync("/tags/Mute Fandom/works");
        Assert.DoesNotContain("Loud Work", listing.Text);
        Assert.Contains("Quiet Work", listing.Text);

        var other = app.NewVisitor();
        Assert.Contains("LOUD OPINION", (await other.GetAsync($"/works/{id}")).Text);
        Assert.Contains("Loud Work", (await other.GetAsync("/tags/Mute Fandom/works")).Text);
    }
}
