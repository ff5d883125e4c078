using Archive.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests;

public class SubscriptionTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    [Fact]
    public async Task Subscribers_see_new_chapters_new_works_and_new_series_parts()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Ongoing", ["ExpectedChapters"] = "?", ["NewSeriesTitle"] = "Saga" }));
        var reader = await app.NewVisitor().SignUpAsync();

        var subscribed = await reader.SubmitAsync($"/works/{id}", "/subscriptions", []);
        Assert.Equal("Subscribed: updates will appear on your subscriptions page.", subscribed.Find(".notice")?.TextContent);
        // The work now offers to unsubscribe; subscribing again anyway changes nothing.
        Assert.NotNull(subscribed.Find("form[action$='/delete'] button"));
        Assert.Equal("You are already subscribed.", (await reader.PostAsync("/subscriptions",
            [new("__RequestVerificationToken", await reader.TokenAsync()), new("kind", "Work"), new("targetId", id.ToString()), new("back", $"/works/{id}")])).Find(".notice")?.TextContent);
        await reader.SubmitAsync($"/users/{author.UserName}", "/subscriptions", []);
        var seriesHref = (await reader.GetAsync($"/works/{id}")).Find("nav.series a[href^='/series/']")!.GetAttribute("href")!;
        await reader.SubmitAsync(seriesHref, "/subscriptions", []);

        Assert.Contains("No updates since you subscribed.", (await reader.GetAsync("/subscriptions")).Text);
        await author.AddChapterAsync(id, new() { ["Body"] = "More." });
        var form = await author.GetAsync("/works/new");
        var seriesId = form.FindAll("select[name=SeriesId] option").Single(o => o.TextContent == "Saga").GetAttribute("value")!;
        await author.PostWorkAsync(new() { ["Title"] = "Sequel", ["SeriesId"] = seriesId });

        var page = await reader.GetAsync("/subscriptions");
        var updates = page.FindAll("ol.updates li a").Select(a => a.TextContent).ToList();
        Assert.Contains("Chapter 2 of Ongoing", updates);
        Assert.Contains($"New work by {author.UserName}: Sequel", updates);
        Assert.Contains("Part 2 of Saga: Sequel", updates);
        Assert.Equal(3, page.FindAll("ul.following li").Count());

        var unsubscribe = page.FindAll("ul.following li").First(li => li.TextContent.Contains("Author:")).QuerySelector("form")!.GetAttribute("action")!;
        var after = await reader.SubmitAsync("/subscriptions", unsubscribe, []);
        Assert.Equal("Unsubscribed.", after.Find(".notice")?.TextContent);
        Assert.DoesNotContain("New work by", after.Text);
    }

    [Fact]
    public async Task The_digest_emails_each_subscriber_what_is_new_once()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Digest Work", ["ExpectedChapters"] = "?" }));
        var reader = await app.NewVisitor().SignUpAsync();
        await reader.SubmitAsync($"/works/{id}", "/subscriptions", []);
        await author.AddChapterAsync(id, new() { ["Body"] = "News." });

        async Task<string> DigestAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            var output = new StringWriter();
            Assert.Equal(0, await Archive.Web.Subscriptions.DigestCommand.RunAsync(scope.ServiceProvider, output, TextWriter.Null));
            return output.ToString().Trim();
        }
        Assert.StartsWith("Sent", await DigestAsync());
        var mail = Directory.GetFiles(app.MailFolder, "*.eml").Select(File.ReadAllText).Single(m => m.Contains($"{reader.UserName}@example.org"));
        Assert.Contains("Chapter 2 of Digest Work", mail);
        Assert.Contains($"/works/{id}/chapters/2", mail);
        Assert.Equal("No digests to send.", await DigestAsync());
    }

    [Fact]
    public async Task Digests_run_by_cron_on_several_machines_at_once_reach_each_subscriber_once()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Told Once", ["ExpectedChapters"] = "?" }));
        var readers = new List<ArchiveClient>();
        for (var i = 0; i < 3; i++)
        {
            var reader = await app.NewVisitor().SignUpAsync();
            await reader.SubmitAsync($"/works/{id}", "/subscriptions", []);
            readers.Add(reader);
        }
        await author.AddChapterAsync(id, new() { ["Body"] = "More news." });

        // Four runs at once, as cron on four machines at the same minute.
        var outputs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var output = new StringWriter();
            Assert.Equal(0, await Archive.Web.Subscriptions.DigestCommand.RunAsync(scope.ServiceProvider, output, TextWriter.Null));
            return output.ToString().Trim();
        })));

        Assert.Single(outputs, o => o.StartsWith("Sent", StringComparison.Ordinal));
        var mail = Directory.GetFiles(app.MailFolder, "*.eml").Select(File.ReadAllText).Where(m => m.Contains("Chapter 2 of Told Once")).ToList();
        foreach (var reader in readers) Assert.Single(mail, m => m.Contains($"{reader.UserName}@example.org"));
    }
}
