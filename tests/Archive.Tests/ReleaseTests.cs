using System.Text.RegularExpressions;
using Archive.Tests.Infrastructure;

namespace Archive.Tests;

/// <summary>An operator can tell which release runs: the version command (which needs no database) and every page's footer.</summary>
public class ReleaseTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    static readonly string Release = Regex.Match(File.ReadAllText(Path.Combine(Fixtures.RepositoryRoot, "Directory.Build.props")), "<Version>([^<]+)</Version>").Groups[1].Value;

    [Fact]
    public async Task The_version_command_names_the_release_and_commit_without_starting_a_database()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"archive-no-such-{Guid.NewGuid():N}");
        var process = AppProcess.Start(["version"], ("ConnectionStrings__Archive", ""), ("Archive__DataDirectory", missing));
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        Assert.Matches($@"^Archive {Regex.Escape(Release)}( \(commit [0-9a-f]{{7}}\))?$", output.Trim());
        Assert.False(Directory.Exists(missing));
        // The release is in the changelog.
        Assert.Contains($"## [{Release}]", await File.ReadAllTextAsync(Path.Combine(Fixtures.RepositoryRoot, "CHANGELOG.md")));
    }

    [Fact]
    public async Task Every_page_names_the_release_in_its_footer()
    {
        var footer = (await app.NewVisitor().GetAsync("/")).Find("footer .version")?.TextContent;
        Assert.StartsWith($"Archive {Release}", footer);
    }
}
