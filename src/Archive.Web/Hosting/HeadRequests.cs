namespace Archive.Web.Hosting;

/// <summary>
/// HEAD answers as GET would, without the body: uptime monitors, link checkers and crawlers ask with HEAD, and the
/// archive's routes are declared for GET. The request is routed as a GET (so it is the same page, cached or not, with the
/// same status and headers) and whatever the page writes is dropped.
/// </summary>
public static class HeadRequests
{
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        context.Request.Method = HttpMethods.Get;
        var body = context.Response.Body;
        context.Response.Body = Stream.Null;
        try { await next(context); }
        finally
        {
            context.Response.Body = body;
            context.Request.Method = HttpMethods.Head;
        }
    });
}
