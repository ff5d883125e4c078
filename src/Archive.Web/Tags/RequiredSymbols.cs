using Archive.Web.Works;

namespace Archive.Web.Tags;

/// <summary>One of the four squares readers scan a blurb for, as AO3 draws them: its letter, its colour (by class) and what it says in words.</summary>
public sealed record RequiredSymbol(string Css, string Letter, string Text);

/// <summary>The rating, warnings, category and completeness of a work as four symbols (AO3's "required tags" key).</summary>
public static class RequiredSymbols
{
    public static IReadOnlyList<RequiredSymbol> For(IEnumerable<TagLink> tags, bool complete)
    {
        var all = tags.ToList();
        var rating = all.FirstOrDefault(t => t.Type == TagType.Rating)?.Canonical ?? Ratings.NotRated;
        var warnings = all.Where(t => t.Type == TagType.ArchiveWarning).Select(t => t.Canonical).ToList();
        var categories = all.Where(t => t.Type == TagType.Category).Select(t => t.Canonical).ToList();
        return
        [
            rating switch
            {
                "General Audiences" => new("rating-general", "G", $"Rating: {rating}"),
                "Teen And Up Audiences" => new("rating-teen", "T", $"Rating: {rating}"),
                "Mature" => new("rating-mature", "M", $"Rating: {rating}"),
                "Explicit" => new("rating-explicit", "E", $"Rating: {rating}"),
                _ => new("rating-notrated", "?", $"Rating: {rating}"),
            },
            // A warning that applies outweighs "chose not to warn", which outweighs "none apply"; none given is not knowing.
            warnings.Any(w => w != ArchiveWarnings.NoneApply && w != ArchiveWarnings.ChoseNotToUse)
                ? new("warning-yes", "!", $"Warnings: {string.Join(", ", warnings.Where(w => w != ArchiveWarnings.ChoseNotToUse))}")
                : warnings.Contains(ArchiveWarnings.NoneApply)
                    ? new("warning-no", "", $"Warnings: {ArchiveWarnings.NoneApply}")
                    : new("warning-choosenotto", "?", $"Warnings: {ArchiveWarnings.ChoseNotToUse}"),
            categories switch
            {
                [] => new("category-none", "", "Category: none given"),
                [var one] => new($"category-{Slug(one)}", one == "Other" ? "?" : one, $"Category: {one}"),
                _ => new("category-multi", "Multi", $"Categories: {string.Join(", ", categories)}"),
            },
            complete ? new("complete-yes", "✓", "Complete work") : new("complete-no", "WIP", "Work in progress"),
        ];
    }

    static string Slug(string category) => category switch
    {
        "F/F" => "femslash", "F/M" => "het", "M/M" => "slash", "Gen" => "gen", "Multi" => "multi", _ => "other",
    };
}
