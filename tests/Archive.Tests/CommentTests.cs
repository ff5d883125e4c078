using System.Net;
using Archive.Tests.Infrastructure;
using Archive.Web.Commands;
using Archive.Web.Comments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests;

public class CommentTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    static List<string> Bodies(Page page) => page.FindAll("li.comment > .userstuff").Select(b => b.TextContent.Trim()).ToList();

    async Task<int> WorkAsync(ArchiveClient author, string title, string permission = "Everyone", bool screened = false)
    {
        var fields = new Dictionary<string, string> { ["Title"] = title, ["CommentPermission"] = permission };
        if (screened) fields["ScreenComments"] = "true";
        return ArchiveClient.WorkId(await author.PostWorkAsync(fields));
    }

    [Fact]
    public async Task A_long_discussion_is_read_twenty_threads_a_page_and_a_link_to_a_comment_opens_its_page()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = await WorkAsync(author, "A Very Long Discussion");
        // Forty-five threads written straight to the database: the per-minute comment limits would take minutes through the form.
        await using (var db = app.Database())
        {
            var chapterId = await db.Chapters.Where(c => c.WorkId == id).Select(c => c.Id).SingleAsync();
            for (var i = 1; i <= 45; i++)
                db.Comments.Add(new Comment { WorkId = id, ChapterId = chapterId, GuestName = $"Guest {i}", BodySource = $"Thread {i}", BodyHtml = $"<p>Thread {i}</p>", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        await app.Service<Archive.Web.Caching.PageCacheEvictions>().WorkPagesChangedAsync(id);

        var reader = await app.NewVisitor().SignUpAsync();
        var first = await reader.GetAsync($"/works/{id}");
        Assert.Equal("Comments (45)", first.Find("#comments-heading")?.TextContent);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"Thread {i}"), Bodies(first));
        Assert.Equal("Page 1 of 3 of comments", first.Find("#comments nav.pagination span")?.TextContent);
        Assert.Equal($"/works/{id}/chapters/1?comments_page=2#comments", first.Find("#comments nav.pagination a[rel=next]")?.GetAttribute("href"));
        Assert.Equal(Enumerable.Range(41, 5).Select(i => $"Thread {i}"), Bodies(await app.NewVisitor().GetAsync($"/works/{id}/chapters/1?comments_page=3")));
        Assert.Equal(Enumerable.Range(41, 5).Select(i => $"Thread {i}"), Bodies(await reader.GetAsync($"/works/{id}/chapters/1?comments_page=99")));

        // A reply to a thread on page 2 comes back to page 2, under its thread.
        var second = $"/works/{id}/chapters/1?comments_page=2";
        var parent = (await reader.GetAsync(second)).FindAll("li.comment").Single(c => c.QuerySelector(".userstuff")!.TextContent.Trim() == "Thread 30").Id!.Replace("comment_", "");
        var replied = await reader.SubmitAsync(second, $"/works/{id}/chapters/1/comments", [new("ParentId", parent), new("Body", "Late to this thread")]);
        Assert.Equal("Comment posted.", replied.Find(".notice")?.TextContent);
        Assert.Equal("Late to this thread", replied.Find($"#comment_{parent} ol.replies .userstuff")?.TextContent.Trim());
        Assert.Equal("Page 2 of 3 of comments", replied.Find("#comments nav.pagination span")?.TextContent);
        // The author's inbox links to it on that page.
        var inbox = await author.GetAsync("/inbox");
        var link = inbox.FindAll("a").First(a => a.TextContent == "A Very Long Discussion").GetAttribute("href")!;
        Assert.Contains("Late to this thread", Bodies(await author.GetAsync(link)));
    }

    [Fact]
    public async Task Guests_and_readers_comment_and_reply_in_threads_counted_in_stats_blurbs_and_json()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = await WorkAsync(author, "Talked About");
        var guest = app.NewVisitor();
        var posted = await guest.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments",
            [new("GuestName", "Passing Reader"), new("GuestEmail", "passing@example.org"), new("Subject", "Loved it"), new("Body", "What a <em>lovely</em> story.")]);
        Assert.Equal("Comment posted.", posted.Find(".notice")?.TextContent);
        var comment = posted.Find("li.comment")!;
        Assert.Contains("Passing Reader", comment.QuerySelector(".comment-byline")!.TextContent);
        Assert.DoesNotContain("passing@example.org", posted.Html);
        Assert.Equal("<em>lovely</em>", comment.QuerySelector(".userstuff em")?.OuterHtml);

        var reader = await app.NewVisitor().SignUpAsync();
        var parentId = comment.Id!.Replace("comment_", "");
        var replied = await reader.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("ParentId", parentId), new("Body", "Agreed!")]);
        var reply = replied.Find($"#comment_{parentId} ol.replies li.comment")!;
        Assert.Contains(reader.UserName!, reply.QuerySelector(".comment-byline")!.TextContent);
        Assert.Equal("Agreed!", reply.QuerySelector(".userstuff")!.TextContent.Trim());

        Assert.Equal("2", replied.Find("dd.comments")?.TextContent);
        Assert.Equal("2", (await app.NewVisitor().GetAsync("/")).FindAll("li.blurb").Single(b => b.TextContent.Contains("Talked About")).QuerySelector("dd.comments")?.TextContent);
        Assert.Contains("\"comments\":2", await app.NewVisitor().Http.GetStringAsync($"/api/works/{id}"));
    }

    [Fact]
    public async Task A_screened_comment_is_seen_only_by_its_writer_the_creators_and_moderators_until_approved()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = await WorkAsync(author, "Screened Work", screened: true);
        var commenter = await app.NewVisitor().SignUpAsync();
        var posted = await commenter.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", "Waiting to be seen.")]);
        Assert.Equal("Your comment was posted and is awaiting approval by the work's creators.", posted.Find(".notice")?.TextContent);
        Assert.Equal("This comment is awaiting approval.", posted.Find("li.comment .awaiting")?.TextContent);

        var moderator = await app.NewVisitor().SignUpAsync();
        await using (var scope = app.Services.CreateAsyncScope())
            await AdminCommand.RunAsync(scope.ServiceProvider, ["grant", moderator.UserName!, "moderator"], TextWriter.Null, TextWriter.Null);
        var otherReader = await app.NewVisitor().SignUpAsync();
        var guest = app.NewVisitor();

        Assert.Empty(Bodies(await guest.GetAsync($"/works/{id}")));
        Assert.Empty(Bodies(await otherReader.GetAsync($"/works/{id}")));
        Assert.Equal(["Waiting to be seen."], Bodies(await commenter.GetAsync($"/works/{id}")));
        Assert.Equal(["Waiting to be seen."], Bodies(await moderator.GetAsync($"/works/{id}")));
        var creatorView = await author.GetAsync($"/works/{id}");
        Assert.Equal(["Waiting to be seen."], Bodies(creatorView));
        foreach (var viewer in new[] { guest, otherReader, commenter, author })
            Assert.Equal("0", (await viewer.GetAsync($"/works/{id}")).Find("dd.comments")?.TextContent);
        Assert.Contains("\"comments\":0", await guest.Http.GetStringAsync($"/api/works/{id}"));
        Assert.DoesNotContain("Waiting to be seen", (await guest.GetAsync("/works/search?q=waiting")).Html);
        Assert.DoesNotContain("Waiting to be seen", await guest.Http.GetStringAsync("/tags/Smallville/feed.atom"));

        // A stranger can't approve it, nor reply to what they can't see.
        var commentId = creatorView.Find("li.comment")!.Id!.Replace("comment_", "");
        var token = await otherReader.TokenAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await otherReader.PostAsync($"/comments/{commentId}/approve", [new("__RequestVerificationToken", token)])).Status);
        var hiddenReply = await otherReader.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("ParentId", commentId), new("Body", "Sneaky reply")]);
        Assert.Contains("awaiting approval, so it can't be replied to", hiddenReply.Text);
        Assert.Equal("Sneaky reply", hiddenReply.Value("Body"));

        var approved = await author.SubmitAsync($"/works/{id}", $"/comments/{commentId}/approve", []);
        Assert.Equal("Comment approved.", approved.Find(".notice")?.TextContent);
        Assert.Equal(["Waiting to be seen."], Bodies(await guest.GetAsync($"/works/{id}")));
        Assert.Equal("1", (await otherReader.GetAsync($"/works/{id}")).Find("dd.comments")?.TextContent);
    }

    [Fact]
    public async Task Work_settings_and_bad_comments_get_clear_messages_and_keep_what_was_typed()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var registered = await WorkAsync(author, "Members Only", permission: "RegisteredUsers");
        var closed = await WorkAsync(author, "Quiet Please", permission: "Nobody");
        var open = await WorkAsync(author, "Open Door");
        var guest = app.NewVisitor();

        var page = await guest.GetAsync($"/works/{registered}");
        Assert.Equal("Only registered users can comment on this work. Log in or sign up to comment.", page.Find("#comments .notice")?.TextContent);
        var token = await guest.TokenAsync();
        var refused = await guest.PostAsync($"/works/{registered}/chapters/1/comments",
            [new("__RequestVerificationToken", token), new("GuestName", "G"), new("GuestEmail", "g@example.org"), new("Body", "Let me in")]);
        Assert.Contains("Only registered users can comment on this work.", refused.Find("#comments .errors")?.TextContent ?? refused.Text);
        Assert.Null((await guest.GetAsync($"/works/{closed}")).Find("form.comment-form"));
        var off = await guest.PostAsync($"/works/{closed}/chapters/1/comments",
            [new("__RequestVerificationToken", token), new("GuestName", "G"), new("GuestEmail", "g@example.org"), new("Body", "Hello?")]);
        Assert.Contains("The creators of this work have turned comments off.", off.Text);

        var empty = await guest.SubmitAsync($"/works/{open}", $"/works/{open}/chapters/1/comments", [new("GuestName", "Kept Name"), new("GuestEmail", "k@example.org"), new("Body", "  ")]);
        Assert.Equal("Please write a comment.", empty.ErrorFor("Body"));
        Assert.Equal("Kept Name", empty.Value("GuestName"));
        var tooLong = await guest.SubmitAsync($"/works/{open}", $"/works/{open}/chapters/1/comments", [new("GuestName", "Wordy"), new("GuestEmail", "w@example.org"), new("Body", new string('x', 10_001))]);
        Assert.Equal("Comments must be 10,000 characters or fewer (this one is 10,001).", tooLong.ErrorFor("Body"));
        var noEmail = await guest.SubmitAsync($"/works/{open}", $"/works/{open}/chapters/1/comments", [new("GuestName", "Nameless"), new("Body", "Hi")]);
        Assert.Equal("Please give an email address (it is never shown).", noEmail.ErrorFor("GuestEmail"));
        Assert.Equal("Hi", noEmail.Value("Body"));
        var bot = await guest.SubmitAsync($"/works/{open}", $"/works/{open}/chapters/1/comments", [new("GuestName", "Bot"), new("GuestEmail", "b@example.org"), new("Body", "Buy now"), new("Website", "http://spam.example")]);
        Assert.Contains("Your comment looked automated and was not posted.", bot.Text);

        // A reply must be to a comment on the same chapter.
        var reader = await app.NewVisitor().SignUpAsync();
        var elsewhere = await reader.SubmitAsync($"/works/{registered}", $"/works/{registered}/chapters/1/comments", [new("Body", "Comment over here")]);
        var elsewhereId = elsewhere.Find("li.comment")!.Id!.Replace("comment_", "");
        var crossed = await reader.SubmitAsync($"/works/{open}", $"/works/{open}/chapters/1/comments", [new("ParentId", elsewhereId), new("Body", "Crossing works")]);
        Assert.Contains("The comment you replied to isn't on this chapter.", crossed.Text);
        Assert.Empty(Bodies(await app.NewVisitor().GetAsync($"/works/{open}")));
    }

    [Fact]
    public async Task Hostile_comments_are_cleaned_and_deleting_keeps_the_thread()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = await WorkAsync(author, "Targeted");
        var troll = await app.NewVisitor().SignUpAsync();
        var page = await troll.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments",
            [new("Subject", "<script>alert(1)</script>"), new("Body", "<p onclick=\"steal()\">Hi<script>alert(2)</script><a href=\"javascript:alert(3)\">x</a></p>")]);
        var comment = page.Find("li.comment")!;
        Assert.Equal("<script>alert(1)</script>", comment.QuerySelector(".comment-subject")?.TextContent);
        Assert.Empty(page.FindAll("#comments script"));
        Assert.DoesNotContain(page.FindAll("#comments *"), e => e.Attributes.Any(a => a.Name.StartsWith("on") || a.Value.Contains("javascript:")));

        var commentId = comment.Id!.Replace("comment_", "");
        var reader = await app.NewVisitor().SignUpAsync();
        await reader.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("ParentId", commentId), new("Body", "Please don't.")]);
        var token = await reader.TokenAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync($"/comments/{commentId}/delete", [new("__RequestVerificationToken", token)])).Status);

        var deleted = await author.SubmitAsync($"/works/{id}", $"/comments/{commentId}/delete", []);
        Assert.Equal("Comment deleted.", deleted.Find(".notice")?.TextContent);
        Assert.Equal("(Previous comment deleted.)", deleted.Find($"#comment_{commentId} .deleted")?.TextContent);
        Assert.Equal(["Please don't."], Bodies(deleted));
        Assert.Equal("1", deleted.Find("dd.comments")?.TextContent);
    }

    [Fact]
    public async Task Creators_work_through_their_inbox_and_writers_edit_their_own_comments()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = await WorkAsync(author, "Inbox Work", screened: true);
        await author.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", "Author's own note.")]);
        var reader = await app.NewVisitor().SignUpAsync();
        await reader.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", "First version.")]);

        var inbox = await author.GetAsync("/inbox");
        var item = Assert.Single(inbox.FindAll("li.inbox-item"));
        Assert.Contains("unread", item.ClassName);
        Assert.Contains("Awaiting approval", item.TextContent);
        Assert.Contains("First version.", item.TextContent);
        var commentId = item.Id!.Replace("inbox_", "");

        var approved = await author.SubmitAsync("/inbox", $"/comments/{commentId}/approve", []);
        Assert.Equal("/inbox", approved.Url);
        Assert.DoesNotContain("Awaiting approval", approved.Find("li.inbox-item")!.TextContent);
        var read = await author.SubmitAsync("/inbox", $"/inbox/{commentId}/read", []);
        Assert.Contains(" read", " " + read.Find("li.inbox-item")!.ClassName);
        Assert.Contains("0 unread", read.Text);

        var token = await reader.TokenAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync($"/inbox/{commentId}/read", [new("__RequestVerificationToken", token)])).Status);
        Assert.Empty((await reader.GetAsync("/inbox")).FindAll("li.inbox-item"));

        Assert.Equal(HttpStatusCode.Forbidden, (await author.GetAsync($"/comments/{commentId}/edit")).Status);
        var edited = await reader.SubmitAsync($"/comments/{commentId}/edit", $"/comments/{commentId}/edit", [new("Body", "Second version.")]);
        var comment = edited.Find($"#comment_{commentId}")!;
        Assert.Equal("Second version.", comment.QuerySelector(".userstuff")!.TextContent.Trim());
        Assert.Contains("edited", comment.QuerySelector(".comment-byline")!.TextContent);
        var empty = await reader.SubmitAsync($"/comments/{commentId}/edit", $"/comments/{commentId}/edit", [new("Body", "")]);
        Assert.Equal("Please write a comment.", empty.ErrorFor("Body"));
    }

    [Fact]
    public async Task A_guest_comment_full_of_links_waits_for_approval()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = await WorkAsync(author, "Open To All");
        var links = string.Join(" ", Enumerable.Range(1, 3).Select(i => $"<a href=\"https://shop{i}.example\">deal</a>"));
        var spam = await app.NewVisitor().SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments",
            [new("GuestName", "Deals"), new("GuestEmail", "deals@example.org"), new("Body", $"Great story! {links}")]);
        Assert.Equal("Your comment was posted and is awaiting approval by the work's creators.", spam.Find(".notice")?.TextContent);
        Assert.Empty(Bodies(await app.NewVisitor().GetAsync($"/works/{id}")));
        Assert.Single(Bodies(await author.GetAsync($"/works/{id}")));
    }

    [Fact]
    public async Task Deep_threads_continue_on_their_own_page_and_comments_may_be_markdown()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = await WorkAsync(author, "Long Conversation");
        var reader = await app.NewVisitor().SignUpAsync();
        var page = await reader.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", "Level *zero*"), new("TextFormat", "Markdown")]);
        Assert.Equal("<em>zero</em>", page.Find("li.comment .userstuff em")?.OuterHtml);
        var parent = page.Find("li.comment")!.Id!.Replace("comment_", "");
        var ids = new List<string> { parent };
        for (var level = 1; level <= 6; level++)
        {
            page = await reader.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("ParentId", parent), new("Body", $"Level {level}")]);
            // Deeper replies are collapsed on the chapter page, so the newest id comes from what was stored.
            await using (var db = app.Database()) parent = db.Comments.Max(c => c.Id).ToString();
            ids.Add(parent);
        }
        var chapter = await app.NewVisitor().GetAsync($"/works/{id}");
        Assert.Contains("Level 4", chapter.Text);
        Assert.DoesNotContain("Level 6", chapter.Text);
        var more = chapter.FindAll("a").Single(a => a.TextContent.StartsWith("Continue this thread"));
        var thread = await app.NewVisitor().GetAsync(more.GetAttribute("href")!);
        Assert.Contains("Level 5", thread.Text);
        Assert.Contains("Level 6", thread.Text);
    }
}
