using System.Diagnostics;
using System.Net;
using Archive.Tests.Infrastructure;
using Npgsql;

namespace Archive.Tests;

/// <summary>
/// An instance stopped by its service manager or a deploy (SIGTERM) finishes what it was doing: a reader mid-download
/// gets their file, and hits counted in memory reach the database. Run as a real process, as an operator runs it.
/// </summary>
public sealed class ShutdownTests : IAsyncLifetime
{
    readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("archive-shutdown-");
    Process? app;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (app is { HasExited: false }) app.Kill(entireProcessTree: true);
        scratch.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_instance_told_to_stop_finishes_a_download_in_flight_and_saves_the_hits_it_held()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        // A converter that takes its time, so the PDF is still being made when the stop comes.
        var converter = Path.Combine(scratch.FullName, "slow-ebook-convert");
        await File.WriteAllTextAsync(converter, "#!/bin/sh\nsleep 3\necho '%PDF-1.4 slow but whole' > \"$2\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(converter, (UnixFileMode)0x1ED /* 0755 */);
        var port = Archive.Web.Database.PrivatePostgres.FreePort();
        app = AppProcess.Start(["--urls", $"http://127.0.0.1:{port}"],
            ("ConnectionStrings__Archive", connectionString), ("Archive__Downloads__EbookConvertPath", converter),
            ("Archive__Accounts__ConfirmEmail", "false"));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        await AppProcess.WaitHealthyAsync(port, app);

        // A work to read, posted as an author would; then three guests read it (their hits wait in memory, written every 5 s).
        var author = ArchiveFactory.VisitorAt(http.BaseAddress.ToString(), new CookieContainer());
        await author.SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Read Before The Restart" }));
        foreach (var agent in new[] { "reader-one", "reader-two", "reader-three" })
        {
            using var read = new HttpRequestMessage(HttpMethod.Get, $"/works/{id}");
            read.Headers.UserAgent.ParseAdd(agent);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(read)).StatusCode);
        }

        var download = http.GetAsync($"/downloads/{id}/Read_Before_The_Restart.pdf");
        await Task.Delay(1000);
        Process.Start("kill", ["-TERM", app.Id.ToString()]).WaitForExit();

        var response = await download;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("%PDF-1.4 slow but whole", await response.Content.ReadAsStringAsync());
        Assert.True(app.WaitForExit(30_000), "the app did not stop after SIGTERM");
        Assert.Equal(0, app.ExitCode);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var hits = new NpgsqlCommand($"SELECT hits_count FROM work_stats WHERE work_id = {id}", connection);
        // The three guests (the author's own look at the work as it was posted is no hit).
        Assert.Equal(3, await hits.ExecuteScalarAsync());
    }
}
