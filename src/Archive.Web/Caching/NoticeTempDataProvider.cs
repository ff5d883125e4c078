using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Archive.Web.Caching;

/// <summary>
/// Notices ("Comment posted.") travel in MVC's TempData cookie. Every page reads it for a notice, and MVC's provider then
/// clears the cookie with a Set-Cookie even when the visitor has none, which made every page personal and uncacheable.
/// This writes the cookie only when there is something to store, or a cookie to clear.
/// </summary>
public sealed class NoticeTempDataProvider(ITempDataProvider inner) : ITempDataProvider
{
    public static readonly string CookieName = CookieTempDataProvider.CookieName;

    public IDictionary<string, object> LoadTempData(HttpContext context) =>
        context.Request.Cookies.ContainsKey(CookieName) ? inner.LoadTempData(context) : new Dictionary<string, object>();

    public void SaveTempData(HttpContext context, IDictionary<string, object> values)
    {
        if (values.Count == 0 && !context.Request.Cookies.ContainsKey(CookieName)) return;
        inner.SaveTempData(context, values);
    }
}
