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
/// HTML until the work changes, so a signed-in reader's page renders only what is theirs around it.
/// </summary>
public sealed class WorkFragments(HybridCache parts, CacheGenerations generations, IOptions<PageCacheOptions> options,
    ICompositeViewEngine views, IModelMetadataProvider metadata, ITempDataDictionaryFactory tempData, GuestFormAntiforgery antiforgery)
{
    const string Body = "~/Works/Views/_WorkBody.cshtml";
    const string Comments = "~/Comments/Views/_Comments.cshtml";

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
    public async Task<string?> CommentsAsync(ActionContext context, WorkPage page)
    {
        if (!options.Value.Enabled || page.Comments is not { SameForPlainReaders: true } section) return null;
        var id = page.Work.Id;
        var html = await parts.GetOrCreateAsync($"comments:{id}:{section.ChapterPosition}:{section.Page}:{generations.Of(id)}", (fragments: this, context, section),
            static (state, _) => new ValueTask<string>(state.fragments.RenderWithTokenSlotAsync(state.context, state.section)),
            tags: [CacheTags.Work(id), CacheTags.Everything]);
        return html.Replace(GuestFormAntiforgery.SharedPartSlot, antiforgery.GetAndStoreTokens(context.HttpContext).RequestToken, StringComparison.Ordinal);
    }

    async Task<string> RenderWithTokenSlotAsync(ActionContext context, Comments.CommentSection section)
    {
        using (antiforgery.SlotForSharedPart(context.HttpContext)) return await RenderAsync(context, Comments, section);
    }

    async Task<string> RenderAsync(ActionContext context, string partial, object model)
    {
        var view = views.GetView(executingFilePath: null, partial, isMainPage: false).EnsureSuccessful([]).View!;
        await using var html = new StringWriter();
        var viewData = new ViewDataDictionary(metadata, new ModelStateDictionary()) { Model = model };
        var viewContext = new ViewContext(context, view, viewData, tempData.GetTempData(context.HttpContext), html, new HtmlHelperOptions());
        await view.RenderAsync(viewContext);
        return html.ToString();
    }
}
