namespace Archive.Tests.Infrastructure;

/// <summary>
/// Figures a test reports whether it passes or fails (how many requests the route fuzzer tried). The test runner shows a passing
/// test's output only at detailed verbosity, so ./test.sh hands the tests a file (ARCHIVE_TEST_FIGURES) and prints it after the run.
/// </summary>
public static class TestFigures
{
    static readonly Lock Writing = new();

    public static void Report(string line)
    {
        if (Environment.GetEnvironmentVariable("ARCHIVE_TEST_FIGURES") is not { Length: > 0 } file) return;
        lock (Writing) File.AppendAllText(file, line + Environment.NewLine);
    }
}
