namespace Archive.Tests.Infrastructure;

/// <summary>The real journal posts in tests/fixtures/posts (in the repository, so a fresh clone runs these tests too).</summary>
public static class Fixtures
{
    public const string OneStepBehindPart1 = "000_e517bf8aa8369aed.txt";
    public const string OneStepBehindPart2 = "001_3b3d7f8b7a2e7712.txt";
    public const string MillionMiles = "002_758058c9a53ec3d2.txt";

    public static string PostsDirectory => Path.Combine(RepositoryRoot, "tests", "fixtures", "posts");

    /// <summary>Whole journal entry pages as a browser saves them, written for these tests (Fixtures/journal-pages).</summary>
    public static string JournalPagesDirectory => Path.Combine(RepositoryRoot, "tests", "Archive.Tests", "Fixtures", "journal-pages");

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Archive.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException("Could not find the repository root (Archive.sln) above the test binaries.");
        }
    }

    public static string PathOf(string name) => Path.Combine(PostsDirectory, name);
    public static string Read(string name) => File.ReadAllText(PathOf(name));
    public static byte[] JournalPage(string name) => File.ReadAllBytes(Path.Combine(JournalPagesDirectory, name));
}
