using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;

namespace Archive.Web.Text;

/// <summary>Turns what an author typed into sanitized HTML, and counts its words.</summary>
public sealed partial class StoryText(ArchiveHtmlPolicy policy)
{
    static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder()
        .UseEmphasisExtras().UsePipeTables().UseAutoLinks().UseFootnotes().Build();

    /// <summary>Sanitized HTML for the source in the given format; empty for blank input.</summary>
    public string ToHtml(string? source, TextFormat format)
    {
        if (string.IsNullOrWhiteSpace(source)) return "";
        var html = format switch
        {
            TextFormat.Markdown => Markdig.Markdown.ToHtml(source, Markdown),
            TextFormat.PlainText => PlainTextToHtml(source),
            _ => HasBlockMarkup(source) ? source : PlainTextToHtml(source, encode: false),
        };
        return policy.Sanitize(html);
    }

    /// <summary>
    /// Blank lines make paragraphs, single line breaks stay, and a line that is only a scene break
    /// (<c>* * *</c>, or a run of -, ~, = or #) becomes a rule.
    /// </summary>
    public static string PlainTextToHtml(string text, bool encode = true)
    {
        var html = new StringBuilder();
        var paragraph = new List<string>();
        void EndParagraph()
        {
            if (paragraph.Count == 0) return;
            html.Append("<p>").Append(string.Join("<br>\n", paragraph)).Append("</p>\n");
            paragraph.Clear();
        }
        foreach (var rawLine in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0) EndParagraph();
            else if (SceneBreak().IsMatch(line)) { EndParagraph(); html.Append("<hr>\n"); }
            else paragraph.Add(encode ? WebUtility.HtmlEncode(line) : line);
        }
        EndParagraph();
        return html.ToString();
    }

    /// <summary>What a chapter or work will look like, before anything is saved.</summary>
    public TextPreview Preview(string? title, string? summary, string? notes, string? body, string? endNotes, TextFormat format)
    {
        var bodyHtml = ToHtml(body, format);
        return new TextPreview(title?.Trim(), ToHtml(summary, format), ToHtml(notes, format), bodyHtml, ToHtml(endNotes, format), CountWords(bodyHtml));
    }

    /// <summary>Words as AO3 counts them: runs of letters or digits, and each CJK character on its own.</summary>
    public static int CountWords(string html)
    {
        if (string.IsNullOrEmpty(html)) return 0;
        var text = WebUtility.HtmlDecode(Markup().Replace(html, " "));
        return Word().Count(text);
    }

    // HTML an author laid out themselves; bare text with a few inline tags gets paragraphs from blank lines instead.
    static bool HasBlockMarkup(string source) => BlockTag().IsMatch(source);

    [GeneratedRegex(@"^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:~\s*){3,}|(?:=\s*){3,}|(?:#\s*){3,}|(?:_\s*){3,})$")]
    private static partial Regex SceneBreak();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Markup();

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}\p{IsHangulSyllables}]|[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}'’_-]*[\p{L}\p{N}\p{M}])?")]
    private static partial Regex Word();

    [GeneratedRegex(@"<\s*(p|div|br|h[1-6]|ul|ol|table|blockquote|pre|hr)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTag();
}
