using Archive.Web.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Archive.Web.Hosting;

/// <summary>How much a form may send: a story's chapter is large, a comment small, anything else in between.</summary>
public enum RequestSize { Comment, Ordinary, Posting }

/// <summary>Marks the actions whose forms carry more (story text) or less (a comment) than an ordinary form.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequestSizeAttribute(RequestSize size) : Attribute
{
    public RequestSize Size => size;
}

/// <summary>
/// Caps each request's body by what its route accepts, so nobody can make the archive read (and parse) megabytes to post a
/// comment. A body declared too large is refused before it is read, with a page saying what the form accepts; one that turns
/// out too large while being read is cut off by the server.
/// </summary>
public static class RequestSizes
{
    public static IApplicationBuilder UseRequestSizes(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // The error page shown for a refused request is reached with that same request: it must not be refused again.
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
        {
            await next(context);
            return;
        }
        var limits = context.RequestServices.GetRequiredService<IOptions<ArchiveLimits>>().Value;
        var endpoint = context.GetEndpoint();
        // An action that states its own byte limit (imports of saved pages) keeps it.
        var max = endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? (endpoint?.Metadata.GetMetadata<RequestSizeAttribute>()?.Size switch
            {
                RequestSize.Comment => limits.CommentRequestMaxBytes,
                RequestSize.Posting => limits.PostingRequestMaxBytes,
                _ => limits.RequestMaxBytes,
            });
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body) body.MaxRequestBodySize = max;
        if (context.Request.ContentLength > max)
        {
            context.Items[ErrorsController.MessageItem] =
                $"That was {Size(context.Request.ContentLength.Value)}, more than this form accepts ({Size(max)}), so nothing was saved. " +
                "Your browser's Back button returns to the form with what you wrote: shorten it, or split it (a long story into chapters), and send it again.";
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            // The rest of the body is not read: the connection is closed after this answer.
            context.Response.Headers.Connection = "close";
            return;
        }
        await next(context);
    });

    static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{Math.Max(1, bytes / 1024)} KB";
}
