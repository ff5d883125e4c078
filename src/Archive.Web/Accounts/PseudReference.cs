using System.Text.RegularExpressions;

namespace Archive.Web.Accounts;

/// <summary>How people write a pseud: "Signe (oxoniensis)" or just "oxoniensis".</summary>
public static partial class PseudReference
{
    public static (string PseudName, string? UserName) Parse(string reference)
    {
        var match = WithUser().Match(reference.Trim());
        return match.Success ? (match.Groups[1].Value.Trim(), match.Groups[2].Value.Trim()) : (reference.Trim(), null);
    }

    [GeneratedRegex(@"^(.+?)\s*\(([^()]+)\)$")]
    private static partial Regex WithUser();
}
