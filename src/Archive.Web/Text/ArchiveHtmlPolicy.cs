using Ganss.Xss;

namespace Archive.Web.Text;

/// <summary>
/// The one sanitizer policy for every piece of user HTML, an allowlist close to AO3's.
/// Raise <see cref="Version"/> whenever the lists change: stored text records the version it was cleaned with.
/// </summary>
public sealed class ArchiveHtmlPolicy
{
    public const int Version = 1;

    static readonly string[] Tags =
    [
        "a", "abbr", "acronym", "address", "b", "big", "blockquote", "br", "caption", "center", "cite", "code",
        "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "q",
        "rp", "rt", "ruby", "s", "samp", "small", "span", "strike", "strong", "sub", "summary", "sup",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var",
    ];

    static readonly string[] Attributes =
    [
        "align", "alt", "cite", "class", "colspan", "datetime", "dir", "height", "href", "lang", "rel",
        "reversed", "rowspan", "scope", "src", "start", "title", "type", "width", "open",
    ];

    readonly HtmlSanitizer sanitizer;

    public ArchiveHtmlPolicy()
    {
        sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src", "cite"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(),
        });
        // Links in user text are the user's, not the archive's endorsement.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link && link.HasAttribute("href"))
                link.SetAttribute("rel", "nofollow ugc");
        };
    }

    public string Sanitize(string html) => sanitizer.Sanitize(html).Trim();
}
