using Archive.Web.Database;
using Npgsql;

namespace Archive.Tests.Infrastructure;

/// <summary>One throwaway PostgreSQL server per test run, started the way the app starts its private server.</summary>
public static class TestPostgres
{
    static readonly Lazy<PrivatePostgres> Server = new(StartServer, LazyThreadSafetyMode.ExecutionAndPublication);

    static PrivatePostgres StartServer()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"archive-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        // The postgres user (used when tests run as root) must be able to reach the folder.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory, (UnixFileMode)0x1ED /* 0755 */);
        var server = new PrivatePostgres(directory, PrivatePostgres.FindBinDirectory(null))
        {
            ExtraSettings = ["fsync = off", "synchronous_commit = off", "full_page_writes = off", "max_connections = 300"],
        };
        server.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.Stop();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return server;
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
