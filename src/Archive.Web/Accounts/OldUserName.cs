using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Accounts;

/// <summary>A user name someone used before renaming: links to /users/OLD keep working, and nobody else can take it.</summary>
public sealed class OldUserName
{
    public required string NormalizedName { get; set; }
    public int UserId { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>A user name that is someone's now or was someone's before.</summary>
    public static async Task<bool> IsTakenAsync(ArchiveDbContext db, string name, int? exceptUserId = null)
    {
        var normalized = Pseud.Normalize(name);
        return await db.Users.AnyAsync(u => u.NormalizedUserName == normalized && u.Id != exceptUserId)
            || await db.OldUserNames.AnyAsync(o => o.NormalizedName == normalized && o.UserId != exceptUserId);
    }
}

public sealed class OldUserNameConfiguration : IEntityTypeConfiguration<OldUserName>
{
    public void Configure(EntityTypeBuilder<OldUserName> old)
    {
        old.HasKey(o => o.NormalizedName);
        old.Property(o => o.NormalizedName).HasMaxLength(256);
        old.HasIndex(o => o.UserId);
        old.HasOne<User>().WithMany().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// /users/OLD/… answers with a permanent redirect to the same page under the user's name now. Only a page that found no
/// such user asks: a user's own pages cost nothing more.
/// </summary>
public static class OldUserNameRedirects
{
    public static void UseOldUserNames(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next();
        var path = context.Request.Path.Value ?? "";
        if (context.Response.StatusCode == StatusCodes.Status404NotFound && !context.Response.HasStarted
            && HttpMethods.IsGet(context.Request.Method) && path.StartsWith("/users/", StringComparison.Ordinal))
        {
            var rest = path["/users/".Length..];
            var slash = rest.IndexOf('/');
            var name = Uri.UnescapeDataString(slash < 0 ? rest : rest[..slash]);
            if (name.Length is > 0 and <= 256 && !name.Contains('\0'))
            {
                var db = context.RequestServices.GetRequiredService<ArchiveDbContext>();
                var normalized = Pseud.Normalize(name);
                var now = await db.OldUserNames.AsNoTracking().Where(o => o.NormalizedName == normalized)
                    .Join(db.Users, o => o.UserId, u => u.Id, (o, u) => u.UserName).FirstOrDefaultAsync();
                if (now is not null)
                {
                    context.Response.Redirect($"/users/{Uri.EscapeDataString(now)}{(slash < 0 ? "" : rest[slash..])}{context.Request.QueryString}", permanent: true);
                }
            }
        }
    });
}
