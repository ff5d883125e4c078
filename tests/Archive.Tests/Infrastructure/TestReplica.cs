using System.Diagnostics;
using Archive.Web.Database;
using Npgsql;

namespace Archive.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL primary and a streaming standby made from it with pg_basebackup, on loopback ports, for tests of reads
/// from replicas. The standby can be paused (so it lags) and stopped.
/// </summary>
public sealed class TestReplica : IDisposable
{
    readonly string directory;
    readonly string bin = PrivatePostgres.FindBinDirectory(null);
    readonly PrivatePostgres primary;
    readonly string standby;
    readonly int standbyPort;

    TestReplica(string directory, PrivatePostgres primary, string standby, int standbyPort)
    {
        this.directory = directory;
        this.primary = primary;
        this.standby = standby;
        this.standbyPort = standbyPort;
    }

    public string PrimaryConnectionString => primary.ConnectionString();
    public string StandbyConnectionString => new NpgsqlConnectionStringBuilder(primary.ConnectionString()) { Port = standbyPort }.ConnectionString;

    public static TestReplica Start()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"archive-replica-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory, (UnixFileMode)0x1ED /* 0755 */);
        var primary = new PrivatePostgres(Path.Combine(directory, "primary"), PrivatePostgres.FindBinDirectory(null), sharedBuffers: "128MB")
        {
            ExtraSettings = ["fsync = off", "full_page_writes = off"],
        };
        primary.Start();
        var standby = Path.Combine(directory, "standby");
        Directory.CreateDirectory(standby);
        var replica = new TestReplica(directory, primary, standby, PrivatePostgres.FreePort());
        if (Environment.UserName == "root") Run("chown", "postgres", standby);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(standby, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var password = File.ReadAllText(Path.Combine(primary.DataDirectory, "password")).Trim();
        replica.RunServerProgram(password, "pg_basebackup", "-h", "127.0.0.1", "-p", primary.Port.ToString(), "-U", "archive", "-D", standby, "-R", "-X", "stream", "-c", "fast");
        replica.StartStandby();
        replica.StopWhenThisProcessEnds();
        return replica;
    }

    // A test host killed before it disposes this would leave both servers running; a detached watcher stops them.
    void StopWhenThisProcessEnds()
    {
        var pgCtl = Path.Combine(bin, "pg_ctl");
        var asServerUser = Environment.UserName == "root" ? "runuser -u postgres -- " : "";
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; " +
                     $"{asServerUser}'{pgCtl}' -D '{standby}' stop -m immediate >/dev/null 2>&1; " +
                     $"{asServerUser}'{pgCtl}' -D '{primary.DataDirectory}/cluster' stop -m immediate >/dev/null 2>&1; rm -rf '{directory}'";
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "sh", "-c", script }) start.ArgumentList.Add(arg);
        Process.Start(start);
    }

    /// <summary>The standby stops applying what the primary sends: it lags further with every write.</summary>
    public Task PauseReplayAsync() => OnStandbyAsync("SELECT pg_wal_replay_pause()");
    public Task ResumeReplayAsync() => OnStandbyAsync("SELECT pg_wal_replay_resume()");

    /// <summary>The standby goes away, as a crashed machine would.</summary>
    public void StopStandby() => RunServerProgram(null, "pg_ctl", "-D", standby, "-m", "immediate", "stop");

    public void StartStandby() => RunServerProgram(null, "pg_ctl", "-D", standby, "-l", Path.Combine(standby, "log"), "-o", $"-p {standbyPort}", "-w", "start");

    async Task OnStandbyAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(StandbyConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs SQL on the primary behind the archive's back (nothing is evicted).</summary>
    public async Task OnPrimaryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PrimaryConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    void RunServerProgram(string? password, string program, params string[] args)
    {
        var asServerUser = Environment.UserName == "root";
        var start = new ProcessStartInfo(asServerUser ? "runuser" : Path.Combine(bin, program))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (asServerUser) foreach (var arg in new[] { "-u", "postgres", "--", Path.Combine(bin, program) }) start.ArgumentList.Add(arg);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        if (password is not null) start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed: {errors}{output.Result}");
    }

    static void Run(string program, params string[] args) => Process.Start(program, args).WaitForExit();


    public void Dispose()
    {
        try { RunServerProgram(null, "pg_ctl", "-D", standby, "-m", "immediate", "stop"); } catch (InvalidOperationException) { }
        primary.Stop();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
