using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Accounts.Export;

public enum ExportStatus
{
    /// <summary>Asked for; the next instance to look builds it.</summary>
    Pending = 0,
    /// <summary>An instance is building it (since ClaimedAt; a claim nobody renews for a while is taken over).</summary>
    Building = 1,
    Ready = 2,
    Failed = 3,
}

/// <summary>
/// A user's request for everything of theirs as one ZIP, and the ZIP once built. Kept in the database, as every instance
/// must find it (and a restart resume it); one per user, the newest.
/// </summary>
public sealed class AccountExport
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public ExportStatus Status { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset? ReadyAt { get; set; }
    /// <summary>The ZIP; read only to download it (the settings page reads <see cref="Size"/>).</summary>
    public byte[]? Content { get; set; }
    public long Size { get; set; }
    /// <summary>What went wrong, for the log and operators; the user sees a plain sentence.</summary>
    public string? Error { get; set; }
}

public sealed class AccountExportConfiguration : IEntityTypeConfiguration<AccountExport>
{
    public void Configure(EntityTypeBuilder<AccountExport> export)
    {
        // One per user: a new request replaces the old one, and two at once cannot both be inserted.
        export.HasIndex(e => e.UserId).IsUnique();
        // The background service looks for work to do and for exports past their time.
        export.HasIndex(e => new { e.Status, e.RequestedAt });
        export.Property(e => e.Error).HasMaxLength(2000);
        export.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
