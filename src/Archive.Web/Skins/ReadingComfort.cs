namespace Archive.Web.Skins;

/// <summary>The site's colours: System follows the reader's device (light or dark).</summary>
public enum SiteSkin { System, Light, Dark, HighContrast }

/// <summary>How wide a work's text runs.</summary>
public enum ReadingWidth { Normal, Narrow, Wide }

/// <summary>
/// A reader's choices for reading comfort: the site skin, the work text's size and width, and whether creators' work
/// skins are shown. Everyone's choices travel in one cookie (a signed-in reader's are saved on their account too, and
/// put in the cookie when they sign in), so no page needs the database to know them. Pages cached for guests vary by
/// <see cref="Key"/> (a handful of values), so one guest's choices never reach another.
/// </summary>
public sealed record ReadingComfort(SiteSkin Skin, int TextSize, ReadingWidth Width, bool HideCreatorStyles)
{
    public const string CookieName = "archive_reading";
    public const int SmallestTextSize = -2, LargestTextSize = 4;
    public static readonly ReadingComfort Default = new(SiteSkin.System, 0, ReadingWidth.Normal, false);

    const string Item = "archive.reading-comfort";

    /// <summary>The choices as the cookie holds them, and what cached pages vary by: "dark.1.narrow.hide".</summary>
    public string Key => $"{SkinName}.{TextSize}.{Width.ToString().ToLowerInvariant()}.{(HideCreatorStyles ? "hide" : "show")}";

    public string SkinName => Skin switch
    {
        SiteSkin.Light => "light",
        SiteSkin.Dark => "dark",
        SiteSkin.HighContrast => "high-contrast",
        _ => "system",
    };

    /// <summary>
    /// The classes &lt;html&gt; carries for the stylesheet (skins.css): "skin-dark text-larger-2 width-narrow"; null when
    /// every choice is the default (a data- attribute would be written out even when empty).
    /// </summary>
    public string? HtmlClass
    {
        get
        {
            var classes = new List<string>(3);
            if (Skin != SiteSkin.System) classes.Add("skin-" + SkinName);
            if (TextSize != 0) classes.Add(TextSize > 0 ? $"text-larger-{TextSize}" : $"text-smaller-{-TextSize}");
            if (Width != ReadingWidth.Normal) classes.Add("width-" + Width.ToString().ToLowerInvariant());
            return classes.Count == 0 ? null : string.Join(' ', classes);
        }
    }

    public static ReadingComfort Parse(string? value)
    {
        var parts = (value ?? "").Split('.');
        string Part(int i) => i < parts.Length ? parts[i] : "";
        var skin = Part(0) switch
        {
            "light" => SiteSkin.Light,
            "dark" => SiteSkin.Dark,
            "high-contrast" => SiteSkin.HighContrast,
            _ => SiteSkin.System,
        };
        var size = int.TryParse(Part(1), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? Math.Clamp(n, SmallestTextSize, LargestTextSize) : 0;
        var width = Part(2) switch { "narrow" => ReadingWidth.Narrow, "wide" => ReadingWidth.Wide, _ => ReadingWidth.Normal };
        return new ReadingComfort(skin, size, width, Part(3) == "hide");
    }

    /// <summary>Within the choices there are (a form or a column could hold anything).</summary>
    public ReadingComfort Normalized() => Parse(Key);

    /// <summary>This visitor's choices, from their cookie (read once per request).</summary>
    public static ReadingComfort From(HttpContext context)
    {
        if (context.Items[Item] is ReadingComfort known) return known;
        var comfort = context.Request.Cookies.TryGetValue(CookieName, out var value) ? Parse(value) : Default;
        context.Items[Item] = comfort;
        return comfort;
    }

    /// <summary>Keeps these choices for this visitor (a year), and for the rest of this request.</summary>
    public void Keep(HttpContext context)
    {
        context.Items[Item] = this;
        context.Response.Cookies.Append(CookieName, Key, new CookieOptions
        {
            MaxAge = TimeSpan.FromDays(365), HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, Path = "/",
        });
    }

    public ReadingComfort Larger() => this with { TextSize = Math.Min(TextSize + 1, LargestTextSize) };
    public ReadingComfort Smaller() => this with { TextSize = Math.Max(TextSize - 1, SmallestTextSize) };
}

/// <summary>Whether a work page shows its creator's work skin: <c>?style=off</c> or <c>?style=creator</c>, else the reader's choice.</summary>
public static class CreatorStyle
{
    public const string Query = "style", Off = "off", On = "creator";

    /// <summary>The page's own choice ("creator", "off") or "" when it has none: what a page kept for many readers varies by.</summary>
    public static string Asked(HttpContext context) => context.Request.Query[Query].ToString() switch
    {
        Off => Off,
        On => On,
        _ => "",
    };

    public static bool Shown(HttpContext context) => Asked(context) switch
    {
        Off => false,
        On => true,
        _ => !ReadingComfort.From(context).HideCreatorStyles,
    };

    /// <summary>The page's address with the style asked for, keeping the rest of its query.</summary>
    public static string Link(HttpRequest request, bool show)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(q => q.Key != Query).ToDictionary(q => q.Key, q => q.Value);
        query[Query] = show ? On : Off;
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(request.Path.Value ?? "/", query);
    }
}
