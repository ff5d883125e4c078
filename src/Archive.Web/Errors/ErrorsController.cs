using Microsoft.AspNetCore.Mvc;

namespace Archive.Web.Errors;

public sealed record ErrorPage(int Status, string Message);

/// <summary>Friendly pages for error status codes and unhandled exceptions, never a stack trace.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorsController : Controller
{
    [Route("/errors/{status:int}")]
    public IActionResult Show(int status)
    {
        Response.StatusCode = status;
        var message = status switch
        {
            400 => "Sorry, that request didn't make sense to us. If you were sending a form, go back, reload the page and try again.",
            403 => "Sorry, you don't have permission to do that.",
            404 => "Sorry, we couldn't find the page you were looking for. It may have been deleted, or the address may be wrong.",
            _ => "Sorry, something went wrong on our side. Nothing you did caused it; please try again in a moment.",
        };
        return View("Error", new ErrorPage(status, message));
    }
}
