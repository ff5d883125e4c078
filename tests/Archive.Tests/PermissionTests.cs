using System.Net;
using Archive.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Archive.Tests;

/// <summary>Each test tries to break a permission from the outside, as a stranger would.</summary>
public class PermissionTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    async Task<(ArchiveClient Author, int WorkId)> PostedWorkAsync(string title)
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = title, ["ExpectedChapters"] = "?" }));
        await author.AddChapterAsync(id, new() { ["Body"] = "Second chapter." });
        return (author, id);
    }

    [Fact]
    public async Task Another_user_cannot_open_or_submit_any_editing_page()
    {
        var (_, id) = await PostedWorkAsync("Mine, not yours");
        var stranger = await app.NewVisitor().SignUpAsync();

        foreach (var url in new[] { $"/works/{id}/edit", $"/works/{id}/delete", $"/works/{id}/chapters/new", $"/works/{id}/chapters/1/edit", $"/works/{id}/chapters/2/delete", $"/works/{id}/chapters/manage" })
        {
            var page = await stranger.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, page.Status);
            Assert.Contains("only its creators can", page.Find("main")?.TextContent);
        }

        // Forged submissions carry a valid token of the stranger's own, taken from a form they may use.
        var token = await stranger.TokenAsync();
        KeyValuePair<string, string> Token() => new("__RequestVerificationToken", token);
        var attempts = new (string Url, KeyValuePair<string, string>[] Fields)[]
        {
            ($"/works/{id}/edit", [Token(), new("Title", "Hijacked"), new("Fandoms", "Smallville"), new("Warnings", "No Archive Warnings Apply"), new("Rating", "Explicit"), new("Language", "English")]),
            ($"/works/{id}/chapters/new", [Token(), new("Body", "Vandalism")]),
            ($"/works/{id}/chapters/1/edit", [Token(), new("Body", "Vandalism")]),
            ($"/works/{id}/chapters/manage", [Token(), new("positions[1]", "2"), new("positions[2]", "1")]),
            ($"/works/{id}/chapters/2/delete", [Token()]),
            ($"/works/{id}/delete", [Token()]),
        };
        foreach (var (url, fields) in attempts)
            Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsync(url, fields)).Status);

        var page1 = await app.NewVisitor().GetAsync($"/works/{id}");
        Assert.Equal("Mine, not yours", page1.Find("h1.title")?.TextContent);
        Assert.Equal("2/?", page1.Find("dd.chapters")?.TextContent);
        Assert.DoesNotContain("Vandalism", (await app.NewVisitor().GetAsync($"/works/{id}?view_full_work=true")).Text);
        Assert.Null(page1.Find("a[href$='/edit']"));
    }

    [Fact]
    public async Task A_guest_is_sent_to_log_in_before_posting_or_editing()
    {
        var (_, id) = await PostedWorkAsync("Guest proof");
        var guest = app.NewVisitor();
        foreach (var url in new[] { "/works/new", $"/works/{id}/edit", $"/works/{id}/chapters/new", "/pseuds/new", "/invitations" })
        {
            var response = await guest.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery);
        }
        var token = await guest.TokenAsync();
        var post = await guest.Http.PostAsync($"/works/{id}/delete", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync($"/works/{id}")).Status);
    }

    [Fact]
    public async Task An_invited_co_creator_is_listed_and_may_edit_only_after_accepting()
    {
        var invitee = await app.NewVisitor().SignUpAsync();
        var author = await app.NewVisitor().SignUpAsync();
        var posted = await author.PostWorkAsync(new() { ["Title"] = "Written together", ["CoCreators"] = invitee.UserName! });
        var id = ArchiveClient.WorkId(posted);
        Assert.Equal([author.UserName], posted.FindAll(".byline a").Select(a => a.TextContent));
        Assert.Equal(HttpStatusCode.Forbidden, (await invitee.GetAsync($"/works/{id}/edit")).Status);
        var json = await app.NewVisitor().Http.GetStringAsync($"/api/works/{id}");
        Assert.DoesNotContain(invitee.UserName!, json);

        // Someone else cannot answer the invitation for them.
        var stranger = await app.NewVisitor().SignUpAsync();
        var invitations = await invitee.GetAsync("/invitations");
        var form = invitations.Find("form[action^='/invitations/']")!;
        var strangerToken = await stranger.TokenAsync();
        var forged = await stranger.PostAsync(form.GetAttribute("action")!, [new("__RequestVerificationToken", strangerToken), new("accept", "true")]);
        Assert.Equal(HttpStatusCode.NotFound, forged.Status);

        var accepted = await invitee.SubmitAsync("/invitations", form.GetAttribute("action")!, [new("accept", "true")]);
        Assert.Equal($"/works/{id}", accepted.Url);
        Assert.Equal([author.UserName, invitee.UserName], accepted.FindAll(".byline a").Select(a => a.TextContent));
        Assert.Equal(HttpStatusCode.OK, (await invitee.GetAsync($"/works/{id}/edit")).Status);
        var edited = await invitee.SubmitAsync($"/works/{id}/edit", $"/works/{id}/edit", [new("Title", "Written together, revised")]);
        Assert.Equal("Written together, revised", edited.Find("h1.title")?.TextContent);

        await using var db = app.Database();
        Assert.Equal(2, await db.WorkCreators.CountAsync(c => c.WorkId == id && c.IsAccepted));
    }

    [Fact]
    public async Task A_co_creator_named_by_user_name_is_invited_however_many_others_have_a_pseud_of_that_name()
    {
        // Six readers took the name as a pseud before its user signed up.
        var name = $"wren_{Guid.NewGuid():N}"[..12];
        for (var n = 0; n < 6; n++)
        {
            var other = await app.NewVisitor().SignUpAsync();
            await other.SubmitAsync("/pseuds/new", "/pseuds/new", [new("Name", name)]);
        }
        var invitee = await app.NewVisitor().SignUpAsync(name);

        var author = await app.NewVisitor().SignUpAsync();
        var posted = await author.PostWorkAsync(new() { ["Title"] = "For the wren", ["CoCreators"] = name });
        Assert.Matches(@"^/works/\d+$", posted.Url);  // posted, not the form again saying the name is ambiguous
        var id = ArchiveClient.WorkId(posted);
        Assert.NotNull((await invitee.GetAsync("/invitations")).Find($"form[action^='/invitations/{id}/']"));
    }

    [Fact]
    public async Task A_declined_invitation_leaves_the_work_alone()
    {
        var invitee = await app.NewVisitor().SignUpAsync();
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Solo after all", ["CoCreators"] = invitee.UserName! }));
        var form = (await invitee.GetAsync("/invitations")).Find("form[action^='/invitations/']")!;
        var declined = await invitee.SubmitAsync("/invitations", form.GetAttribute("action")!, [new("accept", "false")]);
        Assert.Equal("No one has invited you to co-create a work.", declined.Find("main > p:not(.notice)")?.TextContent);
        Assert.Equal([author.UserName], (await app.NewVisitor().GetAsync($"/works/{id}")).FindAll(".byline a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task No_one_can_post_under_another_users_pseud()
    {
        var victim = await app.NewVisitor().SignUpAsync();
        int victimPseud;
        await using (var db = app.Database())
            victimPseud = db.Pseuds.Single(p => p.User.UserName == victim.UserName).Id;
        var forger = await app.NewVisitor().SignUpAsync();
        var page = await forger.SubmitAsync("/works/new", "/works/new", new Dictionary<string, string>
        {
            ["Title"] = "Forged byline", ["Fandoms"] = "Smallville", ["Warnings"] = "No Archive Warnings Apply", ["Body"] = "x", ["PseudIds"] = victimPseud.ToString(),
        });
        Assert.Equal("/works/new", page.Url);
        Assert.Equal("Please choose at least one of your own pseuds to post as.", page.ErrorFor("PseudIds"));
        await using var check = app.Database();
        Assert.False(check.Works.Any(w => w.Title == "Forged byline"));
    }
}
