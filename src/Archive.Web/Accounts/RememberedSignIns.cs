using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace Archive.Web.Accounts;

/// <summary>
/// Reads sign-in cookies as ASP.NET Core does, remembering for a few minutes what each cookie it has already decrypted
/// said: decrypting the cookie on every page was a good part of a signed-in page's cost. The same cookie always says the
/// same thing, and expiry and the security stamp are still checked on every request by the cookie handler.
/// </summary>
public sealed class RememberedSignIns(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
{
    readonly MemoryCache remembered = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public string Protect(AuthenticationTicket data) => inner.Protect(data);
    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);
    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null) return null;
        var key = (protectedText, purpose);
        if (!remembered.TryGetValue(key, out AuthenticationTicket? ticket))
        {
            ticket = inner.Unprotect(protectedText, purpose);
            if (ticket is null) return null;
            remembered.Set(key, ticket, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });
        }
        // The handler may change what it is given (a renewed ticket); each request gets its own copy.
        return new AuthenticationTicket(ticket!.Principal.Clone(), ticket.Properties.Clone(), ticket.AuthenticationScheme);
    }
}
