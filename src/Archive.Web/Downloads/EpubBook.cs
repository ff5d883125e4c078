using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Archive.Web.Chapters;
using Archive.Web.Tags;
using Archive.Web.Works;

namespace Archive.Web.Downloads;

/// <summary>A work as an EPUB 3 book: a title page, a table of contents, one file per chapter, and the end notes.</summary>
public static class EpubBook
{
    static readonly XNamespace X = EpubXhtml.Ns;
    static readonly XNamespace Epub = "http://www.idpf.org/2007/ops";
    static readonly XNamespace Opf = "http://www.idpf.org/2007/opf";
    static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    static readonly XNamespace Container = "urn:oasis:names:tc:opendocument:xmlns:container";

    const string Stylesheet = """
        body { font-family: Georgia, serif; line-height: 1.5; }
        h1, h2 { text-align: center; }
        .byline { text-align: center; font-size: 1.2em; }
        dt { font-weight: bold; }
        blockquote { margin: 1em 1.5em; }
        table { border-collapse: collapse; }
        td, th { border: 1px solid #999; padding: 0.2em 0.4em; }
        hr { width: 40%; margin: 1.5em auto; }
        .big { font-size: larger; }
        .align-left { text-align: left; }
        .align-right { text-align: right; }
        .align-center { text-align: center; }
        .align-justify { text-align: justify; }
        """;

