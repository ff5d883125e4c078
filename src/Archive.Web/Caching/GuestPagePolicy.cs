using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Archive.Web.Caching;

/// <summary>
/// The output cache's rule for the archive: only pages <see cref="GuestPages"/> marked as a guest's are looked up and
/// stored, each for every query string, for whether the guest agreed to see adult content and for their reading choices
/// (<see cref="Skins.ReadingComfort"/>); only complete 200 pages
/// that set no cookie of their own are stored.
/// </summary>
public sealed class GuestPagePolicy : IOutputCachePolicy
{
    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var cached = GuestPages.IsGuestPage(http);
        context.EnableOutputCaching = cached;
        context.AllowCacheLookup = cached;
        context.AllowCacheStorage = cached;
        // Many guests asking for the same missing page wait for one build of it.
        context.AllowLocking = cached;
        if (!cached) return ValueTask.CompletedTask;
        var options = http.RequestServices.GetRequiredService<IOptions<PageCacheOptions>>().Value;
        context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(options.PageMinutes);
        context.CacheVaryByRules.QueryKeys = "*";
        context.Tags.Add(CacheTags.Everything);
        context.CacheVaryByRules.VaryByValues["adult"] = Works.AdultContent.CookieAgreed(http) ? "yes" : "no";
        // The reader's skin, text size and width are in the page (on <html>): a few values, the default shared by most guests.
        context.CacheVaryByRules.VaryByValues["reading"] = Skins.ReadingComfort.From(http).Key;
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK) context.AllowCacheStorage = false;
        // Agreeing to adult content is the same cookie for everyone who follows that link; any other cookie is someone's own.
        foreach (var cookie in response.Headers.SetCookie)
            if (cookie is null || !cookie.StartsWith(Works.AdultContent.CookieName + "=", StringComparison.Ordinal)) context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}

/// <summary>A page decides, from what it found, that it must not be cached (a tag that doesn't exist yet, a time window).</summary>
public static class PageCaching
{
    /// <summary>Tags the cached page with what it shows, so a change to any of them evicts it.</summary>
    public static void Shows(this HttpContext context, params IEnumerable<string> tags)
    {
        if (context.Features.Get<IOutputCacheFeature>()?.Context is { EnableOutputCaching: true } cache)
            foreach (var tag in tags) cache.Tags.Add(tag);
    }

    public static void DoNotCache(this HttpContext context)
    {
        if (context.Features.Get<IOutputCacheFeature>()?.Context is { } cache) cache.AllowCacheStorage = false;
    }
}
