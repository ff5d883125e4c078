using System.Diagnostics;
using System.Net;

namespace Archive.Tests.Infrastructure;

/// <summary>The archive run as its own process, as an operator runs it (for start-up, stopping and command-line tests).</summary>
public static class AppProcess
{
    /// <summary>Starts `dotnet Archive.Web.dll ARGS` in Production with these environment variables; its output stays redirected for the test to read.</summary>
    public static Process Start(IEnumerable<string> args, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Process.Start(start)!;
    }

    public static async Task WaitHealthyAsync(int port, Process app)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (app.HasExited) throw new InvalidOperationException($"The app exited with {app.ExitCode}: {await app.StandardError.ReadToEndAsync()}");
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/healthz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("The app did not become healthy in 90 seconds.");
    }
}