    public static byte[] Write(WorkHeader work, IReadOnlyList<Chapter> chapters, DateTimeOffset revised, string workUrl)
    {
        var language = Languages.CodeOf(work.Language);
        var files = new List<(string Name, string Label, XDocument Page)>
        {
            ("title.xhtml", "Title page", Page(work.Title, language, TitlePage(work, workUrl))),
        };
        foreach (var chapter in chapters)
            files.Add(($"chapter-{chapter.Position}.xhtml", ChapterHeading(work, chapter), Page(ChapterHeading(work, chapter), language, ChapterPage(work, chapter))));
        if (work.EndNotesHtml.Length > 0)
            files.Add(("afterword.xhtml", "End notes", Page("End notes", language,
                new XElement(X + "section", new XAttribute(Epub + "type", "afterword"), new XElement(X + "h2", "End notes"), Blockquote(work.EndNotesHtml)))));

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            // EPUB readers find out what the file is from its first bytes: "mimetype", stored, no compression.
            Add(archive, "mimetype", Encoding.ASCII.GetBytes("application/epub+zip"), revised, CompressionLevel.NoCompression);
            Add(archive, "META-INF/container.xml", Xml(new XDocument(new XElement(Container + "container", new XAttribute("version", "1.0"),
                new XElement(Container + "rootfiles", new XElement(Container + "rootfile",
                    new XAttribute("full-path", "EPUB/package.opf"), new XAttribute("media-type", "application/oebps-package+xml")))))), revised);
            Add(archive, "EPUB/package.opf", Xml(Package(work, files, revised, workUrl, language)), revised);
            Add(archive, "EPUB/nav.xhtml", Xml(Navigation(files, language)), revised);
            Add(archive, "EPUB/style.css", Encoding.UTF8.GetBytes(Stylesheet), revised);
            foreach (var (name, _, page) in files) Add(archive, "EPUB/" + name, Xml(page), revised);
        }
        return zip.ToArray();
    }

    static string ChapterHeading(WorkHeader work, Chapter chapter) =>
        chapter.Title is { Length: > 0 } title
            ? $"Chapter {chapter.Position}: {title}"
            : work.ChapterCount == 1 ? work.Title : $"Chapter {chapter.Position}";

    static XDocument Package(WorkHeader work, List<(string Name, string Label, XDocument Page)> files, DateTimeOffset revised, string workUrl, string language)
    {
        var metadata = new XElement(Opf + "metadata", new XAttribute(XNamespace.Xmlns + "dc", Dc),
            new XElement(Dc + "identifier", new XAttribute("id", "work-id"), Identifier(workUrl)),
            new XElement(Dc + "title", Text(work.Title)),
            new XElement(Dc + "language", language),
            new XElement(Dc + "date", work.PublishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new XElement(Opf + "meta", new XAttribute("property", "dcterms:modified"), revised.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new XElement(Dc + "source", workUrl));
        var creators = work.Creators.Select(c => c.Display).Concat(work.ExternalCreators).Select(Text).Where(c => c.Trim().Length > 0).ToList();
        for (var i = 0; i < creators.Count; i++)
        {
            metadata.Add(new XElement(Dc + "creator", new XAttribute("id", $"creator-{i + 1}"), creators[i]));
            metadata.Add(new XElement(Opf + "meta", new XAttribute("refines", $"#creator-{i + 1}"), new XAttribute("property", "role"), new XAttribute("scheme", "marc:relators"), "aut"));
        }
        foreach (var tag in work.Tags.Select(t => Text(t.Name)).Where(t => t.Trim().Length > 0).Distinct())
            metadata.Add(new XElement(Dc + "subject", tag));
        if (EpubXhtml.PlainText(work.SummaryHtml) is { Length: > 0 } summary)
            metadata.Add(new XElement(Dc + "description", summary));

        var manifest = new XElement(Opf + "manifest",
            new XElement(Opf + "item", new XAttribute("id", "nav"), new XAttribute("href", "nav.xhtml"), new XAttribute("media-type", "application/xhtml+xml"), new XAttribute("properties", "nav")),
            new XElement(Opf + "item", new XAttribute("id", "style"), new XAttribute("href", "style.css"), new XAttribute("media-type", "text/css")),
            files.Select(f => new XElement(Opf + "item", new XAttribute("id", Path.GetFileNameWithoutExtension(f.Name)), new XAttribute("href", f.Name), new XAttribute("media-type", "application/xhtml+xml"))));
        var spine = new XElement(Opf + "spine",
            files.Take(1).Select(f => ItemRef(f.Name)),
            // A contents page is worth a page only when there is more than one chapter to choose from.
            files.Count > 2 ? ItemRef("nav.xhtml") : null,
            files.Skip(1).Select(f => ItemRef(f.Name)));
        if (Languages.IsRightToLeft(language)) spine.Add(new XAttribute("page-progression-direction", "rtl"));
        return new XDocument(new XElement(Opf + "package", new XAttribute("version", "3.0"), new XAttribute("unique-identifier", "work-id"),
            new XAttribute(XNamespace.Xml + "lang", language), metadata, manifest, spine));

        static XElement ItemRef(string name) => new(Opf + "itemref", new XAttribute("idref", Path.GetFileNameWithoutExtension(name)));
    }

    /// <summary>A UUID made from the work's address: the same book keeps the same identifier through every revision.</summary>
    static string Identifier(string workUrl)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(workUrl));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5 (name-based)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return "urn:uuid:" + new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }

    static XDocument Navigation(List<(string Name, string Label, XDocument Page)> files, string language) =>
        Page("Contents", language,
            new XElement(X + "nav", new XAttribute(Epub + "type", "toc"), new XAttribute("id", "toc"),
                new XElement(X + "h2", "Contents"),
                new XElement(X + "ol", files.Select(f => new XElement(X + "li", new XElement(X + "a", new XAttribute("href", f.Name), Text(f.Label)))))),
            new XElement(X + "nav", new XAttribute(Epub + "type", "landmarks"), new XAttribute("hidden", "hidden"),
                new XElement(X + "ol",
                    new XElement(X + "li", new XElement(X + "a", new XAttribute(Epub + "type", "titlepage"), new XAttribute("href", "title.xhtml"), "Title page")),
                    files.Count > 1 ? new XElement(X + "li", new XElement(X + "a", new XAttribute(Epub + "type", "bodymatter"), new XAttribute("href", files[1].Name), "Start")) : null)));

    static XElement TitlePage(WorkHeader work, string workUrl)
    {
        var details = new XElement(X + "dl", new XAttribute("class", "tags"));
        void Detail(string label, string value) => details.Add(new XElement(X + "dt", label + ":"), new XElement(X + "dd", Text(value)));
        foreach (var type in Enum.GetValues<TagType>())
            if (work.TagsOf(type).ToList() is { Count: > 0 } tags)
                Detail(TagTypes.Plural(type), string.Join(", ", tags));
        Detail("Language", work.Language);
        Detail("Published", work.PublishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (work.UpdatedOn != work.PublishedOn) Detail("Updated", work.UpdatedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Detail("Words", work.WordCount.ToString("N0", CultureInfo.InvariantCulture));
        Detail("Chapters", $"{work.ChapterCount}/{work.ExpectedChapters?.ToString(CultureInfo.InvariantCulture) ?? "?"}");

        var creators = work.Creators.Select(c => c.Display).Concat(work.ExternalCreators).ToList();
        return new XElement(X + "section", new XAttribute(Epub + "type", "titlepage"),
            new XElement(X + "h1", Text(work.Title)),
            creators.Count > 0 ? new XElement(X + "p", new XAttribute("class", "byline"), "by " + Text(string.Join(", ", creators))) : null,
            work.Gifts.Count > 0 ? new XElement(X + "p", new XAttribute("class", "byline"), Text($"For {string.Join(", ", work.Gifts.Select(g => g.Display))}.")) : null,
            work.RelatedWorks.Select(r => new XElement(X + "p", Text(RelatedWork.Sentence(r.Relation, r.Title, r.Author)))),
            details,
            work.SummaryHtml.Length > 0 ? new object[] { new XElement(X + "h2", "Summary"), Blockquote(work.SummaryHtml) } : null,
            work.NotesHtml.Length > 0 ? new object[] { new XElement(X + "h2", "Notes"), Blockquote(work.NotesHtml) } : null,
            new XElement(X + "p", new XAttribute("class", "source"), "Posted at ", new XElement(X + "a", new XAttribute("href", workUrl), workUrl)));
    }

    static XElement ChapterPage(WorkHeader work, Chapter chapter) =>
        new(X + "section", new XAttribute(Epub + "type", "chapter"),
            new XElement(X + "h2", Text(ChapterHeading(work, chapter))),
            chapter.SummaryHtml.Length > 0 ? new object[] { new XElement(X + "h3", "Summary"), Blockquote(chapter.SummaryHtml) } : null,
            chapter.NotesHtml.Length > 0 ? new object[] { new XElement(X + "h3", "Notes"), Blockquote(chapter.NotesHtml) } : null,
            new XElement(X + "div", new XAttribute("class", "text"), EpubXhtml.Convert(chapter.BodyHtml)),
            chapter.EndNotesHtml.Length > 0 ? new object[] { new XElement(X + "h3", "End notes"), Blockquote(chapter.EndNotesHtml) } : null);

    static XElement Blockquote(string html) => new(X + "blockquote", EpubXhtml.Convert(html));

    static string Text(string text) => EpubXhtml.XmlText(text);

    static XDocument Page(string title, string language, params object?[] body)
    {
        var html = new XElement(X + "html", new XAttribute(XNamespace.Xmlns + "epub", Epub),
            new XAttribute("lang", language), new XAttribute(XNamespace.Xml + "lang", language),
            new XElement(X + "head",
                new XElement(X + "meta", new XAttribute("charset", "utf-8")),
                new XElement(X + "title", Text(title)),
                new XElement(X + "link", new XAttribute("rel", "stylesheet"), new XAttribute("type", "text/css"), new XAttribute("href", "style.css"))),
            new XElement(X + "body", body));
        if (Languages.IsRightToLeft(language)) html.Add(new XAttribute("dir", "rtl"));
        // <p></p>, not <p />: readers that parse XHTML as HTML would take <p /> for an opening tag.
        foreach (var empty in html.Descendants().Where(e => e.IsEmpty && e.Name.LocalName is not ("br" or "hr" or "col" or "meta" or "link")).ToList())
            empty.Value = "";
        return new XDocument(new XDocumentType("html", null, null, null), html);
    }

    static byte[] Xml(XDocument document)
    {
        using var stream = new MemoryStream();
        // No indenting: it would add whitespace inside <pre> and between inline elements.
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
            document.Save(writer);
        return stream.ToArray();
    }

    static void Add(ZipArchive archive, string name, byte[] content, DateTimeOffset modified, CompressionLevel level = CompressionLevel.Optimal)
    {
        var entry = archive.CreateEntry(name, level);
        entry.LastWriteTime = modified;
        using var stream = entry.Open();
        stream.Write(content);
    }
}
