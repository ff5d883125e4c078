using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Archive.Web;

/// <summary>Views live beside their controller: Archive.Web.Works.WorksController looks in /Works/Views.</summary>
public sealed class FeatureFolders : IViewLocationExpander
{
    public void PopulateValues(ViewLocationExpanderContext context) =>
        context.Values["feature"] = Feature(context);

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations) =>
        context.Values.TryGetValue("feature", out var feature) && feature is not null
            ? [$"/{feature}/Views/{{0}}.cshtml", "/Shared/{0}.cshtml"]
            : ["/Shared/{0}.cshtml"];

    static string? Feature(ViewLocationExpanderContext context) =>
        context.ActionContext.ActionDescriptor is ControllerActionDescriptor action
            ? action.ControllerTypeInfo.Namespace?.Split('.').Last()
            : null;
}
