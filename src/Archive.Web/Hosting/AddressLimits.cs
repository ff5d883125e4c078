using System.Threading.RateLimiting;
using Archive.Web.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Archive.Web.Hosting;

/// <summary>
/// Allowances per network address for what costs the archive real work: running a search (a cached result page is served
/// before this is asked) and making a PDF, MOBI or AZW3 with calibre (a file already made is not counted). Counted per minute,
/// across instances through Redis when it is configured. Someone over the limit gets 429 with Retry-After, and a page that says
/// when to try again.
/// </summary>
public sealed class AddressLimits(IOptions<ArchiveLimits> limits, IServiceProvider services) : IDisposable
{
    public enum Cost { Search, Conversion }

    readonly PartitionedRateLimiter<(Cost Cost, int Permits, string Address)> limiter = PartitionedRateLimiter.Create<(Cost Cost, int Permits, string Address), string>(
        request => Partition(services.GetService<SharedRedis>(), $"{request.Cost}:{request.Address}".ToLowerInvariant(), request.Permits));

    /// <summary>Null when the request may go ahead; otherwise the page to answer with.</summary>
    public async Task<IActionResult?> RefuseAsync(Controller controller, Cost cost)
    {
        var permits = cost switch { Cost.Search => limits.Value.SearchesPerMinutePerAddress, _ => limits.Value.ConversionsPerMinutePerAddress };
        using var lease = await limiter.AcquireAsync((cost, permits, controller.HttpContext.Connection.RemoteIpAddress?.ToString() ?? ""), 1, controller.HttpContext.RequestAborted);
        if (lease.IsAcquired) return null;
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : TimeSpan.FromMinutes(1);
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        controller.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        controller.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Caching.PageCaching.DoNotCache(controller.HttpContext);
        var what = cost == Cost.Search
            ? $"You've searched {permits} times in a minute from your network."
            : $"Your network has asked for {permits} new PDF, MOBI or AZW3 files in a minute, and each one takes the archive a while to make.";
        var message = $"{what} Please wait {seconds} second{(seconds == 1 ? "" : "s")}, then try again." +
            (cost == Cost.Conversion ? " EPUB and HTML downloads are ready at once." : "");
        return controller.View("~/Errors/Views/Error.cshtml", new ErrorPage(StatusCodes.Status429TooManyRequests, message));
    }

    /// <summary>A minute's allowance for one key: one count shared by every instance through Redis when it is configured.</summary>
    public static RateLimitPartition<string> Partition(SharedRedis? redis, string key, int permits) =>
        redis is not null
            ? RateLimitPartition.Get(key, k => new SharedWindowLimiter(redis, k, Window(permits)))
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => Window(permits));

    static FixedWindowRateLimiterOptions Window(int permits) => new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };

    public void Dispose() => limiter.Dispose();
}
