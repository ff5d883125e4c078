using System.Text.RegularExpressions;

namespace Archive.Web.Tags;

/// <summary>Tags typed as comma-separated free text.</summary>
public static partial class TagList
{
    /// <summary>Characters AO3 refuses in tag names; "*" is also how tag names are escaped in URLs.</summary>
    public const string ForbiddenCharacters = "*<>^{}=`\\%";

    /// <summary>Split on commas, trim, collapse inner spaces, and drop case-insensitive repeats (the first spelling wins).</summary>
    public static List<string> Parse(string? text)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (var part in (text ?? "").Split(','))
        {
            var name = Spaces().Replace(part, " ").Trim();
            if (name.Length > 0 && seen.Add(name)) names.Add(name);
        }
        return names;
    }

    public static string Join(IEnumerable<string> names) => string.Join(", ", names);

    /// <summary>Why a typed name can't be a tag (too long, or a character tags can't use), or null when it can.</summary>
    public static string? NameProblem(string name, int maxLength) =>
        name.Length > maxLength ? $"Tags must be {maxLength} characters or fewer: “{name[..Math.Min(40, name.Length)]}…” is {name.Length}."
        : name.IndexOfAny(ForbiddenCharacters.ToCharArray()) >= 0 ? $"“{name}” contains a character tags can't use (one of {ForbiddenCharacters})."
        : null;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

/// <summary>AO3's five ratings.</summary>
public static class Ratings
{
    public const string NotRated = "Not Rated";
    public static readonly IReadOnlyList<string> All =
        ["General Audiences", "Teen And Up Audiences", "Mature", "Explicit", NotRated];
}

/// <summary>AO3's categories: who the relationships are between.</summary>
public static class Categories
{
    public static readonly IReadOnlyList<string> All = ["F/F", "F/M", "Gen", "M/M", "Multi", "Other"];
}

/// <summary>AO3's archive warnings.</summary>
public static class ArchiveWarnings
{
    public const string ChoseNotToUse = "Creator Chose Not To Use Archive Warnings";
    public const string NoneApply = "No Archive Warnings Apply";
    public static readonly IReadOnlyList<string> All =
        [ChoseNotToUse, "Graphic Depictions Of Violence", "Major Character Death", NoneApply, "Rape/Non-Con", "Underage Sex"];
}
