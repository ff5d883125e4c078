using System.Text;
using System.Text.RegularExpressions;

namespace Archive.Web.Skins;

/// <summary>
/// The one policy for a work skin: the CSS an author attaches to a work (chat logs, letters, text messages). It is not
/// filtered but rebuilt: only rules whose every selector is made of elements the HTML policy allows, classes and a few
/// pseudo-classes, and only declarations of allowed properties whose values are plain words, numbers, colours and quoted
/// text, are written out again, every selector under <see cref="Scope"/> (the work's text). Everything else is dropped:
/// at-rules, comments, backslash escapes, url(), expression() and any other function but colours, positioning
/// beyond relative, and any property not listed.
/// Raise <see cref="Version"/> whenever the lists change: stored skins record the version they were cleaned with.
/// </summary>
public static partial class WorkSkinCss
{
    public const int Version = 1;

    /// <summary>The element around a work's text that every rule is scoped to (AO3's name for it).</summary>
    public const string ScopeId = "workskin";
    public const string Scope = "#" + ScopeId;

    static readonly HashSet<string> Properties =
    [
        "background-color", "color", "opacity", "visibility",
        "border", "border-top", "border-right", "border-bottom", "border-left",
        "border-color", "border-style", "border-width", "border-radius",
        "border-top-color", "border-right-color", "border-bottom-color", "border-left-color",
        "border-top-style", "border-right-style", "border-bottom-style", "border-left-style",
        "border-top-width", "border-right-width", "border-bottom-width", "border-left-width",
        "border-top-left-radius", "border-top-right-radius", "border-bottom-left-radius", "border-bottom-right-radius",
        "border-collapse", "border-spacing", "box-shadow", "text-shadow", "outline",
        "margin", "margin-top", "margin-right", "margin-bottom", "margin-left",
        "padding", "padding-top", "padding-right", "padding-bottom", "padding-left",
        "width", "min-width", "max-width", "height", "min-height", "max-height",
        "display", "float", "clear", "position", "overflow", "vertical-align", "box-sizing",
        "font", "font-family", "font-size", "font-style", "font-variant", "font-weight", "line-height", "letter-spacing", "word-spacing",
        "text-align", "text-decoration", "text-indent", "text-transform", "white-space", "word-wrap", "overflow-wrap", "word-break",
        "list-style", "list-style-type", "list-style-position", "caption-side", "table-layout", "content", "quotes",
    ];

    /// <summary>Properties whose values may hold quoted text.</summary>
    static readonly HashSet<string> TakesStrings = ["font", "font-family", "content", "quotes"];

    /// <summary>Properties whose value must be one of a few words: the rest could take the text out of its place on the page.</summary>
    static readonly Dictionary<string, HashSet<string>> Keywords = new()
    {
        ["position"] = ["static", "relative"],
        ["display"] = ["block", "inline", "inline-block", "none", "flex", "inline-flex", "grid", "list-item", "table", "table-row", "table-cell", "table-caption"],
        ["float"] = ["left", "right", "none"],
    };

    /// <summary>Element names an author may style: those their text can hold (the HTML policy's), and any element.</summary>
    static readonly HashSet<string> Elements =
    [
        "*", "a", "abbr", "acronym", "address", "b", "big", "blockquote", "br", "caption", "center", "cite", "code",
        "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "q",
        "rp", "rt", "ruby", "s", "samp", "small", "span", "strike", "strong", "sub", "summary", "sup",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var",
    ];

    static readonly HashSet<string> ColourFunctions = ["rgb", "rgba", "hsl", "hsla"];

    // One compound selector: an element or *, then classes and pseudo-classes, a pseudo-element last.
    [GeneratedRegex(@"^(?<element>\*|[a-z][a-z0-9]*)?(?<classes>(?:\.-?[a-z_][a-z0-9_-]*|:(?:first-child|last-child|first-of-type|last-of-type|only-child|hover|nth-child\((?:odd|even|\d{1,3})\)|nth-of-type\((?:odd|even|\d{1,3})\)))*)(?<pseudo>::?(?:before|after|first-letter|first-line))?$", RegexOptions.IgnoreCase)]
    private static partial Regex CompoundSelector();

