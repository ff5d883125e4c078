namespace Archive.Web;

/// <summary>Static files live in the repository's top-level wwwroot/; a published app carries a copy beside itself.</summary>
public static class WebRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Archive.sln")) && Directory.Exists(Path.Combine(dir.FullName, "wwwroot")))
                return Path.Combine(dir.FullName, "wwwroot");
        return Path.Combine(AppContext.BaseDirectory, "wwwroot");
    }

    /// <summary>
    /// A release started from another folder (`/opt/archive/Archive.Web`, a service without a working directory) reads
    /// its settings from its own folder; otherwise the usual content root, the current folder (`dotnet run`'s project).
    /// </summary>
    public static string? ContentRoot() =>
        !File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json")) && File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))
            ? AppContext.BaseDirectory
            : null;
}
