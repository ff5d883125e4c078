using System.IO.Pipelines;
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
/// The output cache stores a page's headers as they stand when the page is complete, so this gives the page (and the
/// cache) headers of their own, and only copies them to the guest's response, with the guest's cookie, as it starts.
/// </remarks>
public sealed class GuestPages(RequestDelegate next, IOptions<PageCacheOptions> options, Hits.HitCounter hits, GuestFormAntiforgery antiforgery, EvictionClock clock)
{
    /// <summary>Stands in a cached page where each guest's own anti-forgery token goes. Letters and dashes, so HTML encoding leaves it alone.</summary>
    public const string TokenSlot = "archive-guest-form-token-slot";
    internal const string GuestPageItem = "archive.guest-page";
    internal const string BeganItem = "archive.cache-began";
    /// <summary>Set by a page (and cached with it) when it holds <see cref="TokenSlot"/>; never sent.</summary>
    internal const string TokenSlotHeader = "X-Archive-Token-Slot";
    /// <summary>Set by a work page (and cached with it) naming the work read, so cached pages count hits too; never sent.</summary>
    internal const string ReadWorkHeader = "X-Archive-Read-Work";

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
        // A page with a notice to show (TempData) is that visitor's alone.
        var guestPage = options.Value.Enabled && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && context.User.Identity?.IsAuthenticated != true && !request.Cookies.ContainsKey(NoticeTempDataProvider.CookieName)
            && context.GetEndpoint()?.Metadata.GetMetadata<CachedForGuestsAttribute>() is not null;
        if (!guestPage)
        {
            await next(context);
            return;
        }
        context.Items[GuestPageItem] = true;
        context.Items[BeganItem] = clock.Now();
        var realResponse = context.Features.GetRequiredFeature<IHttpResponseFeature>();
        var realBody = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var page = new PageResponse(context, realResponse, realBody, this);
        context.Features.Set<IHttpResponseFeature>(page);
        context.Features.Set<IHttpResponseBodyFeature>(page);
        try
        {
            await next(context);
            await page.CompleteAsync();
        }
        finally
        {
            context.Features.Set(realResponse);
            context.Features.Set(realBody);
        }
    }

    /// <summary>What goes out with this guest's copy of the page: their hit, their token and its cookie.</summary>
    byte[]? Personalise(HttpContext context, IHeaderDictionary page, IHeaderDictionary sent, int status)
    {
        if (page.TryGetValue(ReadWorkHeader, out var read) && status == StatusCodes.Status200OK && int.TryParse(read, out var workId))
            hits.Record(workId, context);
        if (!page.ContainsKey(TokenSlotHeader)) return null;
        var (token, setCookie) = antiforgery.GuestTokens(context);
        if (setCookie is not null) sent.Append(HeaderNames.SetCookie, setCookie);
        // The page now holds this guest's token: no one else's cache may keep it.
        sent.CacheControl = "no-cache, no-store";
        sent.Remove(HeaderNames.ContentLength);
        return Encoding.ASCII.GetBytes(token);
    }

    /// <summary>The response as the page and the output cache see it; the guest's own response is made from it as it starts.</summary>
    sealed class PageResponse(HttpContext context, IHttpResponseFeature real, IHttpResponseBodyFeature realBody, GuestPages pages)
        : IHttpResponseFeature, IHttpResponseBodyFeature
    {
        readonly Stack<(Func<object, Task> Callback, object State)> onStarting = new();
        readonly TokenSlotStream stream = new(realBody.Stream, real);
        PipeWriter? writer;
        bool started;

        public int StatusCode { get; set; } = real.StatusCode;
        public string? ReasonPhrase { get; set; }
        public IHeaderDictionary Headers { get; set; } = real.Headers.Count == 0 ? new HeaderDictionary() : new HeaderDictionary(real.Headers.ToDictionary());
        public bool HasStarted => started;
        [Obsolete("Use the body feature.")]
        public Stream Body { get => Stream; set => throw new NotSupportedException(); }
        public Stream Stream => stream.Starting(StartAsync);
        public PipeWriter Writer => writer ??= PipeWriter.Create(Stream, new StreamPipeWriterOptions(leaveOpen: true));

        public void OnStarting(Func<object, Task> callback, object state) => onStarting.Push((callback, state));
        public void OnCompleted(Func<object, Task> callback, object state) => real.OnCompleted(callback, state);
        public void DisableBuffering() => realBody.DisableBuffering();
        public Task StartAsync(CancellationToken cancellationToken = default) => StartAsync();

        public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
        {
            await StartAsync();
            await realBody.SendFileAsync(path, offset, count, cancellationToken);
        }

        /// <summary>Once, before anything is sent: the page's last header changes, then its headers copied to the guest's response with their own parts.</summary>
        async Task StartAsync()
        {
            if (started) return;
            while (onStarting.TryPop(out var starting)) await starting.Callback(starting.State);
            started = true;
            real.StatusCode = StatusCode;
            if (ReasonPhrase is not null) real.ReasonPhrase = ReasonPhrase;
            foreach (var (name, value) in Headers)
                if (name is not (TokenSlotHeader or ReadWorkHeader)) real.Headers[name] = value;
            if (pages.Personalise(context, Headers, real.Headers, StatusCode) is { } token) stream.Fill(token, Headers.ContentLength);
        }

        public async Task CompleteAsync()
        {
            if (writer is not null) await writer.FlushAsync();
            await StartAsync();
            await stream.FinishAsync(context.RequestAborted);
        }
    }
}

