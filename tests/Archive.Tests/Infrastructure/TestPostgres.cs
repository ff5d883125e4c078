using Archive.Web.Database;
using Npgsql;

namespace Archive.Tests.Infrastructure;

/// <summary>One throwaway PostgreSQL server per test run, started the way the app starts its private server.</summary>
public static class TestPostgres
{
    static readonly Lazy<PrivatePostgres> Server = new(StartServer, LazyThreadSafetyMode.ExecutionAndPublication);

    static PrivatePostgres StartServer()
    {
        SweepAbandonedServers();
        var directory = Path.Combine(Path.GetTempPath(), $"archive-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        // The postgres user (used when tests run as root) must be able to reach the folder.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory, (UnixFileMode)0x1ED /* 0755 */);
        var server = new PrivatePostgres(directory, PrivatePostgres.FindBinDirectory(null))
        {
            ExtraSettings = ["fsync = off", "synchronous_commit = off", "full_page_writes = off", "max_connections = 300"],
        };
        server.Start();
        StopWhenThisProcessEnds(directory);
        return server;
    }

    // The test host is killed soon after its last test, before ProcessExit handlers can stop a server, so a detached
    // watcher stops it and removes its folder once this process is gone.
    static void StopWhenThisProcessEnds(string directory)
    {
        var pgCtl = Path.Combine(PrivatePostgres.FindBinDirectory(null), "pg_ctl");
        var asServerUser = Environment.UserName == "root" ? "runuser -u postgres -- " : "";
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; " +
                     $"{asServerUser}'{pgCtl}' -D '{directory}/cluster' stop -m immediate >/dev/null 2>&1; rm -rf '{directory}'";
        var start = new System.Diagnostics.ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "sh", "-c", script }) start.ArgumentList.Add(arg);
        System.Diagnostics.Process.Start(start);
    }

    // A test run that is killed (or whose host is stopped before ProcessExit finishes) leaves its server running
    // and its folder behind; every later run would add another. Runs whose process is gone are cleaned up here.
    static void SweepAbandonedServers()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), "archive-tests-*"))
        {
            try
            {
                var server = new PrivatePostgres(directory, PrivatePostgres.FindBinDirectory(null));
                // A folder created a moment ago may not have its owner file yet.
                if (!server.IsAbandoned() || Directory.GetCreationTimeUtc(directory) > DateTime.UtcNow.AddMinutes(-2)) continue;
                server.StopAbandoned();
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or PrivatePostgresException) { }
        }
    }

    /// <summary>A new, empty database; the app migrates it when it starts.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = Server.Value;
        var name = $"test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return server.ConnectionString(name);
    }
}
