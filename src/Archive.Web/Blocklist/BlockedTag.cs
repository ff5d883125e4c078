using Archive.Web.Accounts;
using Archive.Web.Database;
using Archive.Web.Tags;
using Archive.Web.Works;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Blocklist;

/// <summary>A tag a reader never wants to see works with, in any listing, search, feed or count.</summary>
public sealed class BlockedTag
{
    public int UserId { get; set; }
    public int TagId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class BlockedTagConfiguration : IEntityTypeConfiguration<BlockedTag>
{
    public void Configure(EntityTypeBuilder<BlockedTag> blocked)
    {
        blocked.HasKey(b => new { b.UserId, b.TagId });
        blocked.HasOne<Accounts.User>().WithMany().HasForeignKey(b => b.UserId).OnDelete(DeleteBehavior.Cascade);
        blocked.HasOne<Tag>().WithMany().HasForeignKey(b => b.TagId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The current reader's blocked tags, as canonical ids (blocking a synonym blocks its canonical tag), loaded once per request.</summary>
public sealed class ReaderBlocklist(ArchiveDbContext db, IHttpContextAccessor http)
{
    int[]? ids;

    /// <summary>The reader's blocked tags and muted users, when a page has already read them with its other facts.</summary>
    public void Prime(int[] blockedTagIds, int[] mutedUserIds) => (ids, mutedIds) = (blockedTagIds, mutedUserIds);

    public async Task<int[]> TagIdsAsync()
    {
        if (ids is not null) return ids;
        ids = http.HttpContext?.User.UserId() is { } userId
            ? await db.Set<BlockedTag>().Where(b => b.UserId == userId).Join(db.Tags, b => b.TagId, t => t.Id, (b, t) => t.MergerId ?? t.Id).Distinct().ToArrayAsync()
            : [];
        return ids;
    }

    int[]? mutedIds;

    /// <summary>Users whose works and comments this reader has muted.</summary>
    public async Task<int[]> MutedUserIdsAsync()
    {
        if (mutedIds is not null) return mutedIds;
        mutedIds = http.HttpContext?.User.UserId() is { } userId
            ? await db.UserMutes.Where(m => m.MuterId == userId).Select(m => m.MutedId).ToArrayAsync()
            : [];
        return mutedIds;
    }

    /// <summary>The works this reader sees in listings: none hidden by moderators or unrevealed, none for registered users only if a guest, none with a blocked tag, none by a muted creator.</summary>
    public async Task<IQueryable<Work>> ApplyAsync(IQueryable<Work> works)
    {
        works = works.Where(w => w.HiddenAt == null && !w.IsUnrevealed);
        // Works for registered users only are not listed to guests.
        if (http.HttpContext?.User.UserId() is null) works = works.Where(w => !w.IsRestricted);
        var muted = await MutedUserIdsAsync();
        // An anonymous work stays: hiding it from those who muted its creator would tell them who wrote it.
        if (muted.Length > 0) works = works.Where(w => w.IsAnonymous || !w.Creators.Any(c => c.IsAccepted && muted.Contains(c.Pseud.UserId)));
        var blocked = await TagIdsAsync();
        return blocked.Length == 0 ? works : works.Where(w => !w.FilterTagIds.Any(id => blocked.Contains(id)));
    }
}
