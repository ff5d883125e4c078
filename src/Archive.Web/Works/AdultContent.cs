using Archive.Web.Accounts;
using Archive.Web.Database;
using Archive.Web.Tags;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Works;

/// <summary>
/// AO3's "this work could have adult content" notice: works rated Mature, Explicit or Not Rated ask first.
/// A reader proceeds with <c>?view_adult=true</c> (remembered for the browser session in a cookie, so any instance honours it)
/// or skips the notice for good with their preference.
/// </summary>
public static class AdultContent
{
    public const string QueryKey = "view_adult";
    public const string CookieName = "view_adult";

    static readonly string[] AdultRatings = ["Mature", "Explicit", Ratings.NotRated];

    /// <summary>Whether this browser agreed earlier in its session (the cookie alone, which is all a cached page may vary by).</summary>
    public static bool CookieAgreed(HttpContext http) => http.Request.Cookies[CookieName] == "true";

    public static bool IsAdult(IEnumerable<string> ratings) => ratings.DefaultIfEmpty(Ratings.NotRated).Any(AdultRatings.Contains);

    /// <summary>The rating tags that ask first, for leaving such works out of a query.</summary>
    public static Task<List<int>> RatingIdsAsync(ArchiveDbContext db) =>
        db.Tags.Where(t => t.Type == TagType.Rating && AdultRatings.Contains(t.Name)).Select(t => t.Id).ToListAsync();

    /// <summary>
    /// Whether this reader must see the notice before this work: it is rated for adults, they haven't agreed, and
    /// <paramref name="knowsWorkAsync"/> (its creators and moderators) says they aren't someone who knows what it holds.
    /// </summary>
    public static async Task<bool> MustAskAsync(HttpContext http, ArchiveDbContext db, IEnumerable<string> ratings, Func<Task<bool>> knowsWorkAsync) =>
        IsAdult(ratings) && !await knowsWorkAsync() && !await AgreedAsync(http, db, http.User.UserId());

    /// <summary>The same, when what the reader prefers is already known (the work page reads it with the reader's other facts).</summary>
    public static bool MustAsk(HttpContext http, IEnumerable<string> ratings, bool knowsWork, bool prefersAdult) =>
        IsAdult(ratings) && !knowsWork && !prefersAdult && !AgreedNow(http);

    /// <summary>Whether this browser agreed, by the proceed link (which also sets the session cookie) or earlier in its session.</summary>
    static bool AgreedNow(HttpContext http)
    {
        if (!string.Equals(http.Request.Query[QueryKey], "true", StringComparison.OrdinalIgnoreCase)) return CookieAgreed(http);
        // No expiry: it ends with the browser session, as AO3's does.
        http.Response.Cookies.Append(CookieName, "true", new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, IsEssential = true });
        return true;
    }

    /// <summary>Whether this reader has agreed to see adult content; a proceed link also sets the session cookie.</summary>
    public static async Task<bool> AgreedAsync(HttpContext http, ArchiveDbContext db, int? userId)
    {
        if (AgreedNow(http)) return true;
        return userId is { } id && await db.Users.AnyAsync(u => u.Id == id && u.ViewAdultContent);
    }
}
