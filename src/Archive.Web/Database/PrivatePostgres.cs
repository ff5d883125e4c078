using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Archive.Web.Database;

/// <summary>
/// The PostgreSQL server the archive runs for itself when no connection string is configured.
/// Its folder holds the cluster, the password, the server log and the PID of the process that owns it.
/// </summary>
public sealed class PrivatePostgres(string dataDirectory, string binDirectory, string? sharedBuffers = null, string? walArchiveDirectory = null)
{
    public const string DatabaseName = "archive";
    const string UserName = "archive";
    const string InstallHint = "apt-get update && apt-get install -y postgresql";

    public string DataDirectory { get; } = Path.GetFullPath(dataDirectory);
    public int Port { get; private set; }

    /// <summary>True when this process started (or adopted) the server and so stops it on exit.</summary>
    public bool OwnsServer { get; private set; }

    /// <summary>Extra <c>postgresql.conf</c> lines for a new cluster (tests turn off fsync).</summary>
    public IReadOnlyList<string> ExtraSettings { get; init; } = [];

    string ClusterDirectory => Path.Combine(DataDirectory, "cluster");
    string PasswordFile => Path.Combine(DataDirectory, "password");
    string LogFile => Path.Combine(DataDirectory, "server.log");
    string OwnerFile => Path.Combine(DataDirectory, "owner.pid");

    // PostgreSQL refuses to run as root, so as root every server command runs as the postgres user.
    static bool RunningAsRoot => Environment.IsPrivilegedProcess;

    public static PrivatePostgres FromConfiguration(IConfiguration configuration) =>
        new(configuration["Archive:DataDirectory"] is { Length: > 0 } dir ? dir : DefaultDataDirectory(),
            FindBinDirectory(configuration["Archive:PostgresBinDirectory"]),
            CheckedSize(configuration["Archive:PostgresSharedBuffers"]),
            configuration["Archive:WalArchiveDirectory"] is { Length: > 0 } wal ? Path.GetFullPath(wal) : null);

    /// <summary>A PostgreSQL memory size (<c>12GB</c>, <c>6144MB</c>), checked here so a typo says so before the server refuses to start.</summary>
    static string? CheckedSize(string? size) =>
        string.IsNullOrWhiteSpace(size) ? null
        : System.Text.RegularExpressions.Regex.IsMatch(size.Trim(), "^[1-9][0-9]*(kB|MB|GB|TB)$") ? size.Trim()
        : throw new PrivatePostgresException($"Archive:PostgresSharedBuffers is '{size}'; give a size such as 12GB or 6144MB.");

