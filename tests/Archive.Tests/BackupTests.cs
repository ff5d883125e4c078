using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Archive.Tests.Infrastructure;
using Archive.Web.Database;
using Npgsql;

namespace Archive.Tests;

/// <summary>An archive backed up while people post restores, somewhere new, to a working archive holding everything they were told was saved.</summary>
public class BackupTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>, IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), $"archive-backup-{Guid.NewGuid():N}");
    string DataDirectory => Path.Combine(folder, "restored");
    string BackupFile => Path.Combine(folder, "archive.dump");
    readonly List<Process> processes = [];

    async Task<(int Code, string Output, string Errors)> RunAsync(string[] args, params (string, string)[] environment)
    {
        var process = AppProcess.Start(args, environment);
        processes.Add(process);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }

    [Fact]
    public async Task A_backup_taken_while_authors_post_restores_into_a_new_data_folder_with_every_acknowledged_post_and_nothing_half_written()
    {
        Directory.CreateDirectory(folder);
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Kept for decades", ["Relationships"] = "Clark Kent/Lex Luthor", ["Body"] = "Chapter one." }));
        await author.AddChapterAsync(id, new() { ["Body"] = "Chapter two, posted later." });
        var reader = await app.NewVisitor().SignUpAsync();
        Assert.Equal("Comment posted.", (await reader.SubmitAsync($"/works/{id}", $"/works/{id}/chapters/1/comments", [new("Body", "Still here in ten years")])).Find(".notice")?.TextContent);
        await reader.SubmitAsync($"/works/{id}/bookmark", $"/works/{id}/bookmark", [new("notes", "Reread every winter."), new("tags", "comfort read")]);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/downloads/{id}/Kept_for_decades.epub")).Status);

        // Authors keep posting, each work with two chapters, while the backup is taken.
        var acknowledged = new ConcurrentQueue<(int Id, string Title, DateTime At)>();
        using var stop = new CancellationTokenSource();
        var writer = await app.NewVisitor().SignUpAsync();
        var load = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var posted = await writer.PostWorkAsync(new() { ["Title"] = $"Under load {i}", ["Body"] = $"Work {i}, chapter one." });
                var work = ArchiveClient.WorkId(posted);
                if ((await writer.AddChapterAsync(work, new() { ["Body"] = $"Work {i}, chapter two." })).Status == HttpStatusCode.OK)
                    acknowledged.Enqueue((work, $"Under load {i}", DateTime.UtcNow));
            }
        });
        // Some posts are acknowledged before the backup begins (however slow the machine), and more after.
        for (var waited = 0; acknowledged.Count < 2 && waited < 600; waited++) await Task.Delay(100);
        var backupStarted = DateTime.UtcNow;
        var backup = await RunAsync(["backup", BackupFile], ("ConnectionStrings__Archive", app.ConnectionString));
        Assert.True(backup.Code == 0, backup.Errors);
        Assert.Contains("Backed up the archive", backup.Output);
        var after = acknowledged.Count;
        for (var waited = 0; acknowledged.Count == after && waited < 600; waited++) await Task.Delay(100);
        await stop.CancelAsync();
        await load;
        var before = acknowledged.Where(a => a.At < backupStarted).ToList();
        Assert.NotEmpty(before);
        Assert.Contains(acknowledged, a => a.At > backupStarted);

        // Restored into a new data folder: the archive's own private server, as `dotnet run` makes one.
        (string, string)[] restoredSite = [("ConnectionStrings__Archive", ""), ("Archive__DataDirectory", DataDirectory)];
        var restore = await RunAsync(["restore", BackupFile], restoredSite);
        Assert.True(restore.Code == 0, restore.Errors);
        Assert.Contains("Restored", restore.Output);

        var port = PrivatePostgres.FreePort();
        var site = AppProcess.Start(["--urls", $"http://127.0.0.1:{port}"], restoredSite);
        processes.Add(site);
        await AppProcess.WaitHealthyAsync(port, site);
        var visitor = ArchiveFactory.VisitorAt($"http://127.0.0.1:{port}", new CookieContainer());
        foreach (var (work, title, _) in before)
            Assert.Equal(title, (await visitor.GetAsync($"/works/{work}")).Find("h1.title")?.TextContent);
        var chapterTwo = await visitor.GetAsync($"/works/{id}/chapters/2");
        Assert.Contains("Chapter two, posted later.", chapterTwo.Text);
        Assert.Contains("Still here in ten years", (await visitor.GetAsync($"/works/{id}")).Text);
        Assert.Contains("Kept for decades", (await visitor.GetAsync("/tags/Clark Kent*s*Lex Luthor/works")).Text);
        // The reader signs in with their own password (accounts came back too) and finds their bookmark.
        var signedIn = await visitor.SubmitAsync("/login", "/login", [new("Login", reader.UserName!), new("Password", "correct horse battery")]);
        Assert.Contains("Reread every winter.", (await visitor.GetAsync($"/users/{reader.UserName}/bookmarks")).Text);

        // Nothing half-written: every work that came back has all its chapters, its creator and its counts.
        var cluster = File.ReadAllLines(Path.Combine(DataDirectory, "cluster", "postmaster.pid"));
        await using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = int.Parse(cluster[3]), Username = "archive", Database = "archive", Pooling = false,
            Password = File.ReadAllText(Path.Combine(DataDirectory, "password")).Trim(),
        }.ConnectionString);
        await db.OpenAsync();
        await using var broken = new NpgsqlCommand("""
            SELECT count(*) FROM works w
            WHERE w.chapter_count <> (SELECT count(*) FROM chapters c WHERE c.work_id = w.id)
               OR NOT EXISTS (SELECT 1 FROM work_creators wc WHERE wc.work_id = w.id)
               OR NOT EXISTS (SELECT 1 FROM work_stats s WHERE s.work_id = w.id)
               OR (w.title LIKE 'Under load %' AND w.chapter_count <> 2 AND w.id <> (SELECT max(id) FROM works))
            """, db);
        Assert.Equal(0L, await broken.ExecuteScalarAsync());
        await using var downloads = new NpgsqlCommand($"SELECT count(*) FROM downloads WHERE work_id = {id}", db);
        Assert.Equal(1L, await downloads.ExecuteScalarAsync());

        // Restoring again over it is refused, saying how to replace it; a file that isn't a backup is named as such.
        var again = await RunAsync(["restore", BackupFile], restoredSite);
        Assert.NotEqual(0, again.Code);
        Assert.Contains("already holds an archive", again.Errors);
        Assert.Contains("--force", again.Errors);
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "not a backup");
        var junk = await RunAsync(["restore", Path.Combine(folder, "notes.txt")], ("ConnectionStrings__Archive", app.ConnectionString));
        Assert.Contains("is not a backup the archive can read", junk.Errors);
        Assert.DoesNotContain("   at ", junk.Errors);
    }

    public void Dispose()
    {
        foreach (var process in processes.Where(p => !p.HasExited))
        {
            Process.Start("kill", ["-TERM", process.Id.ToString()]).WaitForExit();
            if (!process.WaitForExit(30_000)) process.Kill(entireProcessTree: true);
        }
        var server = new PrivatePostgres(DataDirectory, PrivatePostgres.FindBinDirectory(null));
        if (Directory.Exists(Path.Combine(DataDirectory, "cluster")) && server.IsRunning()) server.Stop();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
