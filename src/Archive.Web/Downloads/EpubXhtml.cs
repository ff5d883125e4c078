using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Archive.Web.Downloads;

/// <summary>
/// Turns the archive's stored, sanitized HTML into XHTML that EPUB readers and epubcheck accept: well-formed XML,
/// no obsolete elements or attributes, and every element where HTML's content rules allow it.
/// </summary>
public static partial class EpubXhtml
{
    public static readonly XNamespace Ns = "http://www.w3.org/1999/xhtml";

    static readonly HtmlParser Parser = new();

    static readonly HashSet<string> Phrasing =
        ["a", "abbr", "b", "br", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "q", "ruby", "s", "samp", "small", "span", "strong", "sub", "sup", "u", "var"];

    static readonly HashSet<string> Flow =
        ["address", "blockquote", "details", "div", "dl", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ol", "p", "pre", "table", "ul"];

    /// <summary>Elements that belong only inside a particular parent; their parent decides whether they stay.</summary>
    static readonly HashSet<string> Placed =
        ["li", "dt", "dd", "summary", "figcaption", "rt", "rp", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th"];

    /// <summary>Elements whose content may only be phrasing content.</summary>
    static readonly HashSet<string> PhrasingOnly = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "summary", "rt", "rp"];

    /// <summary>Elements whose content model is their parent's.</summary>
    static readonly HashSet<string> Transparent = ["a", "ins", "del"];

    static readonly HashSet<string> Dropped = ["script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math", "head", "title"];

    readonly record struct Context(bool Phrasing, bool InLink = false, bool InAddress = false, bool InDfn = false);

    /// <summary>The XHTML for a piece of stored HTML, to place where flow content (paragraphs, lists, tables) is allowed.</summary>
    public static List<XNode> Convert(string html)
    {
        if (string.IsNullOrWhiteSpace(html)) return [];
        // A doctype keeps the parser out of quirks mode, where a table would not close an open paragraph.
        var document = Parser.ParseDocument("<!DOCTYPE html><html><body>" + html);
        return Children(document.Body!, new Context(Phrasing: false));
    }

    /// <summary>Text without markup, paragraphs on their own lines: for metadata such as the EPUB's description.</summary>
    public static string PlainText(string html)
    {
        var text = new StringBuilder();
        void Walk(XNode node)
        {
            switch (node)
            {
                case XText t: text.Append(t.Value); break;
                case XElement { Name.LocalName: "br" }: text.Append('\n'); break;
                case XElement e:
                    var block = Flow.Contains(e.Name.LocalName) || e.Name.LocalName is "li" or "dd" or "dt" or "tr";
                    if (block) text.Append('\n');
                    foreach (var child in e.Nodes()) Walk(child);
                    if (block) text.Append('\n');
                    break;
            }
        }
        foreach (var node in Convert(html)) Walk(node);
        var lines = text.ToString().Split('\n').Select(line => Spaces().Replace(line, " ").Trim()).Where(line => line.Length > 0);
        return string.Join("\n", lines);
    }

    static List<XNode> Children(INode parent, Context context)
    {
        var nodes = new List<XNode>();
        foreach (var child in parent.ChildNodes) nodes.AddRange(Node(child, context, placed: false));
        return nodes;
    }

    static IEnumerable<XNode> Node(INode node, Context context, bool placed)
    {
        switch (node)
        {
            case IText text:
                var value = XmlText(text.Data);
                return value.Length == 0 ? [] : [new XText(value)];
            case IElement element:
                return Element(element, context, placed);
            default:
                return []; // comments, processing instructions
        }
    }

    static IEnumerable<XNode> Element(IElement source, Context context, bool placed)
    {
        var name = source.LocalName;
        if (Dropped.Contains(name)) return [];
        // Remote images are resources epubcheck rejects unless packaged, so a picture becomes its alternative text.
        if (name == "img") return source.GetAttribute("alt") is { Length: > 0 } alt ? [new XText(XmlText(alt))] : [];

        string? extraClass = null;
        (name, extraClass) = name switch
        {
            "acronym" => ("abbr", null),
            "big" => ("span", "big"),
            "center" => ("div", "align-center"),
            "strike" => ("s", null),
            "tt" => ("code", null),
            _ => (name, null),
        };
        if (!Phrasing.Contains(name) && !Flow.Contains(name) && !Placed.Contains(name))
            return Children(source, context); // not in the policy (older text): keep what it contains

        if (Placed.Contains(name) && !placed) name = context.Phrasing ? "span" : "div";
        else if (context.Phrasing && Flow.Contains(name))
        {
            if (name == "hr") return [new XText(" ")];
            name = "span";
        }
        if (name == "a" && context.InLink) return Children(source, context);
        if (name == "details" && context.InLink) name = context.Phrasing ? "span" : "div";
        if (name == "dfn" && context.InDfn) name = "span";
        if (context.InAddress && name is "address" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6") name = name == "address" ? "div" : "p";

        var inner = context with
        {
            Phrasing = PhrasingOnly.Contains(name) || (Phrasing.Contains(name) && !Transparent.Contains(name)) || (Transparent.Contains(name) && context.Phrasing),
            InLink = context.InLink || name == "a",
            InAddress = context.InAddress || name == "address",
            InDfn = context.InDfn || name == "dfn",
        };

        var content = name switch
        {
            "ul" or "ol" => ListItems(source, inner),
            "dl" => Fits(Each(source, inner, placed: e => e is "dt" or "dd"), DefinitionList(), e => e switch { "dt" => 'T', "dd" => 'D', _ => 'X' }),
            "ruby" => Fits(Each(source, inner, placed: e => e is "rt" or "rp"), RubyText(), e => e switch { "rt" => 'T', "rp" => 'P', _ => 'C' }),
            "details" => Fits(Each(source, inner, placed: (e, i) => e == "summary" && i == 0), DetailsModel(), e => e == "summary" ? 'S' : 'O'),
            "figure" => Fits(Each(source, inner, placed: FigureCaption(source)), FigureModel(), e => e == "figcaption" ? 'F' : 'O'),
            "table" => TableParts(source, inner),
            "thead" or "tbody" or "tfoot" or "tr" or "colgroup" => Each(source, inner, placed: _ => true),
            _ => Children(source, inner),
        };
        if (content is null)
        {
            // Not laid out as HTML requires (a definition without a term, ruby without its text): keep the words in a plain box.
            name = name == "ruby" ? "span" : "div";
            content = Children(source, inner);
        }

        return [new XElement(Ns + name, Attributes(source, name, extraClass), content)];
    }

    /// <summary>A list holds only items: anything else in it goes into an item of its own.</summary>
    static List<XNode> ListItems(IElement list, Context inner)
    {
        var items = new List<XNode>();
        XElement? loose = null;
        foreach (var child in list.ChildNodes)
        {
            if (child is IElement { LocalName: "li" } item)
            {
                loose = null;
                items.AddRange(Element(item, inner, placed: true));
            }
            else if (child is IText text && string.IsNullOrWhiteSpace(text.Data))
                items.Add(new XText(" "));
            else
            {
                var converted = Node(child, inner, placed: false).ToList();
                if (converted.Count == 0) continue;
                if (loose is null) items.Add(loose = new XElement(Ns + "li"));
                loose.Add(converted);
            }
        }
        return items;
    }

    static List<XNode> Each(IElement parent, Context inner, Func<string, bool> placed) =>
        Each(parent, inner, (name, _) => placed(name));

    /// <summary>Children, with <paramref name="placed"/> saying which may stay as the parent-specific element they are (by name and position among the non-blank children).</summary>
    static List<XNode> Each(IElement parent, Context inner, Func<string, int, bool> placed)
    {
        var nodes = new List<XNode>();
        var index = 0;
        foreach (var child in parent.ChildNodes)
        {
            var position = Counts(child) ? index++ : -1;
            nodes.AddRange(child is IElement e ? Element(e, inner, placed(e.LocalName, position)) : Node(child, inner, placed: false));
        }
        return nodes;
    }

    /// <summary>Table parts in the order HTML requires (the parser keeps them in the order written): caption, column groups, head, bodies, foot.</summary>
    static List<XNode> TableParts(IElement table, Context inner)
    {
        var parts = table.Children.ToList();
        var captions = parts.Where(p => p.LocalName == "caption").ToList();
        var heads = parts.Where(p => p.LocalName == "thead").ToList();
        var feet = parts.Where(p => p.LocalName == "tfoot").ToList();
        var ordered = new List<XNode>();
        if (captions.Count > 0)
        {
            // One caption is allowed; a second one's words join the first.
            var caption = (XElement)Element(captions[0], inner, placed: true).Single();
            foreach (var extra in captions.Skip(1)) caption.Add(new XText(" "), Children(extra, inner with { Phrasing = false }));
            ordered.Add(caption);
        }
        foreach (var group in parts.Where(p => p.LocalName == "colgroup")) ordered.AddRange(Element(group, inner, placed: true));
        if (heads.Count > 0) ordered.AddRange(Element(heads[0], inner, placed: true));
        foreach (var part in parts.Where(p => p.LocalName is "tbody" or "tr" || (p.LocalName == "thead" && p != heads[0]) || (p.LocalName == "tfoot" && p != feet[0])))
        {
            var body = Element(part, inner, placed: true).Cast<XElement>().Single();
            if (part.LocalName == "tr") body = new XElement(Ns + "tbody", body);
            else body.Name = Ns + "tbody"; // a second head or foot is just more rows
            ordered.Add(body);
        }
        if (feet.Count > 0) ordered.AddRange(Element(feet[0], inner, placed: true));
        return ordered;
    }

    /// <summary>A figure's caption comes first or last, once.</summary>
    static Func<string, int, bool> FigureCaption(IElement figure)
    {
        var parts = figure.ChildNodes.Where(Counts).ToList();
        var captionFirst = parts.FirstOrDefault() is IElement { LocalName: "figcaption" };
        return (name, i) => name == "figcaption" && (i == 0 || (i == parts.Count - 1 && !captionFirst));
    }

    static bool Counts(INode node) => node is IElement || (node is IText text && !string.IsNullOrWhiteSpace(text.Data));

    /// <summary>
    /// The converted children if they match the content model, as a string of one letter per element or piece of text
    /// (blank text left out; text is "#text"); null if they don't.
    /// </summary>
    static List<XNode>? Fits(List<XNode> children, Regex model, Func<string, char> letter)
    {
        var shape = new StringBuilder();
        foreach (var child in children)
        {
            if (child is XElement e) shape.Append(letter(e.Name.LocalName));
            else if (child is XText t && !string.IsNullOrWhiteSpace(t.Value)) shape.Append(letter("#text"));
        }
        return model.IsMatch(shape.ToString()) ? children : null;
    }

    static IEnumerable<XAttribute> Attributes(IElement source, string name, string? extraClass)
    {
        var classes = new List<string>();
        if (source.GetAttribute("class") is { } given) classes.AddRange(given.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(XmlText).Where(c => c.Length > 0));
        if (extraClass is not null) classes.Add(extraClass);
        // align is obsolete in HTML5; a class the stylesheet knows keeps the author's layout.
        if (source.GetAttribute("align")?.Trim().ToLowerInvariant() is ("left" or "right" or "center" or "justify") and var align) classes.Add("align-" + align);
        if (classes.Count > 0) yield return new XAttribute("class", string.Join(' ', classes.Distinct()));
        if (source.GetAttribute("title") is { } title) yield return new XAttribute("title", XmlText(title));
        if (source.GetAttribute("lang")?.Trim() is { } lang && LanguageTag().IsMatch(lang)) yield return new XAttribute("lang", lang);
        if (source.GetAttribute("dir")?.Trim().ToLowerInvariant() is ("ltr" or "rtl" or "auto") and var dir) yield return new XAttribute("dir", dir);
        switch (name)
        {
            // Only absolute links: the archive's own relative links and fragments point nowhere inside the book.
            case "a" when AbsoluteUrl(source.GetAttribute("href"), "mailto") is { } href:
                yield return new XAttribute("href", href);
                break;
            case "blockquote" or "q" or "del" or "ins" when AbsoluteUrl(source.GetAttribute("cite")) is { } cite:
                yield return new XAttribute("cite", cite);
                break;
            case "ol":
                if (int.TryParse(source.GetAttribute("start"), out var start)) yield return new XAttribute("start", start);
                if (source.HasAttribute("reversed")) yield return new XAttribute("reversed", "reversed");
                if (source.GetAttribute("type") is ("1" or "a" or "A" or "i" or "I") and var type) yield return new XAttribute("type", type);
                break;
            case "td" or "th":
                if (int.TryParse(source.GetAttribute("colspan"), out var columns) && columns is >= 1 and <= 1000) yield return new XAttribute("colspan", columns);
                if (int.TryParse(source.GetAttribute("rowspan"), out var rows) && rows is >= 0 and <= 65534) yield return new XAttribute("rowspan", rows);
                if (name == "th" && source.GetAttribute("scope")?.Trim().ToLowerInvariant() is ("row" or "col" or "rowgroup" or "colgroup") and var scope) yield return new XAttribute("scope", scope);
                break;
            case "details" when source.HasAttribute("open"):
                yield return new XAttribute("open", "open");
                break;
        }
    }

    static string? AbsoluteUrl(string? value, string? alsoScheme = null) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme is "http" or "https" || uri.Scheme == alsoScheme)
            ? uri.AbsoluteUri : null;

    /// <summary>Text with the characters XML forbids (control characters, stray surrogates, non-characters) left out.</summary>
    public static string XmlText(string text)
    {
        var clean = true;
        for (var i = 0; i < text.Length && clean; i++) clean = XmlConvert.IsXmlChar(text[i]) && text[i] is not (>= '\u007f' and <= '\u009f');
        if (clean) return text;
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) { kept.Append(text, i, 2); i++; }
            else if (XmlConvert.IsXmlChar(text[i]) && text[i] is not (>= '\u007f' and <= '\u009f')) kept.Append(text[i]);
        }
        return kept.ToString();
    }

    [GeneratedRegex(@"^(T+D+)*$")]
    private static partial Regex DefinitionList();

    [GeneratedRegex(@"^(C+(T+|P(TP)+))+$")]
    private static partial Regex RubyText();

    [GeneratedRegex(@"^S[^S]*$")]
    private static partial Regex DetailsModel();

    [GeneratedRegex(@"^(FO*|O*F?)$")]
    private static partial Regex FigureModel();

    // Language, optional script, optional region: what the schema's language datatype surely accepts.
    [GeneratedRegex(@"^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?$")]
    private static partial Regex LanguageTag();

    // Not \s: a non-breaking space is the author's and stays.
    [GeneratedRegex(@"[ \t\r\n\f]+")]
    private static partial Regex Spaces();
}
