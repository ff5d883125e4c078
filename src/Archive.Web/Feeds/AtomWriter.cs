using System.Text;
using System.Xml;
using Archive.Web.Tags;
using Archive.Web.Works;

namespace Archive.Web.Feeds;

/// <summary>Writes Atom feeds of works: the tag feeds for feed readers and the OPDS catalogue for e-reader apps share it.</summary>
public sealed class AtomWriter : IDisposable
{
    public const string Atom = "http://www.w3.org/2005/Atom";
    public const string DublinCore = "http://purl.org/dc/terms/";
    public const string OpenSearch = "http://a9.com/-/spec/opensearch/1.1/";
    readonly StringBuilder output = new();
    readonly XmlWriter xml;

    public AtomWriter() => xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = true });

    public XmlWriter Xml => xml;

    public void StartFeed(string id, string title, DateTimeOffset updated)
    {
        xml.WriteStartElement("feed", Atom);
        xml.WriteAttributeString("xmlns", "dc", null, DublinCore);
        xml.WriteAttributeString("xmlns", "opensearch", null, OpenSearch);
        xml.WriteElementString("id", Atom, id);
        xml.WriteElementString("title", Atom, title);
        xml.WriteElementString("updated", Atom, Time(updated));
        xml.WriteStartElement("author", Atom);
        xml.WriteElementString("name", Atom, "Archive");
        xml.WriteEndElement();
    }

    public void Link(string rel, string href, string type, string? title = null)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        if (title is not null) xml.WriteAttributeString("title", title);
        xml.WriteEndElement();
    }

    /// <summary>An entry of a navigation feed: a link to another feed.</summary>
    public void NavigationEntry(string id, string title, string href, string type, DateTimeOffset updated, string? content = null)
    {
        xml.WriteStartElement("entry", Atom);
        xml.WriteElementString("id", Atom, id);
        xml.WriteElementString("title", Atom, title);
        xml.WriteElementString("updated", Atom, Time(updated));
        Link("subsection", href, type);
        if (content is not null)
        {
            xml.WriteStartElement("content", Atom);
            xml.WriteAttributeString("type", "text");
            xml.WriteString(content);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    /// <summary>A work's entry: creators, tags as categories, its page, and any extra links (downloads, for OPDS).</summary>
    public void WorkEntry(string site, WorkBlurb work, DateTimeOffset published, DateTimeOffset updated, IEnumerable<(string Rel, string Href, string Type)> links)
    {
        xml.WriteStartElement("entry", Atom);
        xml.WriteElementString("id", Atom, $"{site}/works/{work.Id}");
        xml.WriteElementString("title", Atom, work.Title);
        xml.WriteElementString("published", Atom, Time(published));
        xml.WriteElementString("updated", Atom, Time(updated));
        foreach (var author in work.Creators.Select(c => c.Display).Concat(work.ExternalCreators).DefaultIfEmpty("Anonymous"))
        {
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, author);
            xml.WriteEndElement();
        }
        xml.WriteElementString("language", DublinCore, Languages.CodeOf(work.Language));
        Link("alternate", $"{site}/works/{work.Id}", "text/html");
        foreach (var (rel, href, type) in links) Link(rel, href, type);
        foreach (var tag in work.Tags)
        {
            xml.WriteStartElement("category", Atom);
            xml.WriteAttributeString("scheme", $"{site}/tags");
            xml.WriteAttributeString("term", tag.Name);
            xml.WriteAttributeString("label", $"{TagTypes.Label(tag.Type)}: {tag.Name}");
            xml.WriteEndElement();
        }
        // The summary is stored sanitized; feeds carry it as escaped HTML.
        xml.WriteStartElement("summary", Atom);
        xml.WriteAttributeString("type", "html");
        xml.WriteString($"{work.SummaryHtml}<p>Words: {work.WordCount:N0}, Chapters: {work.ChapterCount}/{work.ExpectedChapters?.ToString() ?? "?"}, Language: {work.Language}</p>");
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>The finished document; a StringBuilder makes XmlWriter declare utf-16, but the response is UTF-8.</summary>
    public string Finish()
    {
        xml.WriteEndDocument();
        xml.Flush();
        return output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"");
    }

    public void Dispose() => xml.Dispose();

    public static string Time(DateTimeOffset time) => XmlConvert.ToString(time.UtcDateTime, XmlDateTimeSerializationMode.Utc);
}
