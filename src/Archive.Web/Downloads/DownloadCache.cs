using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Downloads;

/// <summary>Made downloads, kept in the database (so every instance shares them) until their work is revised.</summary>
public sealed class DownloadCache(ArchiveDbContext db, Hosting.SiteAddress site)
{
    /// <summary>The stored file for this revision of the work, or null when there is none or it is stale.</summary>
    public async Task<byte[]?> FindAsync(int workId, string format, DateTimeOffset revised) =>
        await db.Downloads.AsNoTracking()
            .Where(d => d.WorkId == workId && d.Format == format && d.WorkRevisedAt == revised && d.Site == site.Current)
            .Select(d => d.Content).SingleOrDefaultAsync();

    /// <summary>
    /// Stores a made file. Instances making the same file at once both succeed (the upsert), and a slow one that
    /// made an older revision never replaces a newer one.
    /// </summary>
    public Task StoreAsync(int workId, string format, DateTimeOffset revised, byte[] content) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO downloads (work_id, format, work_revised_at, content, created_at, site) VALUES ({workId}, {format}, {revised}, {content}, {DateTimeOffset.UtcNow}, {site.Current})
            ON CONFLICT (work_id, format) DO UPDATE SET work_revised_at = excluded.work_revised_at, content = excluded.content, created_at = excluded.created_at, site = excluded.site
            WHERE downloads.work_revised_at <= excluded.work_revised_at
            """);

    /// <summary>The stored file, or a new one made, stored and returned.</summary>
    public async Task<byte[]> GetOrMakeAsync(int workId, string format, DateTimeOffset revised, Func<Task<byte[]>> make)
    {
        if (await FindAsync(workId, format, revised) is { } cached) return cached;
        var content = await make();
        await StoreAsync(workId, format, revised, content);
        return content;
    }
}