/// <summary>
/// Writes a page through; once it is known to hold slots, keeps it whole instead and sends it in one write with the
/// guest's token wherever <see cref="GuestPages.TokenSlot"/> stood (a page has a slot per form, and a write per piece
/// between them would cost a send each).
/// </summary>
sealed class TokenSlotStream(Stream inner, IHttpResponseFeature response) : Stream
{
    static readonly byte[] Slot = Encoding.ASCII.GetBytes(GuestPages.TokenSlot);
    Func<Task> start = () => Task.CompletedTask;
    byte[]? token;
    System.Buffers.ArrayBufferWriter<byte>? page;

    internal void Fill(byte[] guestToken, long? pageLength)
    {
        token = guestToken;
        page = new System.Buffers.ArrayBufferWriter<byte>((int)Math.Clamp(pageLength ?? 16 * 1024, 256, 16 * 1024 * 1024));
    }

    /// <summary>Runs <paramref name="starting"/> before the first byte goes out (it sets the headers and the token).</summary>
    internal TokenSlotStream Starting(Func<Task> starting)
    {
        start = starting;
        return this;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await start();
        if (page is null) await inner.WriteAsync(buffer, cancellationToken);
        else System.Buffers.BuffersExtensions.Write(page, buffer.Span);
    }

    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (page is null || token is null) return;
        var held = page.WrittenMemory;
        var slots = 0;
        for (var rest = held.Span; rest.IndexOf(Slot) is var at and >= 0; rest = rest[(at + Slot.Length)..]) slots++;
        var whole = new byte[held.Length + slots * (token.Length - Slot.Length)];
        var to = 0;
        for (var rest = held.Span; ;)
        {
            var at = rest.IndexOf(Slot);
            if (at < 0)
            {
                rest.CopyTo(whole.AsSpan(to));
                break;
            }
            rest[..at].CopyTo(whole.AsSpan(to));
            token.CopyTo(whole.AsSpan(to + at));
            to += at + token.Length;
            rest = rest[(at + Slot.Length)..];
        }
        if (!response.HasStarted) response.Headers.ContentLength = whole.Length;
        await inner.WriteAsync(whole, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();
    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await start();
        // A page kept whole goes out when it is finished.
        if (page is null) await inner.FlushAsync(cancellationToken);
    }
    public override void Flush() => FlushAsync().GetAwaiter().GetResult();
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
