using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Archive.Web.Caching;

/// <summary>
/// ASP.NET Core's anti-forgery, except that a page cached for guests gets <see cref="GuestPages.TokenSlot"/> in its forms
/// instead of a token, and no cookie: <see cref="GuestPages"/> puts each guest's own token there as the page goes out.
/// Validation is untouched, so a form from a cached page is checked like any other.
/// </summary>
public sealed class GuestFormAntiforgery(IAntiforgery inner, IOptions<AntiforgeryOptions> options) : IAntiforgery
{
    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) =>
        GuestPages.IsGuestPage(httpContext) ? Slot(httpContext) : inner.GetAndStoreTokens(httpContext);

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) =>
        GuestPages.IsGuestPage(httpContext) ? Slot(httpContext) : inner.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);
    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);
    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);

    /// <summary>This guest's own tokens for filling the slot, without touching the response: the cookie token is set only when it is new.</summary>
    public AntiforgeryTokenSet GuestTokens(HttpContext httpContext) => inner.GetTokens(httpContext);

    /// <summary>The Set-Cookie header that gives this guest their anti-forgery cookie, as ASP.NET Core would have written it.</summary>
    public string CookieHeader(HttpContext httpContext, string cookieToken)
    {
        var cookie = options.Value.Cookie;
        var built = cookie.Build(httpContext);
        if (cookie.Path is null && httpContext.Request.PathBase.HasValue) built.Path = httpContext.Request.PathBase;
        return built.CreateCookieHeader(cookie.Name!, Uri.EscapeDataString(cookieToken)).ToString();
    }

    AntiforgeryTokenSet Slot(HttpContext httpContext)
    {
        if (!httpContext.Response.HasStarted) httpContext.Response.Headers[GuestPages.TokenSlotHeader] = "1";
        return new AntiforgeryTokenSet(GuestPages.TokenSlot, null, options.Value.FormFieldName, options.Value.HeaderName);
    }
}
