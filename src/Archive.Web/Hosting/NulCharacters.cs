using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Archive.Web.Hosting;

/// <summary>
/// PostgreSQL's text can't hold the NUL character, and nobody types one: a NUL in a path or query (a fuzzer's, a broken
/// client's) is dropped before anything reads the request, instead of failing at the database with a 500. A form holding
/// one is refused by ASP.NET Core's form reader itself; that becomes a 400 that says what was wrong.
/// </summary>
public static class NulCharacters
{
    public static IApplicationBuilder UseNulFreeRequests(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (request.Path.Value?.Contains('\0') == true) request.Path = new PathString(request.Path.Value.Replace("\0", ""));
        if (request.QueryString.Value is { } query && query.Contains("%00", StringComparison.Ordinal))
            request.QueryString = new QueryString(query.Replace("%00", "", StringComparison.Ordinal));
        // Read here, where a bad form can be answered plainly (the error page, re-executed for it, reads no form).
        if (request.HasFormContentType && !HttpMethods.IsGet(request.Method) && context.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            try { await request.ReadFormAsync(context.RequestAborted); }
            catch (InvalidDataException)
            {
                context.Items[Errors.ErrorsController.MessageItem] = "Your form held a character the archive can't keep (NUL, an invisible control character). " +
                    "Nothing was saved: go back, retype the last words you pasted, and send it again.";
                // The error page is made by re-running the request: it must find an empty form, not read the bad one again.
                context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }
        await next(context);
    });
}
