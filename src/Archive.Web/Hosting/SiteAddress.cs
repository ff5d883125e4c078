namespace Archive.Web.Hosting;

/// <summary>
/// The archive's public address for links inside files (EPUBs): `Archive:SiteUrl` when set, otherwise the address this
/// request came in on (after forwarded headers), otherwise (no request: a background job) http://localhost:5000.
/// </summary>
public sealed class SiteAddress(IConfiguration configuration, IHttpContextAccessor http)
{
    public string Current =>
        (configuration["Archive:SiteUrl"] is { Length: > 0 } configured ? configured
            : http.HttpContext?.Request is { Host.HasValue: true } request ? $"{request.Scheme}://{request.Host}"
            : "http://localhost:5000").TrimEnd('/');
}
