using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Archive.Web.Downloads;

public sealed class CalibreException(string message) : Exception(message);

/// <summary>calibre's ebook-convert, which makes PDF, MOBI and AZW3 from the archive's EPUB. Only offered when it is installed.</summary>
public sealed class Calibre(IOptions<DownloadOptions> options, ILogger<Calibre> logger)
{
    readonly Lazy<string?> path = new(() => Find(options.Value.EbookConvertPath));

    // A conversion keeps a core busy for seconds (PDF runs a browser engine); running more at once only slows each one.
    readonly SemaphoreSlim turns = new(Math.Max(1, Environment.ProcessorCount / 2));

    public bool IsAvailable => path.Value is not null;

    /// <summary>The configured program if it exists, else ebook-convert on PATH; null when neither is there.</summary>
    static string? Find(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return File.Exists(configured) ? Path.GetFullPath(configured) : null;
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, OperatingSystem.IsWindows() ? "ebook-convert.exe" : "ebook-convert");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Waits until a conversion may start; dispose the result when done.</summary>
    public async Task<IDisposable> TakeTurnAsync(CancellationToken cancel)
    {
        await turns.WaitAsync(cancel);
        return new Turn(turns);
    }

    sealed class Turn(SemaphoreSlim turns) : IDisposable
    {
        int done;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0) turns.Release();
        }
    }

    /// <summary>The EPUB converted to the format with this file extension, in a temporary folder removed afterwards.</summary>
    public async Task<byte[]> ConvertAsync(byte[] epub, string extension)
    {
        var program = path.Value ?? throw new CalibreException("ebook-convert is not installed.");
        var folder = Directory.CreateTempSubdirectory("archive-convert-");
        try
        {
            var input = Path.Combine(folder.FullName, "work.epub");
            var output = Path.Combine(folder.FullName, "work." + extension);
            await File.WriteAllBytesAsync(input, epub);
            var start = new ProcessStartInfo(program)
            {
                ArgumentList = { input, output },
                WorkingDirectory = folder.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // PDF output renders with Qt WebEngine: no display on a server, and its Chromium sandbox fails as root and in
            // most containers. It only ever renders our own sanitized, script-free XHTML.
            start.Environment["QT_QPA_PLATFORM"] = "offscreen";
            start.Environment["QTWEBENGINE_CHROMIUM_FLAGS"] = "--no-sandbox";
            // calibre's own temporary files go in our folder, so they are removed with it even when it is killed.
            start.Environment["CALIBRE_TEMP_DIR"] = folder.FullName;

            var timeout = TimeSpan.FromSeconds(Math.Max(1, options.Value.EbookConvertTimeoutSeconds));
            var watch = Stopwatch.StartNew();
            using var process = Start(start);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using (var limit = new CancellationTokenSource(timeout))
            {
                try
                {
                    await process.WaitForExitAsync(limit.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                    throw new CalibreException($"ebook-convert to {extension} took longer than {timeout.TotalSeconds:0} s and was stopped.");
                }
            }
            var log = await stdout + await stderr;
            if (process.ExitCode != 0 || !File.Exists(output))
            {
                logger.LogWarning("ebook-convert to {Format} failed with exit code {ExitCode}: {Log}", extension, process.ExitCode, Tail(log));
                throw new CalibreException($"ebook-convert to {extension} failed (exit code {process.ExitCode}).");
            }
            logger.LogInformation("ebook-convert made the {Format} in {Seconds:0.0} s", extension, watch.Elapsed.TotalSeconds);
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            try { folder.Delete(recursive: true); }
            catch (IOException e) { logger.LogWarning(e, "Could not remove {Folder}", folder.FullName); }
            catch (UnauthorizedAccessException e) { logger.LogWarning(e, "Could not remove {Folder}", folder.FullName); }
        }
    }

    static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new CalibreException($"Could not start {start.FileName}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            // Configured, but not a program this machine can run.
            throw new CalibreException($"Could not start {start.FileName}: {e.Message}");
        }
    }

    static string Tail(string log) => log.Length <= 2000 ? log : "…" + log[^2000..];
}
