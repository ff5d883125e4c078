using Archive.Web.Caching;
using Archive.Web.Database;
using Archive.Web.Tags;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Search;

public sealed record SearchPage(string? Query, WorkListingView? Listing);

/// <summary>
/// Full-text search over titles, creators, tags, summaries, notes and chapter text, with PostgreSQL's web search syntax:
/// "quoted phrases", -excluded words, or (<see cref="SearchWords"/>). The same filters and sorts as a tag's works.
/// </summary>
public sealed class SearchController(ArchiveDbContext db, WorkListing listing, Hosting.AddressLimits limits) : Controller
{
    [HttpGet("/works/search")]
    [CachedForGuests]
    [ReadsFromReplica]
    public async Task<IActionResult> Index()
    {
        var filter = WorkFilter.FromQuery(Request.Query);
        if (filter.Query is null) return View("Index", new SearchPage(null, null));
        if (await limits.RefuseAsync(this, Hosting.AddressLimits.Cost.Search) is { } slowDown) return slowDown;
        var words = SearchWords.ForPostgres(filter.Query);
        var matches = db.Works.Where(w => w.SearchVector!.Matches(EF.Functions.WebSearchToTsQuery("english", words)));
        var result = await listing.ListAsync(matches, filter, []);
        if (result.Shows is { } shows) HttpContext.Shows(shows);
        else HttpContext.DoNotCache();
        return View("Index", new SearchPage(filter.Query, new WorkListingView("/works/search", filter, result)));
    }
}
