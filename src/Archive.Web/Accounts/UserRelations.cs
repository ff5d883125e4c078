using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Accounts;

/// <summary>A user who may not comment on the blocker's works.</summary>
public sealed class UserBlock
{
    public int BlockerId { get; set; }
    public int BlockedId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A user whose comments and works the muter doesn't want to see.</summary>
public sealed class UserMute
{
    public int MuterId { get; set; }
    public int MutedId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class UserBlockConfiguration : IEntityTypeConfiguration<UserBlock>
{
    public void Configure(EntityTypeBuilder<UserBlock> block)
    {
        block.HasKey(b => new { b.BlockerId, b.BlockedId });
        block.HasOne<User>().WithMany().HasForeignKey(b => b.BlockerId).OnDelete(DeleteBehavior.Cascade);
        block.HasOne<User>().WithMany().HasForeignKey(b => b.BlockedId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class UserMuteConfiguration : IEntityTypeConfiguration<UserMute>
{
    public void Configure(EntityTypeBuilder<UserMute> mute)
    {
        mute.HasKey(m => new { m.MuterId, m.MutedId });
        mute.HasOne<User>().WithMany().HasForeignKey(m => m.MuterId).OnDelete(DeleteBehavior.Cascade);
        mute.HasOne<User>().WithMany().HasForeignKey(m => m.MutedId).OnDelete(DeleteBehavior.Cascade);
    }
}
