using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Archive.Web.Errors;

public sealed record ErrorPage(int Status, string Message, string? Heading = null);

/// <summary>Friendly pages for error status codes and unhandled exceptions, never a stack trace.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorsController : Controller
{
    /// <summary>Where a middleware that refused a request leaves the sentence saying why, for the page shown.</summary>
    public const string MessageItem = "Archive.ErrorMessage";

    [Route("/errors/{status:int}")]
    public async Task<IActionResult> Show(int status, [FromServices] Database.ArchiveDbContext db)
    {
        // Asked for directly (/errors/0, /errors/-1): only error statuses are errors; anything else is no page here.
        if (status is < 400 or > 599) status = StatusCodes.Status404NotFound;
        var failure = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (status == StatusCodes.Status500InternalServerError && Database.GuestCommandTimeout.Caused(failure))
            return TookTooLong();
        if (status == StatusCodes.Status500InternalServerError && Database.DatabaseOutage.Caused(failure))
            return DatabaseOut();
        // A form's token can't be checked without the keys kept in the database, and is then refused as if it were bad:
        // say what really happened, rather than ask the writer to reload the form (and lose what they typed).
        if (status == StatusCodes.Status400BadRequest && HttpMethods.IsPost(Request.Method) && !await Database.Health.CanConnectAsync(db, HttpContext.RequestAborted))
            return DatabaseOut();
        Response.StatusCode = status;
        var message = HttpContext.Items[MessageItem] as string ?? status switch
        {
            400 => "Sorry, that request didn't make sense to us. If you were sending a form, go back, reload the page and try again.",
            403 => "Sorry, you don't have permission to do that.",
            404 => "Sorry, we couldn't find the page you were looking for. It may have been deleted, or the address may be wrong.",
            _ => "Sorry, something went wrong on our side. Nothing you did caused it; please try again in a moment.",
        };
        return View("Error", new ErrorPage(status, message));
    }

    /// <summary>A page gave up waiting for the database: busy for a moment, not broken; worth a retry.</summary>
    IActionResult TookTooLong()
    {
        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        Response.Headers.RetryAfter = "10";
        return View("Error", new ErrorPage(StatusCodes.Status503ServiceUnavailable,
            "Sorry, the archive is very busy and this page took too long to make. Please try again in a few seconds.", "This page took too long"));
    }

    /// <summary>
    /// The database is restarting or down: a 503 that says so and when to try again (proxies and crawlers retry then),
    /// not a 500 that blames the archive's code.
    /// </summary>
    IActionResult DatabaseOut()
    {
        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        Response.Headers.RetryAfter = "30";
        var message = "Sorry, the archive can't reach its database just now, so this page can't be shown. Please try again in a minute.";
        // A form that couldn't be saved: the browser still holds what was typed into it.
        if (HttpMethods.IsPost(Request.Method)) message += " Nothing was saved: your browser's Back button returns to the form with what you wrote, to send again.";
        return View("Error", new ErrorPage(StatusCodes.Status503ServiceUnavailable, message));
    }
}
