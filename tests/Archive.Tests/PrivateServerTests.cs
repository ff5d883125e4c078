using System.Diagnostics;
using System.Net;
using Archive.Tests.Infrastructure;
using Archive.Web.Database;

namespace Archive.Tests;

/// <summary>The README's first command, run as a real process: it starts, shares and stops its own PostgreSQL.</summary>
public class PrivateServerTests : IDisposable
{
    // The data folder sits in a folder of its own, so a test can close that parent to the server's user.
    readonly string parent = Path.Combine(Path.GetTempPath(), $"archive-app-{Guid.NewGuid():N}");
    string dataDirectory => Path.Combine(parent, "postgres");
    readonly List<Process> processes = [];

    [Fact]
    public async Task Missing_postgresql_programs_are_one_clear_line_and_a_failing_exit()
    {
        var line = await OneLineAndAFailingExitAsync(("Archive__PostgresBinDirectory", "/nonexistent/postgresql/bin"));
        Assert.Contains("apt-get install -y postgresql", line);
    }

    [Fact]
    public async Task A_mistyped_size_for_the_servers_buffers_is_one_clear_line_and_a_failing_exit()
    {
        var line = await OneLineAndAFailingExitAsync(("Archive__PostgresSharedBuffers", "12 gigs"));
        Assert.Contains("'12 gigs'; give a size such as 12GB", line);
        Assert.False(Directory.Exists(Path.Combine(dataDirectory, "cluster")));
    }

    [Fact]
    public async Task A_mistyped_proxy_address_is_one_clear_line_and_a_failing_exit()
    {
        var line = await OneLineAndAFailingExitAsync(("Archive__KnownProxies", "10.0.0.5, nginx"));
        Assert.Contains("Archive__KnownProxies has 'nginx', which is neither an address (10.0.0.5) nor a network (10.0.0.0/8)", line);
        Assert.False(Directory.Exists(Path.Combine(dataDirectory, "cluster")));
    }

    [Fact, System.Runtime.Versioning.UnsupportedOSPlatform("windows")]  // folder modes, like the server's user, are Unix's
    public async Task A_data_folder_inside_one_the_servers_user_cannot_enter_names_the_folder_and_the_fix_which_works()
    {
        // As root the server runs as postgres, which can't pass through a folder closed to others (as /root is);
        // as anyone else the server runs as them, and a folder they can't pass through is the same trouble.
        var root = Environment.IsPrivilegedProcess;
        Directory.CreateDirectory(parent);
        File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | (root ? UnixFileMode.UserExecute : 0));

        var line = await OneLineAndAFailingExitAsync();
        var fix = $"chmod {(root ? "o" : "u")}+x {parent}";
        Assert.Contains($"{dataDirectory} is inside {parent}, which the '{(root ? "postgres" : Environment.UserName)}' user", line);
        Assert.Contains($"`{fix}`", line);
        Assert.Contains("Archive__DataDirectory", line);

