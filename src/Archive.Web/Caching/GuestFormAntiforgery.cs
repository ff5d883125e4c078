using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Archive.Web.Caching;

/// <summary>
/// ASP.NET Core's anti-forgery, with two changes for guests' cached pages.
/// <list type="bullet">
/// <item>A page cached for guests gets <see cref="GuestPages.TokenSlot"/> in its forms instead of a token, and no cookie:
/// <see cref="GuestPages"/> puts each guest's own token there as the page goes out.</item>
/// <item>That token is a signed double-submit token: the guest's random cookie, and in the form an HMAC of it under a
/// secret key. Only the archive can make one, only for that cookie, and a site elsewhere can read neither. It costs one
/// HMAC, where ASP.NET Core's encrypts a new cookie token and a request token for every new visitor (half the cost of a
/// cached page). Guest tokens are accepted only from guests; signed-in readers' forms are checked by ASP.NET Core.</item>
/// </list>
/// </summary>
public sealed class GuestFormAntiforgery(IAntiforgery inner, IOptions<AntiforgeryOptions> options) : IAntiforgery
{
    public const string CookieName = "archive_guest_form";
    const string Prefix = "guest.";
    byte[]? key;
    // A signed-in reader's request token for their anti-forgery cookie: the same cookie and reader always get a valid
    // token, so one made earlier is as good as a new one, without decrypting the cookie and encrypting a token per page.
    readonly MemoryCache readerTokens = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public void UseGuestKey(byte[] secret) => key = secret;

    /// <summary>Stands in a part of a page shared by signed-in readers for each reader's own token; never sent as it is.</summary>
    public static readonly string SharedPartSlot = PageSlots.Named("shared-part-form-token");
    static readonly object SharedPart = new();

    /// <summary>While the returned scope lasts, forms rendered for this request get <see cref="SharedPartSlot"/> instead of a token.</summary>
    public IDisposable SlotForSharedPart(HttpContext httpContext)
    {
        httpContext.Items[SharedPart] = true;
        return new SharedPartScope(httpContext);
    }

    sealed class SharedPartScope(HttpContext httpContext) : IDisposable
    {
        public void Dispose() => httpContext.Items.Remove(SharedPart);
    }

    AntiforgeryTokenSet? SharedPartTokens(HttpContext httpContext) => httpContext.Items.ContainsKey(SharedPart)
        ? new AntiforgeryTokenSet(SharedPartSlot, null, options.Value.FormFieldName, options.Value.HeaderName) : null;

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
    {
        if (SharedPartTokens(httpContext) is { } slot) return slot;
        if (GuestPages.IsGuestPage(httpContext)) return Slot(httpContext);
        var cookie = httpContext.Request.Cookies[options.Value.Cookie.Name!];
        var reader = httpContext.User.Identity?.IsAuthenticated == true ? httpContext.User.Identity.Name : null;
        if (cookie is not null && reader is not null && readerTokens.TryGetValue((cookie, reader), out string? token))
        {
            // What ASP.NET Core's GetAndStoreTokens says of a page holding a token.
            if (!httpContext.Response.HasStarted)
            {
                httpContext.Response.Headers.CacheControl = "no-cache, no-store";
                httpContext.Response.Headers.Pragma = "no-cache";
                if (!options.Value.SuppressXFrameOptionsHeader) httpContext.Response.Headers.XFrameOptions = "SAMEORIGIN";
            }
            return new AntiforgeryTokenSet(token, null, options.Value.FormFieldName, options.Value.HeaderName);
        }
        var tokens = inner.GetAndStoreTokens(httpContext);
        if (cookie is not null && reader is not null && tokens.CookieToken is null && tokens.RequestToken is { } made)
            readerTokens.Set((cookie, reader), made, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(20) });
        return tokens;
    }

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) =>
        SharedPartTokens(httpContext) ?? (GuestPages.IsGuestPage(httpContext) ? Slot(httpContext) : inner.GetTokens(httpContext));

    public async Task<bool> IsRequestValidAsync(HttpContext httpContext) =>
        await GuestTokenAsync(httpContext) is { } sent ? IsGuestTokenValid(httpContext, sent) : await inner.IsRequestValidAsync(httpContext);

    public async Task ValidateRequestAsync(HttpContext httpContext)
    {
        if (await GuestTokenAsync(httpContext) is not { } sent) await inner.ValidateRequestAsync(httpContext);
        else if (!IsGuestTokenValid(httpContext, sent)) throw new AntiforgeryValidationException("The guest form token does not match this visitor's cookie.");
    }

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);

    /// <summary>
    /// This guest's own form token for filling the slot, and the Set-Cookie header to send when they have no cookie yet
    /// (ASP.NET Core's tokens until the key is loaded).
    /// </summary>
    public (string Token, string? SetCookie) GuestTokens(HttpContext httpContext)
    {
        if (key is null)
        {
            var tokens = inner.GetTokens(httpContext);
            return (tokens.RequestToken!, tokens.CookieToken is { } cookieToken ? CookieHeader(httpContext, options.Value.Cookie, cookieToken) : null);
        }
        var cookie = httpContext.Request.Cookies[CookieName];
        string? setCookie = null;
        if (cookie is not { Length: 22 })
        {
            cookie = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
            setCookie = CookieHeader(httpContext, new CookieBuilder { Name = CookieName, HttpOnly = true, SameSite = SameSiteMode.Strict, SecurePolicy = CookieSecurePolicy.SameAsRequest, IsEssential = true }, cookie);
        }
        return (Prefix + Sign(key, cookie), setCookie);
    }

    static string Sign(byte[] key, string cookie) => WebEncoders.Base64UrlEncode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes("archive guest form\n" + cookie)));

    /// <summary>A guest token sent by a guest (a form field starting with the guest prefix), or null to leave the request to ASP.NET Core.</summary>
    async Task<string?> GuestTokenAsync(HttpContext httpContext)
    {
        if (!httpContext.Request.HasFormContentType) return null;
        var form = await httpContext.Request.ReadFormAsync();
        var sent = form[options.Value.FormFieldName].ToString();
        return sent.StartsWith(Prefix, StringComparison.Ordinal) ? sent : null;
    }

    bool IsGuestTokenValid(HttpContext httpContext, string sent)
    {
        // A signed-in reader's forms always carry ASP.NET Core's tokens, tied to them; a guest's token can't stand in.
        if (key is null || httpContext.User.Identity?.IsAuthenticated == true) return false;
        if (httpContext.Request.Cookies[CookieName] is not { Length: 22 } cookie) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Prefix + Sign(key, cookie)), Encoding.ASCII.GetBytes(sent));
    }

    /// <summary>A Set-Cookie header as ASP.NET Core would write it for this cookie.</summary>
    static string CookieHeader(HttpContext httpContext, CookieBuilder cookie, string value)
    {
        var built = cookie.Build(httpContext);
        if (cookie.Path is null) built.Path = httpContext.Request.PathBase.HasValue ? httpContext.Request.PathBase.Value : "/";
        return built.CreateCookieHeader(cookie.Name!, Uri.EscapeDataString(value)).ToString();
    }

    AntiforgeryTokenSet Slot(HttpContext httpContext)
    {
        if (!httpContext.Response.HasStarted) httpContext.Response.Headers[GuestPages.TokenSlotHeader] = "1";
        return new AntiforgeryTokenSet(GuestPages.TokenSlot, null, options.Value.FormFieldName, options.Value.HeaderName);
    }
}
