using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Accounts;

/// <summary>An account. The names on works are its pseuds; the first pseud carries the user name.</summary>
public sealed class User : IdentityUser<int>
{
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Preference: show Mature, Explicit and unrated works without the adult-content notice.</summary>
    public bool ViewAdultContent { get; set; }
    /// <summary>Preference: the zone the user's times are typed and shown in (scheduled posts).</summary>
    public string TimeZone { get; set; } = "UTC";
    public List<Pseud> Pseuds { get; set; } = [];
}

public sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.ToTable("users");
        user.Property(u => u.TimeZone).HasMaxLength(100).HasDefaultValue("UTC");
        user.HasMany(u => u.Pseuds).WithOne(p => p.User).HasForeignKey(p => p.UserId);
    }
}