        // Doing what it says lets the archive start.
        Process.Start("sh", ["-c", fix]).WaitForExit();
        var port = PrivatePostgres.FreePort();
        var app = StartApp(["--urls", $"http://127.0.0.1:{port}"]);
        await AppProcess.WaitHealthyAsync(port, app);
        Process.Start("kill", ["-TERM", app.Id.ToString()]).WaitForExit();
        Assert.True(app.WaitForExit(30_000), "the app did not stop after SIGTERM");
    }

    [Fact]
    public async Task The_app_starts_its_own_server_shares_it_with_subcommands_and_stops_it()
    {
        var server = new PrivatePostgres(dataDirectory, PrivatePostgres.FindBinDirectory(null));
        var port = PrivatePostgres.FreePort();
        // An operator whose archive outgrows a quarter of memory gives the server's buffers a size of their own.
        var app = StartApp(["--urls", $"http://127.0.0.1:{port}"], ("Archive__PostgresSharedBuffers", "160MB"));
        await AppProcess.WaitHealthyAsync(port, app);
        Assert.True(server.IsRunning());
        var databasePort = RunningPort();
        await using (var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = databasePort!.Value, Username = "archive", Database = "archive", Pooling = false,
            Password = File.ReadAllText(Path.Combine(dataDirectory, "password")).Trim(),
        }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var show = new Npgsql.NpgsqlCommand("SHOW shared_buffers", connection);
            Assert.Equal("160MB", await show.ExecuteScalarAsync());
        }

        // A subcommand while the app is up uses the same server and leaves it running.
        var migrate = StartApp(["migrate"]);
        var output = await migrate.StandardOutput.ReadToEndAsync();
        await migrate.WaitForExitAsync();
        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains("The database is up to date.", output);
        Assert.True(server.IsRunning());
        Assert.Equal(databasePort, RunningPort());

        // So does an import, which prints one JSON line per work and nothing else on stdout.
        var import = StartApp(["import", Infrastructure.Fixtures.PathOf(Infrastructure.Fixtures.MillionMiles)]);
        var imported = await import.StandardOutput.ReadToEndAsync();
        await import.WaitForExitAsync();
        Assert.Equal(0, import.ExitCode);
        using (var line = System.Text.Json.JsonDocument.Parse(imported.Trim()))
            Assert.Equal("a million miles in another man's mask (superhero blues)", line.RootElement.GetProperty("title").GetString());

        // A killed app leaves its server behind; the next start reuses it and then owns it.
        app.Kill();
        await app.WaitForExitAsync();
        Assert.True(server.IsRunning());
        var restarted = StartApp(["--urls", $"http://127.0.0.1:{port}"]);
        await AppProcess.WaitHealthyAsync(port, restarted);
        Assert.Equal(databasePort, RunningPort());

        // SIGTERM (as from Ctrl+C or a service manager) stops the app and its server.
        Process.Start("kill", ["-TERM", restarted.Id.ToString()]).WaitForExit();
        Assert.True(restarted.WaitForExit(30_000), "the app did not stop after SIGTERM");
        Assert.False(server.IsRunning());
    }

    /// <summary>Starts the web app with a bad setting: it must exit with a failure, having written one line to stderr (returned).</summary>
    async Task<string> OneLineAndAFailingExitAsync(params (string Name, string Value)[] settings)
    {
        var app = StartApp(["--urls", $"http://127.0.0.1:{PrivatePostgres.FreePort()}"], settings);
        var errors = await app.StandardError.ReadToEndAsync();
        await app.WaitForExitAsync();
        Assert.NotEqual(0, app.ExitCode);
        return Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    int? RunningPort()
    {
        var lines = File.ReadAllLines(Path.Combine(dataDirectory, "cluster", "postmaster.pid"));
        return int.Parse(lines[3]);
    }

    Process StartApp(string[] args, params (string Name, string Value)[] environment)
    {
        var process = AppProcess.Start(args, [("ConnectionStrings__Archive", ""), ("Archive__DataDirectory", dataDirectory), .. environment]);
        processes.Add(process);
        return process;
    }

    public void Dispose()
    {
        foreach (var process in processes.Where(p => !p.HasExited)) process.Kill(entireProcessTree: true);
        var cluster = Path.Combine(dataDirectory, "cluster");
        if (Directory.Exists(cluster))
        {
            var server = new PrivatePostgres(dataDirectory, PrivatePostgres.FindBinDirectory(null));
            if (server.IsRunning())
            {
                var pgCtl = Path.Combine(PrivatePostgres.FindBinDirectory(null), "pg_ctl");
                var stop = Environment.IsPrivilegedProcess
                    ? Process.Start("runuser", ["-u", "postgres", "--", pgCtl, "-D", cluster, "stop", "-m", "immediate"])
                    : Process.Start(pgCtl, ["-D", cluster, "stop", "-m", "immediate"]);
                stop.WaitForExit();
            }
        }
        try { Directory.Delete(parent, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
