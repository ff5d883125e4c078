using Archive.Web.Database;

namespace Archive.Web.Commands;

/// <summary>
/// Subcommands given after `--` (`dotnet run --project src/Archive.Web -- migrate`). With none the web app runs.
/// They use the same database as the web app, including a private server the web app already started.
/// </summary>
public sealed class CommandLine
{
    const string Usage = "Commands: migrate (apply database migrations); import [--archivist NAME] FILE... (import journal posts as works); admin grant|revoke USER ROLE; tags synonym NAME CANONICAL | tags canonical NAME | tags parent NAME PARENT; seed-demo --works N (fill with demo works); digest (email subscribers their updates); exchange-bench N (match a made-up gift exchange of N sign-ups, timed); backup FILE (the whole archive, while it runs); restore FILE [--force] (into an empty database or data folder); version; help. With no command the archive serves the web app.";

    public required string Name { get; init; }
    public required string[] Arguments { get; init; }
    public bool Known { get; init; }
    public string Error => $"Unknown command '{Name}'. {Usage}";

    /// <summary>Null when the arguments name no command (the host's own --options are not commands).</summary>
    public static CommandLine? Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) return null;
        return new CommandLine { Name = args[0], Arguments = args[1..], Known = args[0] is "migrate" or "import" or "admin" or "tags" or "seed-demo" or "digest" or "exchange-bench" or "backup" or "restore" or "version" or "help" };
    }

    /// <summary>Commands that answer at once, before any database is started or reached.</summary>
    public bool NeedsDatabase => Name is not ("version" or "help");

    public int RunWithoutDatabase()
    {
        Console.WriteLine(Name == "version" ? Hosting.ArchiveVersion.Describe() : Usage);
        return 0;
    }

    public async Task<int> RunAsync(IServiceProvider services)
    {
        switch (Name)
        {
            case "version" or "help":
                return RunWithoutDatabase();
            case "migrate":
                await using (var scope = services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<ArchiveDbContext>();
                    var applied = await DatabaseMigrator.MigrateAsync(db);
                    Console.WriteLine(applied == 0 ? "The database is up to date." : $"Applied {applied} migration(s).");
                }
                return 0;
            case "digest":
                await using (var scope = services.CreateAsyncScope())
                {
                    await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<ArchiveDbContext>());
                    return await Subscriptions.DigestCommand.RunAsync(scope.ServiceProvider, Console.Out, Console.Error);
                }
            case "exchange-bench":
                await using (var scope = services.CreateAsyncScope())
                {
                    await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<ArchiveDbContext>());
                    return await ExchangeBenchCommand.RunAsync(scope.ServiceProvider, Arguments, Console.Out, Console.Error);
                }
            case "seed-demo":
                await using (var scope = services.CreateAsyncScope())
                {
                    await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<ArchiveDbContext>());
                    return await SeedDemoCommand.RunAsync(scope.ServiceProvider, Arguments, Console.Out, Console.Error);
                }
            case "admin" or "tags":
                await using (var scope = services.CreateAsyncScope())
                {
                    await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<ArchiveDbContext>());
                    return Name == "admin"
                        ? await AdminCommand.RunAsync(scope.ServiceProvider, Arguments, Console.Out, Console.Error)
                        : await TagsCommand.RunAsync(scope.ServiceProvider, Arguments, Console.Out, Console.Error);
                }
            case "backup":
                return await Backups.BackupCommand.BackupAsync(services, Arguments, Console.Out, Console.Error);
            case "restore":
                return await Backups.BackupCommand.RestoreAsync(services, Arguments, Console.Out, Console.Error);
            case "import":
                await using (var scope = services.CreateAsyncScope())
                {
                    // A fresh install may import before the web app ever started.
                    await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<ArchiveDbContext>());
                    return await Import.ImportCommand.RunAsync(scope.ServiceProvider, Arguments, Console.Out, Console.Error);
                }
            default:
                Console.Error.WriteLine(Error);
                return 2;
        }
    }
}
