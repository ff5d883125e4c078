using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Archive.Web.Comments;

/// <summary>
/// Slows down comment posting per account and per network address (ASP.NET Core's rate limiter, fixed windows of a
/// minute). Other requests are never limited. Someone who is slowed down gets a page that says so and gives back what they typed.
/// </summary>
public static partial class CommentRateLimits
{
    public static IServiceCollection AddCommentRateLimits(this IServiceCollection services, ArchiveLimits limits) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsCommentPost(context) && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user
                        ? Partition(context, $"user:{user}", limits.CommentsPerMinutePerUser)
                        : RateLimitPartition.GetNoLimiter("unlimited")),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsCommentPost(context)
                        ? Partition(context, $"address:{context.Connection.RemoteIpAddress}", limits.CommentsPerMinutePerAddress)
                        : RateLimitPartition.GetNoLimiter("unlimited")));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var form = await rejected.HttpContext.Request.ReadFormAsync(cancellationToken);
                var typed = HtmlEncoder.Default.Encode(form["Body"].ToString());
                rejected.HttpContext.Response.ContentType = "text/html; charset=utf-8";
                await rejected.HttpContext.Response.WriteAsync($"""
                    <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Slow down | Archive</title><link rel="stylesheet" href="/css/site.css"></head>
                    <body><main id="main"><h1>Slow down</h1>
                    <p>You've posted several comments in a short time. Please wait a minute, then go back and post again.</p>
                    <p><label for="Body">Your comment, so nothing is lost:</label></p><textarea id="Body" rows="8" cols="70" readonly>{typed}</textarea>
                    </main></body></html>
                    """, cancellationToken);
            };
        });

    static RateLimitPartition<string> Partition(HttpContext context, string key, int permits) =>
        Hosting.AddressLimits.Partition(context.RequestServices.GetService<Hosting.SharedRedis>(), key, permits);

    static bool IsCommentPost(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && CommentPath().IsMatch(context.Request.Path.Value ?? "");

    [GeneratedRegex(@"^/works/\d+/chapters/\d+/comments$")]
    private static partial Regex CommentPath();
}