    // The parts of a selector: compounds, and the combinators between them.
    [GeneratedRegex(@"\s*([>+~])\s*|\s+|[^\s>+~]+")]
    private static partial Regex SelectorParts();

    // What a value may hold outside quoted text: words, numbers, units, #colours, commas, slashes and parentheses.
    [GeneratedRegex(@"^[a-z0-9#%.,\s()+/-]*$", RegexOptions.IgnoreCase)]
    private static partial Regex PlainValue();

    [GeneratedRegex(@"([a-z-]+)\(([0-9.,%\s/+-]*)\)", RegexOptions.IgnoreCase)]
    private static partial Regex ColourFunction();

    [GeneratedRegex(@"""[^""]*""|'[^']*'")]
    private static partial Regex QuotedText();

    [GeneratedRegex(@"[a-z-]+", RegexOptions.IgnoreCase)]
    private static partial Regex Words();

    [GeneratedRegex(@"!\s*important\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Important();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>Words that have no business in a skin even where they do nothing (old browsers' scripting hooks).</summary>
    static readonly string[] Forbidden = ["expression", "javascript", "vbscript", "url", "behavior", "binding", "import", "script"];

    /// <summary>The author's CSS cleaned and scoped to <see cref="Scope"/>; empty when nothing is left.</summary>
    public static string Clean(string? source)
    {
        if (string.IsNullOrWhiteSpace(source)) return "";
        var css = WithoutComments(source);
        var output = new StringBuilder();
        var i = 0;
        while (i < css.Length)
        {
            if (char.IsWhiteSpace(css[i]) || css[i] == ';' || css[i] == '}') { i++; continue; }
            var open = css.IndexOf('{', i);
            if (css[i] == '@')
            {
                // At-rules (@import, @font-face, @media…) are dropped whole: up to their ';' or past their block.
                var semicolon = css.IndexOf(';', i);
                if (semicolon >= 0 && (open < 0 || semicolon < open)) { i = semicolon + 1; continue; }
                i = open < 0 ? css.Length : PastBlock(css, open);
                continue;
            }
            if (open < 0) break;
            var end = PastBlock(css, open);
            var prelude = css[i..open];
            // A block left open runs to the end, as in browsers.
            var body = css[end - 1] == '}' && end - 1 > open ? css[(open + 1)..(end - 1)] : css[(open + 1)..];
            i = end;
            // A nested block or a stray '}' means this is not a plain rule: drop it.
            if (body.Contains('{') || prelude.Contains('}')) continue;
            if (Selectors(prelude) is not { } selectors) continue;
            var declarations = Declarations(body);
            if (declarations.Count == 0) continue;
            output.Append(selectors).Append(" {\n");
            foreach (var (property, value) in declarations) output.Append("  ").Append(property).Append(": ").Append(value).Append(";\n");
            output.Append("}\n");
        }
        return output.ToString();
    }

    /// <summary>Comments go first, so nothing can hide inside or between them; an unclosed one ends the CSS.</summary>
    static string WithoutComments(string source)
    {
        // NULs and other control characters are never part of anything kept (nor can they split a "/*" in two).
        var css = string.Concat(source.Where(c => !char.IsControl(c) || char.IsWhiteSpace(c)));
        var text = new StringBuilder(css.Length);
        var i = 0;
        while (i < css.Length)
        {
            var start = css.IndexOf("/*", i, StringComparison.Ordinal);
            if (start < 0) { text.Append(css, i, css.Length - i); break; }
            text.Append(css, i, start - i).Append(' ');
            var end = css.IndexOf("*/", start + 2, StringComparison.Ordinal);
            if (end < 0) break;
            i = end + 2;
        }
        return text.ToString();
    }

    /// <summary>The index just past the block opening at <paramref name="open"/> (nested blocks included), or the end.</summary>
    static int PastBlock(string css, int open)
    {
        var depth = 0;
        for (var i = open; i < css.Length; i++)
        {
            if (css[i] == '{') depth++;
            else if (css[i] == '}' && --depth == 0) return i + 1;
        }
        return css.Length;
    }

    /// <summary>The rule's selectors, each scoped; null when any of them is not allowed (the rule is dropped).</summary>
    static string? Selectors(string prelude)
    {
        var scoped = new List<string>();
        foreach (var selector in prelude.Split(','))
        {
            var parts = new List<string>();
            foreach (Match part in SelectorParts().Matches(selector.Trim()))
            {
                if (part.Groups[1].Success) { parts.Add(part.Groups[1].Value); continue; }
                if (string.IsNullOrWhiteSpace(part.Value)) continue;
                var compound = CompoundSelector().Match(part.Value);
                if (!compound.Success || part.Value.Length == 0) return null;
                if (compound.Groups["element"] is { Success: true } element && !Elements.Contains(element.Value.ToLowerInvariant())) return null;
                if (parts.Count > 0 && parts[^1] is not (">" or "+" or "~")) parts.Add(" ");
                // Element names in lower case; class names as written (they are case-sensitive).
                var name = compound.Groups["element"].Value;
                parts.Add(name.ToLowerInvariant() + part.Value[name.Length..]);
            }
            // A selector must name something inside the work, and may not begin or end with a combinator.
            if (parts.Count == 0 || parts[0] is ">" or "+" or "~" || parts[^1] is ">" or "+" or "~") return null;
            // A pseudo-element may only end a selector.
            if (parts.Take(parts.Count - 1).Any(p => p.Contains("::", StringComparison.Ordinal) || Regex.IsMatch(p, ":(before|after|first-letter|first-line)", RegexOptions.IgnoreCase))) return null;
            var text = string.Concat(parts.Select(p => p is ">" or "+" or "~" ? $" {p} " : p));
            if (text.Length > 200) return null;
            scoped.Add($"{Scope} {text}");
        }
        return scoped.Count == 0 ? null : string.Join(", ", scoped);
    }

    /// <summary>The allowed declarations of a rule, each as (property, value); others are left out.</summary>
    static List<(string Property, string Value)> Declarations(string body)
    {
        var kept = new List<(string, string)>();
        foreach (var declaration in SplitOutsideQuotes(body))
        {
            var colon = declaration.IndexOf(':');
            if (colon < 0) continue;
            var property = declaration[..colon].Trim().ToLowerInvariant();
            var value = Important().Replace(declaration[(colon + 1)..].Trim(), "").Trim();
            if (!Properties.Contains(property) || value.Length is 0 or > 300) continue;
            if (CleanValue(property, value) is { } clean) kept.Add((property, clean));
        }
        return kept;
    }

    static IEnumerable<string> SplitOutsideQuotes(string body)
    {
        var start = 0;
        char? quote = null;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (quote is { } q) { if (c == q) quote = null; }
            else if (c is '"' or '\'') quote = c;
            else if (c == ';') { yield return body[start..i]; start = i + 1; }
        }
        yield return body[start..];
    }

    /// <summary>The value as it will be written, or null when anything in it is not allowed.</summary>
    static string? CleanValue(string property, string value)
    {
        // Escapes could spell anything ("\75 rl(" is url(): none are kept, inside quotes or out.
        if (value.Contains('\\') || value.Contains('<') || value.Contains('>') || value.Contains('{') || value.Contains('}')) return null;
        var strings = QuotedText().Matches(value);
        if (strings.Count > 0 && !TakesStrings.Contains(property)) return null;
        var outside = QuotedText().Replace(value, " ");
        if (outside.Contains('"') || outside.Contains('\'') || !PlainValue().IsMatch(outside)) return null;
        // The only functions are colours, holding only numbers.
        var withoutColours = ColourFunction().Replace(outside, m => ColourFunctions.Contains(m.Groups[1].Value.ToLowerInvariant()) ? " " : "(");
        if (withoutColours.Contains('(') || withoutColours.Contains(')')) return null;
        foreach (Match word in Words().Matches(outside))
            if (Forbidden.Any(f => word.Value.Contains(f, StringComparison.OrdinalIgnoreCase))) return null;
        if (property == "content" && (outside.Contains('(') || Words().Matches(outside).Any(w => w.Value.ToLowerInvariant() is not ("none" or "normal" or "open-quote" or "close-quote")))) return null;
        if (Keywords.TryGetValue(property, out var allowed) && !allowed.Contains(value.ToLowerInvariant())) return null;
        return Spaces().Replace(value, " ");
    }
}
