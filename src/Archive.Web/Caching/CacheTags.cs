namespace Archive.Web.Caching;

/// <summary>
/// What a cached page shows, as tags its entry carries, so a change evicts exactly the pages that show it.
/// A work page carries its work and the tags it names; a listing carries the tags it filters by and the works it shows.
/// </summary>
public static class CacheTags
{
    /// <summary>Every cached page and part: evicted when this instance may have missed other instances' evictions.</summary>
    public const string Everything = "everything";

    /// <summary>Listings over the whole archive (newest works, search, fandoms, the OPDS catalogue): any work's change moves them.</summary>
    public const string AllWorks = "works";

    /// <summary>Listings over the whole archive sorted by kudos, hits or bookmarks.</summary>
    public const string AllCounts = "counts";

    /// <summary>The list of collections: any collection created, renamed or changed moves it.</summary>
    public const string Collections = "collections";

    /// <summary>A work's own pages (every chapter, the full work, its JSON), and every listing that shows its blurb.</summary>
    public static string Work(int id) => $"work:{id}";

    /// <summary>Listings filtered by this canonical tag (including or excluding it): a work with the tag entering, leaving or changing moves them.</summary>
    public static string Listing(int tagId) => $"listing:{tagId}";

    /// <summary>Listings filtered by this tag and sorted by kudos, hits or bookmarks: those counts move them too.</summary>
    public static string Counts(int tagId) => $"counts:{tagId}";

    /// <summary>What a signed-in reader's pages know about them (roles, mutes, pseuds, kudos, bookmarks, subscriptions): anything they do moves it.</summary>
    public static string Reader(int userId) => $"reader:{userId}";

    /// <summary>Pages that name this tag (a work's tag list, a tag's synonyms and parents): wrangling it changes them.</summary>
    public static string ShowsTag(int tagId) => $"shows-tag:{tagId}";
}
