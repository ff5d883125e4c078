using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Accounts;

/// <summary>A name a user writes under, as on AO3: "Signe (oxoniensis)" is the pseud Signe of the user oxoniensis.</summary>
public sealed class Pseud
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public User User { get; set; } = null!;
    public required string Name { get; set; }
    public string NormalizedName { get; set; } = "";
    public bool IsDefault { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();

    /// <summary>"Signe (oxoniensis)", or just the name when it is the user name.</summary>
    public static string Display(string pseudName, string userName) =>
        string.Equals(pseudName, userName, StringComparison.OrdinalIgnoreCase) ? pseudName : $"{pseudName} ({userName})";
}

public sealed class PseudConfiguration : IEntityTypeConfiguration<Pseud>
{
    public void Configure(EntityTypeBuilder<Pseud> pseud)
    {
        pseud.Property(p => p.Name).HasMaxLength(40);
        pseud.Property(p => p.NormalizedName).HasMaxLength(40);
        pseud.HasIndex(p => new { p.UserId, p.NormalizedName }).IsUnique();
        pseud.HasIndex(p => p.NormalizedName);
    }
}