    /// <summary>~/.local/share/archive/postgres for a person; /var/lib/archive/postgres for root, whose home the postgres user cannot enter.</summary>
    public static string DefaultDataDirectory()
    {
        if (RunningAsRoot) return "/var/lib/archive/postgres";
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(dataHome))
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(dataHome, "archive", "postgres");
    }

    /// <summary>The configured folder, else the newest /usr/lib/postgresql/N/bin, else initdb on PATH.</summary>
    public static string FindBinDirectory(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return File.Exists(Path.Combine(configured, "initdb")) ? configured
                : throw new PrivatePostgresException($"PostgreSQL server programs not found in {configured} (Archive:PostgresBinDirectory); install them with: {InstallHint}");
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (dir: Path.Combine(d, "bin"), version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.dir, "initdb")))
                .OrderByDescending(d => d.version).Select(d => d.dir).FirstOrDefault()
            : null;
        if (debian is not null) return debian;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        return onPath ?? throw new PrivatePostgresException(
            $"PostgreSQL server programs (initdb, pg_ctl) were not found; install them with: {InstallHint}");
    }

    public string ConnectionString(string database = DatabaseName) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = UserName,
        Password = File.ReadAllText(PasswordFile).Trim(),
        Database = database,
    }.ConnectionString;

    /// <summary>Initialises the cluster if needed, then starts the server or reuses one already running on this folder.</summary>
    public void Start()
    {
        if (RunningAsRoot && !PostgresUserExists())
            throw new PrivatePostgresException($"Running as root, the archive runs PostgreSQL as the 'postgres' user, which does not exist; install it with: {InstallHint}");
        try { Directory.CreateDirectory(DataDirectory); }
        catch (UnauthorizedAccessException) { CheckServerUserCanReach(); throw; }
        CheckServerUserCanReach();
        if (!File.Exists(Path.Combine(ClusterDirectory, "PG_VERSION"))) Initialise();

        if (IsRunning() && ReadRunningPort() is { } port)
        {
            Port = port;
            if (CanConnect())
            {
                // A live owner (another app instance) keeps it; a dead owner's server is adopted.
                if (ReadOwner() is not { } owner || owner == Environment.ProcessId || !ProcessAlive(owner)) TakeOwnership();
                EnsureDatabase();
                return;
            }
            // Running but not answering: restart it cleanly.
            PgCtl("stop", "-m", "fast", "-w", "-t", "60");
        }

        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var (code, output) = PgCtl("start", "-w", "-t", "60", "-l", LogFile, "-o", $"-p {Port} {ServerSettings()}");
            if (code == 0) break;
            if (attempt == 3)
                throw new PrivatePostgresException($"The private PostgreSQL server in {DataDirectory} did not start: {LastLines(output)} (log: {LogFile})");
        }
        TakeOwnership();
        EnsureDatabase();
    }

    /// <summary>
    /// PostgreSQL's defaults (128 MB of shared buffers) suit a laptop, not an archive of millions of works: a quarter of the
    /// machine's memory for buffers (PostgreSQL's own advice), and room for bulk writes between checkpoints. Counting hits
    /// and kudos touches pages all over the archive, and the first change to a page after each checkpoint writes the whole
    /// page to the log: checkpoints come less often, and those pages are compressed. Given at each start, so an existing
    /// private server gets them too. Where the kernel takes back file cache nobody touched for a while (some virtual
    /// machines do), pages beyond the buffers come from the disk: Archive:PostgresSharedBuffers can hold the whole archive.
    /// </summary>
    string ServerSettings()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024);
        var buffers = sharedBuffers ?? $"{Math.Clamp(memory / 4, 128, 16384)}MB";
        var cache = Math.Max(memory / 2, 128);
        return $"-c shared_buffers={buffers} -c effective_cache_size={cache}MB -c work_mem=16MB -c max_wal_size=4GB -c checkpoint_timeout=15min -c wal_compression=on"
            + PreloadedLibraries() + WalArchiving();
    }

    /// <summary>
    /// With Archive:WalArchiveDirectory set, every finished piece of the write-ahead log is copied there (a piece at least
    /// every minute while anything changes): with a base backup (pg_basebackup) the archive can be brought back to any moment
    /// since, e.g. just before an accidental mass deletion (README, "Point-in-time recovery"). Takes effect at the server's next start.
    /// </summary>
    string WalArchiving()
    {
        if (walArchiveDirectory is null) return "";
        if (walArchiveDirectory.IndexOfAny(['"', '\'', '\\', '$', '`', ' ']) >= 0)
            throw new PrivatePostgresException($"Archive:WalArchiveDirectory {walArchiveDirectory} may not hold spaces, quotes or shell characters.");
        Directory.CreateDirectory(walArchiveDirectory);
        if (RunningAsRoot) Run("chown", "postgres:postgres", walArchiveDirectory);
        // Never overwrite a piece already archived: a second server pointed at the same folder fails loudly instead.
        return $" -c archive_mode=on -c archive_timeout=60 -c \"archive_command=test ! -f {walArchiveDirectory}/%f && cp %p {walArchiveDirectory}/%f\"";
    }

    /// <summary>
    /// pg_prewarm keeps the list of pages in the buffers and reads them back after a restart: a million works' pages
    /// otherwise come back one random read at a time, and pages are slow for minutes. pg_stat_statements tells an operator
    /// what the database spends its time on. Both ship with PostgreSQL (Debian's postgresql package); left out if missing.
    /// </summary>
    string PreloadedLibraries()
    {
        var libraries = new[] { "pg_prewarm", "pg_stat_statements" }
            .Where(library => File.Exists(Path.Combine(binDirectory, "..", "lib", library + ".so"))).ToList();
        return libraries.Count == 0 ? "" : $" -c shared_preload_libraries={string.Join(',', libraries)}";
    }

    /// <summary>Stops the server if this process owns it.</summary>
    public void Stop()
    {
        if (!OwnsServer) return;
        OwnsServer = false;
        NpgsqlConnection.ClearAllPools();
        PgCtl("stop", "-m", "fast", "-w", "-t", "60");
        if (ReadOwner() == Environment.ProcessId) File.Delete(OwnerFile);
    }

    public bool IsRunning() => PgCtl("status").code == 0;

    /// <summary>True when the process that started this server is gone (or never wrote its pid): nobody will stop it.</summary>
    public bool IsAbandoned() => ReadOwner() is not { } owner || !ProcessAlive(owner);

    /// <summary>Stops a server whatever process started it, e.g. one a killed test run left behind.</summary>
    public void StopAbandoned()
    {
        if (IsRunning()) PgCtl("stop", "-m", "fast", "-w", "-t", "60");
    }

    /// <summary>
    /// The server runs as the postgres user when the archive runs as root, and that user must pass through every folder
    /// above the data folder: a folder under /root (closed to others) otherwise fails deep inside initdb or pg_ctl with a
    /// message that names neither the folder nor the fix.
    /// </summary>
    void CheckServerUserCanReach()
    {
        var above = new List<string>();
        for (var dir = Path.GetDirectoryName(DataDirectory); dir is not null; dir = Path.GetDirectoryName(dir)) above.Insert(0, dir);
        // One shell for all of them, as the server's user: the first folder it can't pass through (its parent it can).
        const string firstClosed = "for d do [ -x \"$d\" ] || { printf '%s' \"$d\"; exit 1; }; done";
        var (code, closed) = RunningAsRoot
            ? Run("runuser", ["-u", "postgres", "--", "sh", "-c", firstClosed, "sh", .. above])
            : Run("sh", ["-c", firstClosed, "sh", .. above]);
        if (code == 0 || !above.Contains(closed)) return;  // anything else is left to initdb and pg_ctl to report
        var user = RunningAsRoot ? "postgres" : Environment.UserName;
        // Its owner opens it for everyone to pass through (not to list): 'other' when the server's user isn't the owner.
        var owner = Run("stat", "-c", "%U", closed).output.Trim();
        var open = $"chmod {(owner == user ? "u" : "o")}+x {closed}";
        throw new PrivatePostgresException(
            $"The private PostgreSQL server's folder {DataDirectory} is inside {closed}, which the '{user}' user " +
            (RunningAsRoot ? "(who runs the server, as PostgreSQL refuses to run as root) " : "") +
            $"cannot enter. Let it through with `{open}`, or choose a folder it can reach with Archive__DataDirectory" +
            (RunningAsRoot ? ", such as the default /var/lib/archive/postgres." : "."));
    }

    void Initialise()
    {
        if (Directory.Exists(ClusterDirectory)) Directory.Delete(ClusterDirectory, recursive: true);
        File.WriteAllText(PasswordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (RunningAsRoot) Run("chown", "-R", "postgres:postgres", DataDirectory);

        var (code, output) = RunServerProgram("initdb", "-D", ClusterDirectory, "-U", UserName, "--pwfile", PasswordFile,
            "--auth", "scram-sha-256", "--encoding", "UTF8", "--locale", "C.UTF-8");
        if (code != 0)
            throw new PrivatePostgresException($"initdb could not create a PostgreSQL cluster in {ClusterDirectory}: {LastLines(output)}");
        // Loopback TCP only: no socket files in shared folders, nothing reachable from outside.
        File.AppendAllLines(Path.Combine(ClusterDirectory, "postgresql.conf"),
            ["", "# Written by the archive", "listen_addresses = '127.0.0.1'", "unix_socket_directories = ''", .. ExtraSettings]);
    }

    void EnsureDatabase()
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", DatabaseName);
        if (exists.ExecuteScalar() is null)
        {
            using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", connection);
            create.ExecuteNonQuery();
        }
    }

    bool CanConnect()
    {
        try
        {
            using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Timeout=5;Pooling=false");
            connection.Open();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
        {
            return false;
        }
    }

    void TakeOwnership()
    {
        File.WriteAllText(OwnerFile, Environment.ProcessId.ToString());
        OwnsServer = true;
    }

    int? ReadOwner() => File.Exists(OwnerFile) && int.TryParse(File.ReadAllText(OwnerFile).Trim(), out var pid) ? pid : null;

    // postmaster.pid's fourth line is the port.
    int? ReadRunningPort()
    {
        var pidFile = Path.Combine(ClusterDirectory, "postmaster.pid");
        try
        {
            var lines = File.ReadAllLines(pidFile);
            return lines.Length > 3 && int.TryParse(lines[3].Trim(), out var port) ? port : null;
        }
        catch (IOException) { return null; }
    }

    static bool ProcessAlive(int pid)
    {
        try { return !Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static bool PostgresUserExists() => Run("id", "-u", "postgres").code == 0;

    (int code, string output) PgCtl(params string[] args) => RunServerProgram("pg_ctl", ["-D", ClusterDirectory, .. args]);

    (int code, string output) RunServerProgram(string program, params string[] args)
    {
        var path = Path.Combine(binDirectory, program);
        return RunningAsRoot ? Run("runuser", ["-u", "postgres", "--", path, .. args]) : Run(path, args);
    }

    static (int code, string output) Run(string fileName, params string[] args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new PrivatePostgresException($"Could not run {fileName}");
        process.StandardInput.Close();
        // pg_ctl start leaves the server holding its own output handles, so read both streams without waiting for EOF forever.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(5));
        var output = (stdout.IsCompletedSuccessfully ? stdout.Result : "") + (stderr.IsCompletedSuccessfully ? stderr.Result : "");
        return (process.ExitCode, output);
    }

    static string LastLines(string output) =>
        string.Join(" ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
}

public sealed class PrivatePostgresException(string message) : Exception(message);
