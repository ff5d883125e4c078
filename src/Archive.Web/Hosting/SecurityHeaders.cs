namespace Archive.Web.Hosting;

/// <summary>
/// Headers on every response, so one sanitizer slip or a file served with the wrong type still can't run script as the
/// archive: a Content-Security-Policy allowing scripts and styles only from the archive's own files (no inline script),
/// images from anywhere (authors link them), no plugins, no framing, forms posting only here; no type sniffing; referrers
/// cut to the origin across sites; HSTS when served over https.
/// </summary>
public static class SecurityHeaders
{
    public const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: http: data:; font-src 'self'; " +
        "connect-src 'self'; media-src 'self' https:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
            return Task.CompletedTask;
        });
        await next(context);
    });
}
