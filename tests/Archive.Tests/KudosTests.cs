using System.Net;
using Archive.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Archive.Tests;

public class KudosTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    [Fact]
    public async Task Readers_and_guests_leave_kudos_once_and_they_show_and_sort()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Kudos Magnet", ["Fandoms"] = "Kudos Fandom" }));
        await author.PostWorkAsync(new() { ["Title"] = "Quiet One", ["Fandoms"] = "Kudos Fandom" });

        var own = await author.SubmitAsync($"/works/{id}", $"/works/{id}/kudos", []);
        Assert.Equal("You can't leave kudos on your own work.", own.Find(".notice")?.TextContent);

        var reader = await app.NewVisitor().SignUpAsync();
        var thanked = await reader.SubmitAsync($"/works/{id}", $"/works/{id}/kudos", []);
        Assert.Equal("Thank you for leaving kudos!", thanked.Find(".notice")?.TextContent);
        // The reader sees their kudos at once, and isn't offered the button again; a second try (a double click) changes nothing.
        Assert.Equal("You left kudos on this work ♥", thanked.Find(".kudos-given")?.TextContent);
        Assert.Equal($"{reader.UserName} left kudos on this work!", thanked.Find(".kudos-list")?.TextContent);
        Assert.Null(thanked.Find($"form[action='/works/{id}/kudos']"));
        Assert.Equal("You have already left kudos here. :)", (await reader.PostAsync($"/works/{id}/kudos", [new("__RequestVerificationToken", await reader.TokenAsync())])).Find(".notice")?.TextContent);
        var guest = app.NewVisitor();
        await guest.SubmitAsync($"/works/{id}", $"/works/{id}/kudos", []);
        Assert.Equal("You have already left kudos here. :)", (await guest.SubmitAsync($"/works/{id}", $"/works/{id}/kudos", [])).Find(".notice")?.TextContent);
        // Counts follow within a round of the kudos counter.
        await app.Service<Archive.Web.Kudos.KudosCounts>().FlushAsync();

        var page = await app.NewVisitor().GetAsync($"/works/{id}");
        Assert.Equal("2", page.Find("dd.kudos")?.TextContent);
        Assert.Equal($"{reader.UserName} and 1 guest left kudos on this work!", page.Find(".kudos-list")?.TextContent);
        Assert.Contains("\"kudos\":2", await app.NewVisitor().Http.GetStringAsync($"/api/works/{id}"));
        var sorted = await app.NewVisitor().GetAsync("/tags/Kudos Fandom/works?sort=kudos");
        Assert.Equal(["Kudos Magnet", "Quiet One"], sorted.FindAll("li.blurb .heading a[href^='/works/']").Select(a => a.TextContent));
        await using var db = app.Database();
        Assert.Equal(2, await db.Kudos.CountAsync(k => k.WorkId == id));
    }

    [Fact]
    public async Task A_work_with_kudos_comments_and_reports_can_still_be_deleted()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Short Lived" }));
        var reader = await app.NewVisitor().SignUpAsync();
        await reader.SubmitAsync($"/works/{id}", $"/works/{id}/kudos", []);
        var commented = await reader.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", "First")]);
        var parent = commented.Find("li.comment")!.Id!.Replace("comment_", "");
        await reader.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("ParentId", parent), new("Body", "Reply")]);
        await reader.SubmitAsync($"/works/{id}", $"/works/{id}/report", [new("reason", "Just testing")]);

        var deleted = await author.SubmitAsync($"/works/{id}/delete", $"/works/{id}/delete", []);
        Assert.Equal("Your work was deleted.", deleted.Find(".notice")?.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewVisitor().GetAsync($"/works/{id}")).Status);
    }
}
