using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Archive.Web.Caching;

/// <summary>Marks an action whose page guests are served from the cache (see <see cref="GuestPages"/>).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class CachedForGuestsAttribute : Attribute;

/// <summary>
/// Guests' pages come from the cache, shared by every guest, so what is each guest's own is put in as the page goes out:
/// the anti-forgery token of the page's forms (a token baked into a shared page would belong to someone else) and the
/// hit on the work they read. Signed-in readers' pages are never cached whole.
/// </summary>
/// <remarks>
/// The output cache stores a page's headers as they stand when the page is complete, so a guest's page is kept whole
/// until then (nothing reaches the guest before the cache has its copy) and only then gets the guest's own cookie and
/// token, and goes out in one write. A failing page hasn't started either, so the error page replaces it cleanly.
/// </remarks>
public sealed class GuestPages(RequestDelegate next, IOptions<PageCacheOptions> options, Hits.HitCounter hits, GuestFormAntiforgery antiforgery, EvictionClock clock)
{
    /// <summary>Stands in a cached page where each guest's own anti-forgery token goes (<see cref="PageSlots"/>).</summary>
    public static readonly string TokenSlot = PageSlots.Named("guest-form-token");
    static readonly byte[] Slot = Encoding.ASCII.GetBytes(TokenSlot);
    internal const string GuestPageItem = "archive.guest-page";
    internal const string BeganItem = "archive.cache-began";
    /// <summary>Set by a page (and cached with it) when it holds <see cref="TokenSlot"/>; never sent.</summary>
    internal const string TokenSlotHeader = "X-Archive-Token-Slot";
    /// <summary>Set by a work page (and cached with it) naming the work read, so cached pages count hits too; never sent.</summary>
    internal const string ReadWorkHeader = "X-Archive-Read-Work";

    /// <summary>The sign-in cookie (<see cref="Accounts"/>): a visitor sending it is treated as signed in, even if it has expired.</summary>
    public const string SessionCookie = "archive_session";

    /// <summary>Whether this request is a guest's, for a page guests are served from the cache.</summary>
    public static bool IsGuestPage(HttpContext context) => context.Items.ContainsKey(GuestPageItem);

    /// <summary>Counts the request as a read of the work once the page goes out, whether it was built or came from the cache.</summary>
    public static void CountRead(HttpContext context, int workId, Hits.HitCounter hits)
    {
        if (IsGuestPage(context)) context.Response.Headers[ReadWorkHeader] = workId.ToString();
        else hits.Record(workId, context);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        // A guest is a visitor without a session cookie (this runs before authentication, so cached pages skip it);
        // a page with a notice to show (TempData) is that visitor's alone.
        var guestPage = options.Value.Enabled && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Cookies.ContainsKey(SessionCookie) && !request.Cookies.ContainsKey(NoticeTempDataProvider.CookieName)
            && context.GetEndpoint()?.Metadata.GetMetadata<CachedForGuestsAttribute>() is not null;
        if (!guestPage)
        {
            await next(context);
            return;
        }
        context.Items[GuestPageItem] = true;
        context.Items[BeganItem] = clock.Now();
        var realBody = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var page = new PageBuffer();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(page));
        try { await next(context); }
        finally { context.Features.Set(realBody); }
        await SendAsync(context, page);
    }

    /// <summary>The page, with this guest's hit counted and their token in its forms (and their cookie, if new), in one write.</summary>
    async Task SendAsync(HttpContext context, PageBuffer page)
    {
        var response = context.Response;
        var headers = response.Headers;
        if (headers.TryGetValue(ReadWorkHeader, out var read))
        {
            headers.Remove(ReadWorkHeader);
            if (response.StatusCode == StatusCodes.Status200OK && int.TryParse(read, out var workId)) hits.Record(workId, context);
        }
        var body = page.Written;
        byte[]? filled = null;
        if (headers.ContainsKey(TokenSlotHeader))
        {
            headers.Remove(TokenSlotHeader);
            var (token, setCookie) = antiforgery.GuestTokens(context);
            if (setCookie is not null) headers.Append(HeaderNames.SetCookie, setCookie);
            // The page now holds this guest's token: no one else's cache may keep it.
            headers.CacheControl = "no-cache, no-store";
            (filled, var length) = PageSlots.Fill(body.Span, (Slot, Encoding.ASCII.GetBytes(token)));
            body = filled.AsMemory(0, length);
        }
        try
        {
            if (body.Length == 0 && page.Length == 0) return;
            response.ContentLength = body.Length;
            if (!HttpMethods.IsHead(context.Request.Method)) await response.Body.WriteAsync(body, context.RequestAborted);
        }
        finally
        {
            if (filled is not null) ArrayPool<byte>.Shared.Return(filled);
        }
    }
}

/// <summary>A response body kept in pooled memory until it is complete.</summary>
sealed class PageBuffer : Stream
{
    byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    int length;

    public ReadOnlyMemory<byte> Written => buffer.AsMemory(0, length);

    public override void Write(ReadOnlySpan<byte> data)
    {
        if (length + data.Length > buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + data.Length));
            buffer.AsSpan(0, length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = bigger;
        }
        data.CopyTo(buffer.AsSpan(length));
        length += data.Length;
    }

    public override void Write(byte[] data, int offset, int count) => Write(data.AsSpan(offset, count));
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        Write(data.Span);
        return ValueTask.CompletedTask;
    }
    public override Task WriteAsync(byte[] data, int offset, int count, CancellationToken cancellationToken)
    {
        Write(data.AsSpan(offset, count));
        return Task.CompletedTask;
    }
    public override void Flush() { }
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => length;
    public override long Position { get => length; set => throw new NotSupportedException(); }
    public override int Read(byte[] data, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && length >= 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            length = -1;
        }
        base.Dispose(disposing);
    }
}
