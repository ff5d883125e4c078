using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Archive.Tests.Infrastructure;

/// <summary>A throwaway redis-server on a loopback port, for one test (which may stop it to see the archive do without).</summary>
public sealed class TestRedis : IDisposable
{
    const string Server = "/usr/bin/redis-server";
    readonly Process process;
    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";

    TestRedis(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public static async Task<TestRedis> StartAsync()
    {
        if (!File.Exists(Server)) throw new InvalidOperationException("redis-server is not installed: apt-get install -y redis-server");
        var port = Archive.Web.Database.PrivatePostgres.FreePort();
        var start = new ProcessStartInfo(Server) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", Path.GetTempPath() })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        StopWhenThisProcessEnds(process.Id);
        var redis = new TestRedis(process, port);
        for (var tries = 0; tries < 100; tries++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return redis;
            }
            catch (SocketException) { await Task.Delay(50); }
        }
        redis.Dispose();
        throw new TimeoutException("redis-server did not start in 5 seconds.");
    }

    // A test host killed before it disposes this would leave the server running; a detached watcher stops it.
    static void StopWhenThisProcessEnds(int serverId)
    {
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "sh", "-c", $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; kill {serverId} 2>/dev/null" })
            start.ArgumentList.Add(arg);
        Process.Start(start);
    }

    /// <summary>Redis goes away, as a crashed or restarting server would.</summary>
    public void Stop()
    {
        if (process.HasExited) return;
        process.Kill();
        process.WaitForExit();
    }

    public void Dispose()
    {
        Stop();
        process.Dispose();
    }
}
