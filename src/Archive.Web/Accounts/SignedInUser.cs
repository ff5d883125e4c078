using System.Security.Claims;

namespace Archive.Web.Accounts;

public static class SignedInUser
{
    /// <summary>The signed-in user's id, or null for a guest.</summary>
    public static int? UserId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
