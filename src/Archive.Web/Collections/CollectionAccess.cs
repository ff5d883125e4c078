using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Collections;

/// <summary>Who may do what to a collection. A parent collection's maintainers run its subcollections too.</summary>
public static class CollectionAccess
{
    /// <summary>Owners and moderators approve works, invite them and reveal.</summary>
    public static Task<bool> IsMaintainerAsync(this ArchiveDbContext db, Collection collection, int? userId) =>
        userId is not { } id ? Task.FromResult(false)
            : db.CollectionMaintainers.AnyAsync(m => m.UserId == id && (m.CollectionId == collection.Id || m.CollectionId == collection.ParentId));

    /// <summary>Owners change settings and who maintains it.</summary>
    public static Task<bool> IsOwnerAsync(this ArchiveDbContext db, Collection collection, int? userId) =>
        userId is not { } id ? Task.FromResult(false)
            : db.CollectionMaintainers.AnyAsync(m => m.UserId == id && m.Role == MaintainerRole.Owner && (m.CollectionId == collection.Id || m.CollectionId == collection.ParentId));

    /// <summary>The collection at /collections/NAME, or null; a name no collection could have (too long, a NUL PostgreSQL refuses) finds none without asking.</summary>
    public static Task<Collection?> FindCollectionAsync(this ArchiveDbContext db, string name) =>
        name.Length > Collection.NameMaxLength + 10 || name.Contains('\0') ? Task.FromResult<Collection?>(null)
            : db.Collections.AsNoTracking().SingleOrDefaultAsync(c => c.Name == name.Trim().ToLowerInvariant());
}
