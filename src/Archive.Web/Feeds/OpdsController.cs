using System.Text;
using System.Xml;
using Archive.Web.Caching;
using Archive.Web.Database;
using Archive.Web.Downloads;
using Archive.Web.Search;
using Archive.Web.Tags;
using Archive.Web.Works;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Feeds;

/// <summary>
/// An OPDS 1.2 catalogue, so e-reader apps can browse the archive and download EPUBs: newest works, fandoms, a tag's works
/// and search. E-reader apps can't click through the adult-content notice, so Mature, Explicit and unrated works are left out
/// until the reader chooses the catalogue that includes them; its links carry that choice.
/// </summary>
[CachedForGuests]
[ReadsFromReplica]
public sealed class OpdsController(ArchiveDbContext db, Calibre calibre, WorkListing listing) : Controller
{
    const int PageSize = 20;
    public const string Navigation = "application/atom+xml;profile=opds-catalog;kind=navigation";
    public const string Acquisition = "application/atom+xml;profile=opds-catalog;kind=acquisition";
    const string OpenSearchType = "application/opensearchdescription+xml";

    string Site => $"{Request.Scheme}://{Request.Host}";

    [HttpGet("/opds")]
    public async Task<IActionResult> Root()
    {
        var adult = await AdultAsync();
        using var atom = new AtomWriter();
        atom.StartFeed($"{Site}/opds", "Archive", DateTimeOffset.UtcNow);
        CatalogueLinks(atom, "/opds", Navigation, adult);
        atom.NavigationEntry($"{Site}/opds/new", "Newest works", Href("/opds/new", adult), Acquisition, DateTimeOffset.UtcNow, "Works most recently posted or updated.");
        atom.NavigationEntry($"{Site}/opds/fandoms", "Fandoms", Href("/opds/fandoms", adult), Navigation, DateTimeOffset.UtcNow, "Every fandom with works, biggest first.");
        if (!adult)
            atom.NavigationEntry($"{Site}/opds?view_adult=true", "Include works with adult content", $"{Site}/opds?{AdultContent.QueryKey}=true", Navigation, DateTimeOffset.UtcNow,
                "Works rated Mature, Explicit or Not Rated could have adult content. Choose this only if you are willing to see such content.");
        return Feed(atom, Navigation);
    }

    [HttpGet("/opds/new")]
    public async Task<IActionResult> Newest(int page = 1)
    {
        var adult = await AdultAsync();
        var works = await VisibleAsync(adult);
        HttpContext.Shows(CacheTags.AllWorks);
        return await WorksFeedAsync("/opds/new", "Newest works", works.OrderByDescending(w => w.RevisedAt).ThenByDescending(w => w.Id), page, adult);
    }

    [HttpGet("/opds/fandoms")]
    public async Task<IActionResult> Fandoms(int page = 1)
    {
        var adult = await AdultAsync();
        page = Math.Clamp(page, 1, 1000);
        HttpContext.Shows(CacheTags.AllWorks);
        // The same counts as the fandoms page, kept per tag (adult works included).
        var fandoms = (await listing.BiggestAsync(TagType.Fandom, 500)).Skip((page - 1) * 50).Take(51).ToList();
        using var atom = new AtomWriter();
        atom.StartFeed($"{Site}/opds/fandoms", "Fandoms", DateTimeOffset.UtcNow);
        CatalogueLinks(atom, "/opds/fandoms", Navigation, adult);
        if (fandoms.Count > 50) atom.Link("next", Href($"/opds/fandoms?page={page + 1}", adult), Navigation);
        foreach (var fandom in fandoms.Take(50))
            atom.NavigationEntry($"{Site}{TagUrl.WorksPath(fandom.Name)}", fandom.Name, Href($"/opds/tags/{TagUrl.Escape(fandom.Name)}", adult), Acquisition, DateTimeOffset.UtcNow,
                $"{fandom.Works:N0} work{(fandom.Works == 1 ? "" : "s")}");
        return Feed(atom, Navigation);
    }

    [HttpGet("/opds/tags/{name}")]
    public async Task<IActionResult> Tag(string name, int page = 1)
    {
        var tag = await db.Tags.AsNoTracking().SingleOrDefaultAsync(t => t.NormalizedName == Tags.Tag.Normalize(TagUrl.Unescape(name)));
        if (tag is null) return NotFound();
        var canonicalId = tag.MergerId ?? tag.Id;
        var canonical = tag.MergerId is null ? tag.Name : await db.Tags.Where(t => t.Id == canonicalId).Select(t => t.Name).SingleAsync();
        var adult = await AdultAsync();
        var works = (await VisibleAsync(adult)).Where(w => w.FilterTagIds.Contains(EF.Constant(canonicalId)));
        HttpContext.Shows(CacheTags.Listing(canonicalId));
        return await WorksFeedAsync($"/opds/tags/{TagUrl.Escape(canonical)}", canonical, works.OrderByDescending(w => w.RevisedAt).ThenByDescending(w => w.Id), page, adult);
    }

