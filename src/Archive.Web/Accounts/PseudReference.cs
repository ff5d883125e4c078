using System.Text.RegularExpressions;
using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Accounts;

/// <summary>How people write a pseud: "Signe (oxoniensis)" or just "oxoniensis".</summary>
public static partial class PseudReference
{
    public static (string PseudName, string? UserName) Parse(string reference)
    {
        var match = WithUser().Match(reference.Trim());
        return match.Success ? (match.Groups[1].Value.Trim(), match.Groups[2].Value.Trim()) : (reference.Trim(), null);
    }

    /// <summary>
    /// The pseud someone means by "Pseud (user)" or a bare name: a bare name is that user's default pseud first,
    /// else the only pseud of that name. Ambiguous when several users have it.
    /// </summary>
    public static async Task<(Pseud? Pseud, bool Ambiguous)> FindAsync(ArchiveDbContext db, string reference)
    {
        var (pseudName, userName) = Parse(reference);
        var candidates = await db.Pseuds.Include(p => p.User)
            .Where(p => userName == null
                ? p.NormalizedName == Pseud.Normalize(pseudName) || (p.IsDefault && p.User.NormalizedUserName == Pseud.Normalize(pseudName))
                : p.NormalizedName == Pseud.Normalize(pseudName) && p.User.NormalizedUserName == Pseud.Normalize(userName))
            // The user's default pseud first, else an unordered few could leave it out when many others share its name;
            // a second candidate is enough to know a bare name is ambiguous.
            .OrderByDescending(p => p.IsDefault && p.User.NormalizedUserName == Pseud.Normalize(pseudName)).ThenBy(p => p.Id)
            .Take(2).ToListAsync();
        var pseud = candidates.FirstOrDefault(p => p.IsDefault && p.User.NormalizedUserName == Pseud.Normalize(pseudName))
            ?? (candidates.Count == 1 ? candidates[0] : null);
        return (pseud, pseud is null && candidates.Count > 1);
    }

    [GeneratedRegex(@"^(.+?)\s*\(([^()]+)\)$")]
    private static partial Regex WithUser();
}
