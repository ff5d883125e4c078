using System.Reflection;

namespace Archive.Web.Hosting;

/// <summary>Which release this is (Directory.Build.props) and, when built from git, the commit: shown by `version` and in every page's footer.</summary>
public static class ArchiveVersion
{
    static readonly string Informational = typeof(ArchiveVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The release number, e.g. "1.0.0".</summary>
    public static string Release { get; } = Informational.Split('+')[0];

    /// <summary>The commit it was built from, shortened, or null when built outside git.</summary>
    public static string? Commit { get; } = Informational.Split('+') is [_, var commit, ..] && commit.Length >= 7 ? commit[..7] : null;

    public static string Describe() => Commit is null ? $"Archive {Release}" : $"Archive {Release} (commit {Commit})";
}
