using System.Text;
using System.Xml;
using Archive.Web.Database;
using Archive.Web.Works;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Tags;

/// <summary>An Atom feed of the newest works in a tag (synonyms included), for feed readers.</summary>
public sealed class TagFeedController(ArchiveDbContext db, Blocklist.ReaderBlocklist blocklist) : Controller
{
    const string Atom = "http://www.w3.org/2005/Atom";

    [HttpGet("/tags/{name}/feed.atom")]
    public async Task<IActionResult> Feed(string name)
    {
        var tag = await db.Tags.AsNoTracking().SingleOrDefaultAsync(t => t.NormalizedName == Tag.Normalize(TagUrl.Unescape(name)));
        if (tag is null) return NotFound();
        var canonicalId = tag.MergerId ?? tag.Id;
        var canonicalName = tag.MergerId is null ? tag.Name : await db.Tags.Where(t => t.Id == canonicalId).Select(t => t.Name).SingleAsync();
        var newest = await (await blocklist.ApplyAsync(db.Works)).Where(w => w.FilterTagIds.Contains(canonicalId))
            .OrderByDescending(w => w.CreatedAt).ThenByDescending(w => w.Id).Take(20).Select(w => w.Id).ToListAsync();
        var works = await db.BlurbsAsync(newest);
        var created = await db.Works.Where(w => newest.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => (w.CreatedAt, w.RevisedAt));

        var site = $"{Request.Scheme}://{Request.Host}";
        var output = new StringBuilder();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = true }))
        {
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("id", Atom, $"{site}{TagUrl.WorksPath(canonicalName)}");
            xml.WriteElementString("title", Atom, $"{canonicalName} works | Archive");
            xml.WriteElementString("updated", Atom, XmlConvert.ToString((created.Count == 0 ? DateTimeOffset.UtcNow : created.Values.Max(c => c.RevisedAt)).UtcDateTime, XmlDateTimeSerializationMode.Utc));
            Link(xml, "self", $"{site}/tags/{TagUrl.Escape(canonicalName)}/feed.atom", "application/atom+xml");
            Link(xml, "alternate", $"{site}{TagUrl.WorksPath(canonicalName)}", "text/html");
            foreach (var work in works)
            {
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, $"{site}/works/{work.Id}");
                xml.WriteElementString("title", Atom, work.Title);
                xml.WriteElementString("published", Atom, XmlConvert.ToString(created[work.Id].CreatedAt.UtcDateTime, XmlDateTimeSerializationMode.Utc));
                xml.WriteElementString("updated", Atom, XmlConvert.ToString(created[work.Id].RevisedAt.UtcDateTime, XmlDateTimeSerializationMode.Utc));
                foreach (var author in work.Creators.Select(c => c.Display).Concat(work.ExternalCreators).DefaultIfEmpty("Anonymous"))
                {
                    xml.WriteStartElement("author", Atom);
                    xml.WriteElementString("name", Atom, author);
                    xml.WriteEndElement();
                }
                Link(xml, "alternate", $"{site}/works/{work.Id}", "text/html");
                foreach (var t in work.Tags)
                {
                    xml.WriteStartElement("category", Atom);
                    xml.WriteAttributeString("term", t.Name);
                    xml.WriteAttributeString("label", $"{TagTypes.Label(t.Type)}: {t.Name}");
                    xml.WriteEndElement();
                }
                // The summary is stored sanitized; feed readers get it as escaped HTML.
                xml.WriteStartElement("summary", Atom);
                xml.WriteAttributeString("type", "html");
                xml.WriteString($"{work.SummaryHtml}<p>Words: {work.WordCount:N0}, Chapters: {work.ChapterCount}/{work.ExpectedChapters?.ToString() ?? "?"}, Language: {work.Language}</p>");
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        // StringBuilder output says utf-16 in its declaration; the response is UTF-8.
        var body = output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"");
        return Content(body, "application/atom+xml; charset=utf-8");
    }

    static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }
}
