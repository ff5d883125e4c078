using Archive.Web.Accounts;
using Archive.Web.Tags;
using Microsoft.AspNetCore.Identity;

namespace Archive.Web.Commands;

/// <summary>`admin grant USER ROLE` and `admin revoke USER ROLE`: roles are admin, wrangler and moderator.</summary>
public static class AdminCommand
{
    public static readonly string[] Roles = [TagWrangling.AdminRole, TagWrangling.WranglerRole, "moderator"];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        if (args is not [("grant" or "revoke") and var verb, var userName, var role])
        {
            errors.WriteLine("Usage: admin grant USER ROLE | admin revoke USER ROLE (roles: admin, wrangler, moderator)");
            return 2;
        }
        role = role.ToLowerInvariant();
        if (!Roles.Contains(role)) { errors.WriteLine($"“{role}” is not a role; choose admin, wrangler or moderator."); return 2; }
        var users = services.GetRequiredService<UserManager<User>>();
        var user = await users.FindByNameAsync(userName);
        if (user is null) { errors.WriteLine($"There is no user called “{userName}”."); return 2; }
        var roles = services.GetRequiredService<RoleManager<IdentityRole<int>>>();
        if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole<int>(role));
        var result = verb == "grant" ? await users.AddToRoleAsync(user, role) : await users.RemoveFromRoleAsync(user, role);
        if (!result.Succeeded && !result.Errors.Any(e => e.Code is "UserAlreadyInRole" or "UserNotInRole"))
        {
            errors.WriteLine(string.Join(" ", result.Errors.Select(e => e.Description)));
            return 1;
        }
        // Their pages (a moderator's tools) follow at once, in every running instance.
        await services.GetRequiredService<Caching.PageCacheEvictions>().EvictAsync([Caching.CacheTags.Reader(user.Id)]);
        output.WriteLine(verb == "grant" ? $"{user.UserName} is now {(role == "admin" ? "an" : "a")} {role}." : $"{user.UserName} is no longer {(role == "admin" ? "an" : "a")} {role}.");
        return 0;
    }
}

/// <summary>`tags synonym NAME CANONICAL`, `tags canonical NAME`, `tags parent NAME PARENT`: wrangling without the web.</summary>
public static class TagsCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        var wrangling = services.GetRequiredService<TagWrangling>();
        WrangleResult? result = args switch
        {
            ["synonym", var name, var canonical] => await wrangling.MakeSynonymAsync(name, canonical),
            ["canonical", var name] => await wrangling.MakeCanonicalAsync(name),
            ["parent", var name, var parent] => await wrangling.AddParentAsync(name, parent),
            _ => null,
        };
        if (result is null)
        {
            errors.WriteLine("Usage: tags synonym NAME CANONICAL | tags canonical NAME | tags parent NAME PARENT");
            return 2;
        }
        (result.Done ? output : errors).WriteLine(result.Message);
        return result.Done ? 0 : 1;
    }
}
