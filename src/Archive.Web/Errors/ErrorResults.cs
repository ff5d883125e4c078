using Microsoft.AspNetCore.Mvc;

namespace Archive.Web.Errors;

public static class ErrorResults
{
    /// <summary>A 403 page that says why, instead of a bare status.</summary>
    public static ViewResult Refuse(this Controller controller, string message)
    {
        controller.Response.StatusCode = StatusCodes.Status403Forbidden;
        return controller.View("~/Errors/Views/Error.cshtml", new ErrorPage(StatusCodes.Status403Forbidden, message));
    }

    public const string NotACreator = "Sorry, you don't have permission to change this work: only its creators can.";
}
