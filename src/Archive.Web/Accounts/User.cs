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
    /// <summary>Preferences for reading comfort (Skins/ReadingComfort.cs): carried in a cookie, set from these at sign-in.</summary>
    public Skins.SiteSkin SiteSkin { get; set; }
    public int TextSize { get; set; }
    public Skins.ReadingWidth ReadingWidth { get; set; }
    public bool HideCreatorStyles { get; set; }
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
