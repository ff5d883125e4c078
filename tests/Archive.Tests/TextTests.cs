using Archive.Web.Accounts;
using Archive.Web.Tags;
using Archive.Web.Text;

namespace Archive.Tests;

public class TextTests
{
    readonly StoryText text = new(new ArchiveHtmlPolicy());

    [Fact]
    public void Plain_text_keeps_paragraphs_and_line_breaks()
    {
        var html = text.ToHtml("First line\nsame paragraph\n\nSecond paragraph", TextFormat.PlainText);
        Assert.Equal("<p>First line<br>\nsame paragraph</p>\n<p>Second paragraph</p>", html);
    }

    [Theory]
    [InlineData("* * *")]
    [InlineData("***")]
    [InlineData("----")]
    [InlineData("------------------------")]
    [InlineData("~~~~")]
    [InlineData("= = =")]
    [InlineData("###")]
    public void Plain_text_scene_break_lines_become_rules(string sceneBreak)
    {
        var html = text.ToHtml($"Before the break.\n{sceneBreak}\nAfter the break.", TextFormat.PlainText);
        Assert.Equal("<p>Before the break.</p>\n<hr>\n<p>After the break.</p>", html);
    }

    [Fact]
    public void Plain_text_shows_angle_brackets_as_text()
    {
        var html = text.ToHtml("He wrote <script>alert(1)</script> & left", TextFormat.PlainText);
        Assert.Equal("<p>He wrote &lt;script&gt;alert(1)&lt;/script&gt; &amp; left</p>", html);
    }

    [Fact]
    public void Html_without_paragraphs_gets_them_from_blank_lines()
    {
        Assert.Equal("<p>One <em>two</em></p>\n<p>Three</p>", text.ToHtml("One <em>two</em>\n\nThree", TextFormat.Html));
        Assert.Equal("<p>Already</p><p>laid out</p>", text.ToHtml("<p>Already</p><p>laid out</p>", TextFormat.Html));
    }

    [Fact]
    public void Markdown_is_rendered()
    {
        var html = text.ToHtml("# Heading\n\nSome *emphasis* and **strength**.\n\n> quoted", TextFormat.Markdown);
        Assert.Contains("<h1>Heading</h1>", html);
        Assert.Contains("<em>emphasis</em>", html);
        Assert.Contains("<strong>strength</strong>", html);
        Assert.Contains("<blockquote>", html);
    }

    [Theory]
    [InlineData("<p>Hi<script>alert(1)</script></p>", "<script")]
    [InlineData("<p onclick=\"steal()\">Hi</p>", "onclick")]
    [InlineData("<a href=\"javascript:alert(1)\">link</a>", "javascript:")]
    [InlineData("<p style=\"position:fixed\">Hi</p>", "style")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "iframe")]
    [InlineData("<img src=x onerror=alert(1)>", "onerror")]
    [InlineData("<style>body{display:none}</style>", "display")]
    [InlineData("<form action=/logout><button>x</button></form>", "form")]
    public void Hostile_html_is_removed_in_every_format(string hostile, string mustNotAppear)
    {
        foreach (var format in new[] { TextFormat.Html, TextFormat.Markdown })
            Assert.DoesNotContain(mustNotAppear, text.ToHtml(hostile, format), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_archives_allowlist_keeps_what_authors_use()
    {
        var source = "<p><ruby>漢<rt>kan</rt></ruby> <abbr title=\"as far as I know\">AFAIK</abbr> H<sub>2</sub>O x<sup>2</sup> <del>old</del><ins>new</ins></p>"
            + "<table><tr><td>cell</td></tr></table><hr><img src=\"https://example.org/a.png\" alt=\"art\"><h2>Part</h2><ul><li>item</li></ul>";
        var html = text.ToHtml(source, TextFormat.Html);
        foreach (var kept in new[] { "<ruby>", "<rt>", "<abbr title=\"as far as I know\">", "<sub>", "<sup>", "<del>", "<ins>", "<table>", "<td>", "<hr>", "<img src=\"https://example.org/a.png\" alt=\"art\">", "<h2>", "<li>" })
            Assert.Contains(kept, html);
    }

    [Fact]
    public void Links_are_marked_as_the_authors_own()
    {
        Assert.Equal("<p><a href=\"https://example.org\" rel=\"nofollow ugc\">site</a></p>",
            text.ToHtml("<p><a href=\"https://example.org\">site</a></p>", TextFormat.Html));
    }

    [Theory]
    [InlineData("<p>Hello, world! It's a dog's life.</p>", 6)]
    [InlineData("<p>One</p><p>two</p><hr><p>three-part</p>", 3)]
    [InlineData("<p>— “Quoted,” she said — 42 times.</p>", 5)]
    [InlineData("<p>日本語です</p>", 5)]
    [InlineData("", 0)]
    public void Words_are_counted_as_readers_would(string html, int words) =>
        Assert.Equal(words, StoryText.CountWords(html));

    [Fact]
    public void Tags_are_trimmed_and_deduplicated_ignoring_case()
    {
        Assert.Equal(["Smallville", "DC Comics"], TagList.Parse(" Smallville, smallville ,,  DC   Comics, SMALLVILLE"));
        Assert.Empty(TagList.Parse(null));
    }

    [Theory]
    [InlineData("Clark Kent/Lex Luthor", "Clark%20Kent%2As%2ALex%20Luthor")]
    [InlineData("Chloe & Clark", "Chloe%20%2Aa%2A%20Clark")]
    [InlineData("Mr. Who?", "Mr%2Ad%2A%20Who%2Aq%2A")]
    public void Tag_names_escape_in_urls_as_on_ao3(string name, string escaped)
    {
        Assert.Equal(escaped, TagUrl.Escape(name));
        Assert.Equal(name, TagUrl.Unescape(Uri.UnescapeDataString(escaped)));
    }

    [Fact]
    public void Pseud_references_name_the_user_in_brackets()
    {
        Assert.Equal(("Signe", "oxoniensis"), PseudReference.Parse("Signe (oxoniensis)"));
        Assert.Equal(("arysteia", (string?)null), PseudReference.Parse(" arysteia "));
        Assert.Equal("Signe (oxoniensis)", Pseud.Display("Signe", "oxoniensis"));
        Assert.Equal("oxoniensis", Pseud.Display("oxoniensis", "oxoniensis"));
    }
}
