using System.Text.Json;
using Archive.Web.Accounts;
using Archive.Web.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Import;

/// <summary>
/// `import [--archivist NAME] FILE...`: imports journal posts without the web server and prints one JSON line per work.
/// A bad file gets one line on stderr; the others still import, and the exit code says whether all did.
/// </summary>
public static class ImportCommand
{
    /// <summary>The account imports are recorded under when no --archivist is named. It has no password, so no one logs in as it.</summary>
    public const string DefaultArchivist = "archivist";

    // Titles stay readable on a terminal ("man's", not "man\u0027s").
    static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        var files = new List<string>();
        string? archivistName = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--archivist")
            {
                if (i + 1 >= args.Length) { errors.WriteLine("--archivist needs a user name."); return 2; }
                archivistName = args[++i];
            }
            else files.Add(args[i]);
        }
        if (files.Count == 0) { errors.WriteLine("Usage: import [--archivist NAME] FILE..."); return 2; }

        var db = services.GetRequiredService<ArchiveDbContext>();
        var archivistId = await FindArchivistAsync(services, db, archivistName, errors);
        if (archivistId is null) return 2;

        var posts = new List<ParsedPost>();
        var failed = 0;
        foreach (var file in files)
        {
            try
            {
                if (!File.Exists(file)) throw new ImportProblem(file, "no such file.");
                posts.Add(PostParser.Parse(ImportFile.Decode(file, await File.ReadAllBytesAsync(file)), Path.GetFileName(file)));
            }
            catch (ImportProblem problem)
            {
                errors.WriteLine($"{file}: {problem.Reason}");
                failed++;
            }
        }

        var importer = services.GetRequiredService<WorkImporter>();
        var site = (services.GetService<IConfiguration>()?["Archive:SiteUrl"] ?? "http://localhost:5000").TrimEnd('/');
        foreach (var work in ImportedWork.Group(posts))
        {
            var result = await importer.ImportAsync(work, archivistId.Value);
            output.WriteLine(JsonSerializer.Serialize(new
            {
                id = result.WorkId,
                url = $"{site}/works/{result.WorkId}",
                title = result.Title,
                chapters = result.Chapters,
                status = result.Outcome.ToString().ToLowerInvariant(),
            }, Json));
        }
        return failed == 0 ? 0 : 1;
    }

    static async Task<int?> FindArchivistAsync(IServiceProvider services, ArchiveDbContext db, string? name, TextWriter errors)
    {
        var wanted = name ?? DefaultArchivist;
        var id = await db.Users.Where(u => u.NormalizedUserName == Pseud.Normalize(wanted)).Select(u => (int?)u.Id).SingleOrDefaultAsync();
        if (id is not null) return id;
        if (name is not null)
        {
            errors.WriteLine($"There is no user called “{name}” to record as the archivist; sign up first or leave out --archivist.");
            return null;
        }
        var user = new User { UserName = DefaultArchivist, Email = "archivist@archive.invalid" };
        var result = await AccountCreation.CreateAsync(services.GetRequiredService<UserManager<User>>(), db, user, password: null);
        if (!result.Succeeded)
        {
            errors.WriteLine($"Could not create the “{DefaultArchivist}” account: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            return null;
        }
        return user.Id;
    }
}