    /// <summary>The OpenSearch description e-reader apps read to learn how to search.</summary>
    [HttpGet("/opds/search")]
    public async Task<IActionResult> SearchDescription()
    {
        var adult = await AdultAsync();
        var output = new StringBuilder();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true }))
        {
            xml.WriteStartElement("OpenSearchDescription", AtomWriter.OpenSearch);
            xml.WriteElementString("ShortName", AtomWriter.OpenSearch, "Archive");
            xml.WriteElementString("Description", AtomWriter.OpenSearch, "Search the archive's works by title, creator, tag, summary and text.");
            xml.WriteElementString("InputEncoding", AtomWriter.OpenSearch, "UTF-8");
            xml.WriteElementString("OutputEncoding", AtomWriter.OpenSearch, "UTF-8");
            xml.WriteStartElement("Url", AtomWriter.OpenSearch);
            xml.WriteAttributeString("type", Acquisition);
            xml.WriteAttributeString("template", $"{Site}/opds/search/results?q={{searchTerms}}{(adult ? $"&{AdultContent.QueryKey}=true" : "")}");
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        return Content(output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\""), $"{OpenSearchType}; charset=utf-8");
    }

    [HttpGet("/opds/search/results")]
    public async Task<IActionResult> Search(string? q, int page = 1)
    {
        var adult = await AdultAsync();
        var works = await VisibleAsync(adult);
        var query = q?.Trim() ?? "";
        HttpContext.Shows(CacheTags.AllWorks);
        var words = SearchWords.ForPostgres(query);
        if (query.Length > 0) works = works.Where(w => w.SearchVector!.Matches(EF.Functions.WebSearchToTsQuery("english", words)));
        else works = works.Where(w => false);
        return await WorksFeedAsync($"/opds/search/results?q={Uri.EscapeDataString(query)}", $"Search: {query}", works.OrderByDescending(w => w.RevisedAt).ThenByDescending(w => w.Id), page, adult);
    }

    async Task<IActionResult> WorksFeedAsync(string path, string title, IQueryable<Work> ordered, int page, bool adult)
    {
        page = Math.Clamp(page, 1, 500);
        var rows = await ordered.Skip((page - 1) * PageSize).Take(PageSize + 1).Select(w => new { w.Id, w.CreatedAt, w.RevisedAt }).ToListAsync();
        var blurbs = await db.BlurbsAsync(rows.Take(PageSize).Select(r => r.Id).ToList());
        HttpContext.Shows(blurbs.Select(b => CacheTags.Work(b.Id)));
        var times = rows.ToDictionary(r => r.Id);

        using var atom = new AtomWriter();
        atom.StartFeed($"{Site}{path}", $"{title} | Archive", rows.Count == 0 ? DateTimeOffset.UtcNow : rows.Max(r => r.RevisedAt));
        CatalogueLinks(atom, path + (page > 1 ? $"{(path.Contains('?') ? '&' : '?')}page={page}" : ""), Acquisition, adult);
        var separator = path.Contains('?') ? '&' : '?';
        if (rows.Count > PageSize) atom.Link("next", Href($"{path}{separator}page={page + 1}", adult), Acquisition);
        if (page > 1) atom.Link("previous", Href($"{path}{separator}page={page - 1}", adult), Acquisition);
        atom.Xml.WriteElementString("itemsPerPage", AtomWriter.OpenSearch, PageSize.ToString());
        var formats = DownloadFormat.Offered(calibre).ToList();
        foreach (var work in blurbs)
            atom.WorkEntry(Site, work, times[work.Id].CreatedAt, times[work.Id].RevisedAt,
                formats.Select(f => ("http://opds-spec.org/acquisition", Href(DownloadsController.PathFor(work.Id, work.Title, f.Extension), adult), f.ContentType.Split(';')[0])));
        return Feed(atom, Acquisition);
    }

    /// <summary>Works anyone may see; without the reader's agreement, none rated for adults.</summary>
    async Task<IQueryable<Work>> VisibleAsync(bool adult)
    {
        // E-reader apps read as guests: works for registered users only are never in the catalogue.
        var works = db.Works.AsNoTracking().Where(w => w.HiddenAt == null && !w.IsUnrevealed && !w.IsRestricted);
        if (adult) return works;
        var adultRatings = await AdultContent.RatingIdsAsync(db);
        return works.Where(w => !w.FilterTagIds.Any(id => adultRatings.Contains(id)));
    }

    Task<bool> AdultAsync() => AdultContent.AgreedAsync(HttpContext, db, Accounts.SignedInUser.UserId(User));

    /// <summary>An absolute link that keeps the reader's adult-content choice, since e-reader apps may not keep cookies.</summary>
    string Href(string path, bool adult) =>
        $"{Site}{path}{(adult ? $"{(path.Contains('?') ? '&' : '?')}{AdultContent.QueryKey}=true" : "")}";

    void CatalogueLinks(AtomWriter atom, string path, string type, bool adult)
    {
        atom.Link("self", Href(path, adult), type);
        atom.Link("start", Href("/opds", adult), Navigation, "Archive");
        atom.Link("search", Href("/opds/search", adult), OpenSearchType, "Search the archive");
    }

    ContentResult Feed(AtomWriter atom, string type) => Content(atom.Finish(), $"{type}; charset=utf-8");
}
