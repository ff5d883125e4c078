using System.Buffers;
using System.ComponentModel;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Archive.Web.Accounts;
using Archive.Web.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Archive.Web.Works;

/// <summary>
/// The part of a work page every reader sees alike (header, chapters, notes: most of the page), rendered once and kept as
/// HTML until the work changes, so a signed-in reader's page renders only what is theirs around it. Most signed-in
/// readers' pages differ only in their name and form token: those are rendered whole once for all of them.
/// </summary>
public sealed class WorkFragments(HybridCache parts, CacheGenerations generations, IOptions<PageCacheOptions> options,
    ICompositeViewEngine views, IModelMetadataProvider metadata, ITempDataDictionaryFactory tempData, GuestFormAntiforgery antiforgery)
{
    const string Body = "~/Works/Views/_WorkBody.cshtml";
    const string Comments = "~/Comments/Views/_Comments.cshtml";
    const string Page = "~/Works/Views/Show.cshtml";

    /// <summary>The page's shared body as HTML (rendered afresh with the cache off, so pages read the same either way).</summary>
    public async Task<string> BodyAsync(ActionContext context, WorkPage page)
    {
        if (!options.Value.Enabled) return await RenderAsync(context, Body, page);
        var id = page.Work.Id;
        return await parts.GetOrCreateAsync($"work-body:{id}:{page.Position ?? WorkPageData.AllChapters}:{generations.Of(id)}", (fragments: this, context, page),
            static (state, _) => new ValueTask<string>(state.fragments.RenderAsync(state.context, Body, state.page)),
            tags: [CacheTags.Work(id), CacheTags.Everything]);
    }

    /// <summary>
    /// The comment section for a signed-in reader it looks the same to as to many others (<see cref="Comments.CommentSection.SameForPlainReaders"/>):
    /// rendered once with a slot where each reader's own form token goes, kept until the work changes. Null for anyone else.
    /// </summary>
    public async Task<string?> CommentsAsync(ActionContext context, WorkPage page) =>
        await CommentsWithSlotAsync(context, page) is { } html
            ? html.Replace(GuestFormAntiforgery.SharedPartSlot, antiforgery.GetAndStoreTokens(context.HttpContext).RequestToken, StringComparison.Ordinal)
            : null;

    async Task<string?> CommentsWithSlotAsync(ActionContext context, WorkPage page)
    {
        if (!options.Value.Enabled || page.Comments is not { SameForPlainReaders: true } section) return null;
        var id = page.Work.Id;
        return await parts.GetOrCreateAsync($"comments:{generations.Process}:{id}:{(section.FullWork ? "all" : section.ChapterPosition)}:{section.Page}:{generations.Of(id)}", (fragments: this, context, section),
            static (state, _) => new ValueTask<string>(state.fragments.RenderWithTokenSlotAsync(state.context, state.section)),
            tags: [CacheTags.Work(id), CacheTags.Everything]);
    }

    /// <summary>Stands in a page shared by signed-in readers where each reader's own name goes (<see cref="PageSlots"/>).</summary>
    public static readonly string ReaderNameSlot = PageSlots.Named("reader-name");
    static readonly byte[] NameSlot = Encoding.ASCII.GetBytes(ReaderNameSlot);
    static readonly byte[] TokenSlot = Encoding.ASCII.GetBytes(GuestFormAntiforgery.SharedPartSlot);
    static readonly byte[] InboxSlot = Encoding.ASCII.GetBytes(Archive.Web.Comments.InboxCount.Slot);

    /// <summary>
    /// The whole page for a signed-in reader who sees it as many others do, from the page kept for all of them with their
    /// name and form token put in; null for anyone whose page is their own (see <see cref="IsPlain"/>).
    /// </summary>
    public async Task<IActionResult?> PlainReaderPageAsync(ControllerContext context, WorkPage page)
    {
        var http = context.HttpContext;
        if (!options.Value.Enabled || !IsPlain(http, page) || http.User.Identity?.Name is not { } name || http.User.UserId() is not { } me) return null;
        var reader = page.Reader;
        // What of the reader's own the page shows besides their name and token; a subscription's number is in its form.
        var key = $"reader-page:{generations.Process}:{page.Work.Id}:{page.Position ?? WorkPageData.AllChapters}:{page.Comments?.Page ?? 0}:{page.Generation}:"
            + $"{(reader.KudosGiven ? page.AddsReaderToKudos ? 2 : 1 : 0)}:{(reader.BookmarkId is null ? 0 : 1)}:{reader.SubscriptionId}:{(reader.MarkedForLater ? 1 : 0)}:"
            // The reader's skin and text choices, and the creator's style asked for by the address.
            + $"{Skins.ReadingComfort.From(http).Key}:{Skins.CreatorStyle.Asked(http)}";
        var shared = await parts.GetOrCreateAsync(key, (fragments: this, context, page),
            static (state, _) => new ValueTask<RenderedPage>(state.fragments.RenderForPlainReadersAsync(state.context, state.page)),
            tags: [CacheTags.Work(page.Work.Id), CacheTags.Everything]);
        var token = antiforgery.GetAndStoreTokens(http).RequestToken!;
        // The reader's inbox count changes with others' comments, so it is never kept: asked for as the page goes out.
        var inbox = Archive.Web.Comments.InboxCount.Html(await http.RequestServices.GetRequiredService<Archive.Web.Comments.InboxCount>().UnreadAsync(me));
        return new FilledPageResult(shared, (TokenSlot, Encoding.ASCII.GetBytes(token)), (NameSlot, Encoding.UTF8.GetBytes(HtmlEncoder.Default.Encode(name))),
            (InboxSlot, Encoding.UTF8.GetBytes(inbox)));
    }

    /// <summary>
    /// Whether the page looks to this signed-in reader as to many others: they don't edit or moderate it, its comment
    /// section (if shown) is the one plain readers share, and no notice of theirs is waiting to be shown.
    /// </summary>
    static bool IsPlain(HttpContext http, WorkPage page) =>
        http.User.Identity?.IsAuthenticated == true && !page.CanEdit && !page.IsModerator && page.HiddenReason is null
        && (page.Comments is null || page.Comments.SameForPlainReaders)
        && !http.User.IsInRole("moderator") && !http.User.IsInRole("admin")
        && !http.Request.Cookies.ContainsKey(NoticeTempDataProvider.CookieName);

    /// <summary>The page rendered for a reader whose name and form token are slots.</summary>
    async Task<RenderedPage> RenderForPlainReadersAsync(ActionContext context, WorkPage page)
    {
        page = page with { BodyHtml = await BodyAsync(context, page), CommentsHtml = await CommentsWithSlotAsync(context, page) };
        var http = context.HttpContext;
        var reader = http.User;
        http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, ReaderNameSlot)], "plain reader"));
        try
        {
            using (antiforgery.SlotForSharedPart(http)) return new RenderedPage(Encoding.UTF8.GetBytes(await RenderAsync(context, Page, page, isMainPage: true)));
        }
        finally { http.User = reader; }
    }

    async Task<string> RenderWithTokenSlotAsync(ActionContext context, Comments.CommentSection section)
    {
        using (antiforgery.SlotForSharedPart(context.HttpContext)) return await RenderAsync(context, Comments, section);
    }

    async Task<string> RenderAsync(ActionContext context, string path, object model, bool isMainPage = false)
    {
        var view = views.GetView(executingFilePath: null, path, isMainPage).EnsureSuccessful([]).View!;
        await using var html = new StringWriter();
        var viewData = new ViewDataDictionary(metadata, new ModelStateDictionary()) { Model = model };
        var viewContext = new ViewContext(context, view, viewData, tempData.GetTempData(context.HttpContext), html, new HtmlHelperOptions());
        await view.RenderAsync(viewContext);
        return html.ToString();
    }
}

/// <summary>A whole page as UTF-8, with slots for what is each reader's own; never changed once built.</summary>
[ImmutableObject(true)]
public sealed record RenderedPage(byte[] Utf8);

/// <summary>A page kept for many readers, with this reader's values put in its slots as it goes out.</summary>
sealed class FilledPageResult(RenderedPage page, params (byte[] Slot, byte[] Value)[] values) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = "text/html; charset=utf-8";
        var (filled, length) = PageSlots.Fill(page.Utf8, values);
        try
        {
            response.ContentLength = length;
            await response.Body.WriteAsync(filled.AsMemory(0, length), context.HttpContext.RequestAborted);
        }
        finally { ArrayPool<byte>.Shared.Return(filled); }
    }
}
