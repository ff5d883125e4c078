using Archive.Web.Database;
using Microsoft.AspNetCore.Identity;

namespace Archive.Web.Accounts;

public static class AccountCreation
{
    /// <summary>Creates the account and its default pseud together, or neither. Without a password the account can't log in.</summary>
    public static async Task<IdentityResult> CreateAsync(UserManager<User> users, ArchiveDbContext db, User user, string? password)
    {
        user.CreatedAt = DateTimeOffset.UtcNow;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!result.Succeeded) return result;
        db.Pseuds.Add(new Pseud { UserId = user.Id, Name = user.UserName!, NormalizedName = Pseud.Normalize(user.UserName!), IsDefault = true, CreatedAt = user.CreatedAt });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return result;
    }
}
