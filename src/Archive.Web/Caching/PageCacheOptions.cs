namespace Archive.Web.Caching;

/// <summary>How guest pages are cached; bound from "Archive:Cache".</summary>
public sealed class PageCacheOptions
{
    public const string Section = "Archive:Cache";

    /// <summary>Off serves every page from the database, as before caching existed; pages look the same either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long an unchanged page may stay cached. Changes evict pages at once, so this only bounds how long memory
    /// holds pages nobody asks for.
    /// </summary>
    public int PageMinutes { get; set; } = 60;

    /// <summary>
    /// Hit counts on cached pages are shown afresh at most this often per work (every read moves them; evicting each time
    /// would rebuild every page read). Any other change to a work shows its count at once.
    /// </summary>
    public int HitsMinutes { get; set; } = 10;

    /// <summary>How often each instance writes the hits it (or, with Redis, any instance) has counted since.</summary>
    public int HitsFlushSeconds { get; set; } = 5;

    /// <summary>How often each instance recounts the kudos of works that got some since (with Redis, any instance's).</summary>
    public int KudosFlushSeconds { get; set; } = 2;

    /// <summary>
    /// Memory the cached whole pages may use; the least recently used go first. 0: a sixteenth of the machine's memory,
    /// from 256 MB to 4 GB (a million works' most read pages are worth keeping).
    /// </summary>
    public int SizeLimitMegabytes { get; set; }

    /// <summary>Memory the cached parts of pages (a work's data and HTML, samples of listings) may use; 0: as for whole pages.</summary>
    public int PartsSizeLimitMegabytes { get; set; }

    /// <summary>A limit in bytes: the one configured, else a sixteenth of the machine's memory, from 256 MB to 4 GB.</summary>
    public static long Bytes(int configuredMegabytes)
    {
        if (configuredMegabytes > 0) return configuredMegabytes * 1024L * 1024L;
        return Math.Clamp(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 16, 256L * 1024 * 1024, 4096L * 1024 * 1024);
    }
}
