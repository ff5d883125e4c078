using System.Diagnostics;
using System.Net;
using Archive.Tests.Infrastructure;
using Archive.Web.Database;
using Npgsql;

namespace Archive.Tests;

/// <summary>
/// With the write-ahead log archived (Archive:WalArchiveDirectory), a base backup and deploy/restore-to-moment.sh bring the
/// archive back as it was just before an accidental mass deletion: the README's steps, run as an operator would.
/// </summary>
public class PointInTimeRecoveryTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), $"archive-pitr-{Guid.NewGuid():N}");
    readonly List<Process> processes = [];
    string Live => Path.Combine(folder, "live");
    string Wal => Path.Combine(folder, "wal");

    Process StartSite(string dataDirectory, int port, params (string, string)[] more)
    {
        var site = AppProcess.Start(["--urls", $"http://127.0.0.1:{port}"],
            [("ConnectionStrings__Archive", ""), ("Archive__DataDirectory", dataDirectory), ("Archive__Accounts__ConfirmEmail", "false"), .. more]);
        processes.Add(site);
        return site;
    }

    static async Task StopAsync(Process site)
    {
        Process.Start("kill", ["-TERM", site.Id.ToString()]).WaitForExit();
        await site.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
    }

    static async Task<string> ScriptAsync(string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(Fixtures.RepositoryRoot, "deploy", script));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{script}: {await errors}");
        return await output;
    }

    NpgsqlConnection LiveDatabase() => new(new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = int.Parse(File.ReadAllLines(Path.Combine(Live, "cluster", "postmaster.pid"))[3]),
        Username = "archive", Database = "archive", Pooling = false, Password = File.ReadAllText(Path.Combine(Live, "password")).Trim(),
    }.ConnectionString);

    [Fact]
    public async Task Works_deleted_by_accident_come_back_when_the_archive_is_restored_to_the_moment_before()
    {
        var port = PrivatePostgres.FreePort();
        var site = StartSite(Live, port, ("Archive__WalArchiveDirectory", Wal));
        await AppProcess.WaitHealthyAsync(port, site);
        var author = await ArchiveFactory.VisitorAt($"http://127.0.0.1:{port}", new CookieContainer()).SignUpAsync();
        var works = new List<(int Id, string Title)>();
        async Task PostAsync(string title) => works.Add((ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = title })), title));
        await PostAsync("Posted before the base backup");
        await PostAsync("Also before it");

        Assert.Contains("Base backup", await ScriptAsync("base-backup.sh", Live, Path.Combine(folder, "base")));
        await PostAsync("Posted after the base backup");
        await PostAsync("The last one before the accident");

        await Task.Delay(1500);
        var moment = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fff+00", System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(1500);
        foreach (var (id, _) in works)
            await author.SubmitAsync($"/works/{id}/delete", $"/works/{id}/delete", []);
        Assert.Equal(HttpStatusCode.NotFound, (await author.GetAsync($"/works/{works[0].Id}")).Status);

        // The log holding the deletions is archived (within a minute on its own; at once here).
        await using (var db = LiveDatabase())
        {
            await db.OpenAsync();
            await using var switchLog = new NpgsqlCommand("SELECT pg_walfile_name(pg_switch_wal())", db);
            var segment = (string)(await switchLog.ExecuteScalarAsync())!;
            for (var i = 0; i < 60 && !File.Exists(Path.Combine(Wal, segment)); i++) await Task.Delay(500);
            Assert.True(File.Exists(Path.Combine(Wal, segment)), $"{segment} was not archived");
        }
        await StopAsync(site);

        var restored = Path.Combine(folder, "restored");
        Assert.Contains($"as it was at {moment}", await ScriptAsync("restore-to-moment.sh", Path.Combine(folder, "base"), Wal, moment, restored));
        var restoredPort = PrivatePostgres.FreePort();
        var back = StartSite(restored, restoredPort);
        await AppProcess.WaitHealthyAsync(restoredPort, back);
        var reader = ArchiveFactory.VisitorAt($"http://127.0.0.1:{restoredPort}", new CookieContainer());
        foreach (var (id, title) in works)
            Assert.Equal(title, (await reader.GetAsync($"/works/{id}")).Find("h1.title")?.TextContent);
        // And the archive carries on from there.
        var again = await reader.SubmitAsync("/login", "/login", [new("Login", author.UserName!), new("Password", "correct horse battery")]);
        Assert.Equal("Posted again", (await reader.PostWorkAsync(new() { ["Title"] = "Posted again" })).Find("h1.title")?.TextContent);
    }

    public void Dispose()
    {
        foreach (var process in processes.Where(p => !p.HasExited)) process.Kill(entireProcessTree: true);
        foreach (var data in new[] { Live, Path.Combine(folder, "restored") })
        {
            var server = new PrivatePostgres(data, PrivatePostgres.FindBinDirectory(null));
            if (Directory.Exists(Path.Combine(data, "cluster")) && server.IsRunning()) server.StopAbandoned();
        }
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
