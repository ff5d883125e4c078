using System.Diagnostics;
using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Archive.Web.Backups;

/// <summary>
/// `backup FILE` and `restore FILE [--force]`: the whole archive is its PostgreSQL database (works, accounts, the keys that sign
/// cookies, cached downloads), so a backup is PostgreSQL's own dump of it, taken from one snapshot while the site runs.
/// A restore goes into an empty database (or private data folder) and then brings it up to this version's migrations.
/// </summary>
public static class BackupCommand
{
    public static async Task<int> BackupAsync(IServiceProvider services, string[] arguments, TextWriter output, TextWriter errors)
    {
        if (arguments is not [var file])
        {
            errors.WriteLine("Usage: backup FILE (a PostgreSQL custom-format dump of the whole archive; restore it with: restore FILE)");
            return 2;
        }
        var configuration = services.GetRequiredService<IConfiguration>();
        var connection = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Archive"));
        file = Path.GetFullPath(file);
        // Written beside its final name and renamed when whole: a backup interrupted part-way never looks like a backup.
        var partial = file + ".partial";
        var watch = Stopwatch.StartNew();
        var (code, problem) = await RunAsync(configuration, connection, "pg_dump", ["--format=custom", "--no-owner", "--no-acl", "--file", partial, connection.Database!]);
        if (code != 0)
        {
            File.Delete(partial);
            errors.WriteLine($"The backup failed: {problem}");
            return 1;
        }
        File.Move(partial, file, overwrite: true);
        var works = await CountWorksAsync(connection.ConnectionString);
        output.WriteLine($"Backed up the archive ({works:N0} works, {new FileInfo(file).Length / 1024.0 / 1024:0.0} MB) to {file} in {watch.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }

    public static async Task<int> RestoreAsync(IServiceProvider services, string[] arguments, TextWriter output, TextWriter errors)
    {
        var force = arguments.Contains("--force");
        if (arguments.Where(a => a != "--force").ToArray() is not [var file])
        {
            errors.WriteLine("Usage: restore FILE [--force] (FILE made by: backup FILE; --force replaces an archive already in the database)");
            return 2;
        }
        file = Path.GetFullPath(file);
        if (!File.Exists(file))
        {
            errors.WriteLine($"There is no backup at {file}.");
            return 1;
        }
        var configuration = services.GetRequiredService<IConfiguration>();
        var connection = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Archive"));
        var (listed, unreadable) = await RunAsync(configuration, connection, "pg_restore", ["--list", file]);
        if (listed != 0)
        {
            errors.WriteLine($"{file} is not a backup the archive can read ({unreadable}). Backups are made with: backup FILE");
            return 1;
        }

        await using (var db = new NpgsqlConnection(connection.ConnectionString))
        {
            await db.OpenAsync();
            await using var tables = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", db);
            if ((long)(await tables.ExecuteScalarAsync())! > 0)
            {
                if (!force)
                {
                    var works = await CountWorksAsync(connection.ConnectionString);
                    errors.WriteLine($"The database {connection.Database} on {connection.Host} already holds an archive{(works is { } n ? $" ({n:N0} works)" : "")}; nothing was changed. " +
                        "Restore into an empty database or a new Archive__DataDirectory, or add --force to replace what is there with the backup.");
                    return 1;
                }
                await using var clear = new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", db);
                await clear.ExecuteNonQueryAsync();
            }
        }

        // One transaction: a restore that fails part-way leaves the database as empty as it found it.
        var (code, problem) = await RunAsync(configuration, connection, "pg_restore", ["--no-owner", "--no-acl", "--single-transaction", "--exit-on-error", "--dbname", connection.Database!, file]);
        if (code != 0)
        {
            errors.WriteLine($"The restore failed and changed nothing: {problem}");
            return 1;
        }
        await using (var scope = services.CreateAsyncScope())
        {
            var applied = await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<ArchiveDbContext>());
            var works = await CountWorksAsync(connection.ConnectionString);
            output.WriteLine($"Restored {file}: {works:N0} works{(applied > 0 ? $", brought up to this version ({applied} migration(s))" : "")}.");
        }
        return 0;
    }

    static async Task<long?> CountWorksAsync(string connectionString)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT CASE WHEN to_regclass('public.works') IS NULL THEN NULL ELSE (SELECT count(*) FROM works) END", db);
        return await count.ExecuteScalarAsync() as long?;
    }

    /// <summary>Runs one of PostgreSQL's client programs against the archive's database; the password goes by environment, never on a command line.</summary>
    static async Task<(int Code, string Problem)> RunAsync(IConfiguration configuration, NpgsqlConnectionStringBuilder connection, string program, string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(PrivatePostgres.FindBinDirectory(configuration["Archive:PostgresBinDirectory"]), program))
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = connection.Username;
        if (connection.Password is { Length: > 0 } password) start.Environment["PGPASSWORD"] = password;
        if (connection.SslMode != SslMode.Prefer) start.Environment["PGSSLMODE"] = connection.SslMode.ToString().ToLowerInvariant();
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (process.ExitCode, lines.FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? lines.FirstOrDefault() ?? $"{program} exited with {process.ExitCode}");
    }
}
