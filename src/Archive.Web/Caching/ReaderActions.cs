using Archive.Web.Accounts;

namespace Archive.Web.Caching;

/// <summary>
/// Whatever a signed-in reader does (kudos, a bookmark, a subscription, a mute, a pseud, a preference) changes what their
/// pages know about them, so every request of theirs that isn't a read forgets it, here and in the other instances.
/// One rule instead of one eviction per form, so a new form can't forget to.
/// </summary>
public sealed class ReaderActions(RequestDelegate next, PageCacheEvictions evictions)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var method = context.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method) && context.User.UserId() is { } reader)
            await evictions.EvictAsync([CacheTags.Reader(reader)]);
    }
}
