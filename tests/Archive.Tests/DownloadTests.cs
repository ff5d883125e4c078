using System.Net;
using Archive.Tests.Infrastructure;
using Archive.Web.Commands;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests;

public class DownloadTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    [Fact]
    public async Task The_html_download_is_one_clean_file_made_once_and_remade_when_the_work_changes()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var posted = await author.PostWorkAsync(new()
        {
            ["Title"] = "Take Away", ["Summary"] = "<p onclick=\"x()\">Portable.</p>", ["ExpectedChapters"] = "2", ["Body"] = "Chapter one <script>alert(1)</script>text.",
        });
        var id = ArchiveClient.WorkId(posted);
        await author.AddChapterAsync(id, new() { ["Title"] = "Two", ["Body"] = "Chapter two text." });
        var link = (await app.NewVisitor().GetAsync($"/works/{id}")).Find(".downloads a")!.GetAttribute("href")!;
        Assert.Equal($"/downloads/{id}/Take_Away.html", link);

        var response = await app.NewVisitor().Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Take_Away.html", response.Content.Headers.ContentDisposition?.FileName);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Take Away</h1>", html);
        Assert.Contains("Chapter 2: Two", html);
        Assert.Contains("Chapter two text.", html);
        Assert.Contains("Portable.", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("onclick", html);
        Assert.Contains($"/downloads/{id}/Take_Away.html", await app.NewVisitor().Http.GetStringAsync($"/api/works/{id}"));

        await using (var db = app.Database())
            Assert.Equal(1, await db.Downloads.CountAsync(d => d.WorkId == id));
        await author.SubmitAsync($"/works/{id}/chapters/2/edit", $"/works/{id}/chapters/2/edit", [new("Body", "Revised chapter two.")]);
        var again = await app.NewVisitor().Http.GetStringAsync(link);
        Assert.Contains("Revised chapter two.", again);
        Assert.DoesNotContain("Chapter two text.", again);

        var moderator = await app.NewVisitor().SignUpAsync();
        await using (var scope = app.Services.CreateAsyncScope())
            await AdminCommand.RunAsync(scope.ServiceProvider, ["grant", moderator.UserName!, "moderator"], TextWriter.Null, TextWriter.Null);
        await moderator.SubmitAsync($"/works/{id}", $"/moderation/works/{id}/hide", [new("reason", "Review")]);
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewVisitor().Http.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewVisitor().Http.GetAsync("/downloads/999999/Nothing.html")).StatusCode);
    }
}
