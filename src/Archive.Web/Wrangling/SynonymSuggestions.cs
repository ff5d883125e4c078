using Archive.Web.Tags;

namespace Archive.Web.Wrangling;

/// <summary>
/// Likely canonical tags for an unwrangled one, for one-click approval: the same name but for case, spacing and punctuation;
/// the same relationship in another order; or first names of the fandom's canonical characters ("Clark/Lex" → "Clark Kent/Lex Luthor").
/// </summary>
public sealed class SynonymSuggestions(List<(string Name, TagType Type, string? RelationshipKey)> canonicals)
{
    public string? For(string name, TagType type, string? relationshipKey)
    {
        var sameType = canonicals.Where(c => c.Type == type).ToList();
        if (sameType.FirstOrDefault(c => Plain(c.Name) == Plain(name)) is { Name: not null } same) return same.Name;
        if (relationshipKey is not null && sameType.FirstOrDefault(c => c.RelationshipKey == relationshipKey) is { Name: not null } reordered) return reordered.Name;

        var characters = canonicals.Where(c => c.Type == TagType.Character).Select(c => c.Name).ToList();
        string? FullName(string person)
        {
            var matches = characters.Where(c => c.Split(' ')[0].Equals(person.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            return matches.Count == 1 ? matches[0] : null;
        }
        if (type == TagType.Character && !name.Trim().Contains(' ')) return FullName(name);
        if (type == TagType.Relationship && relationshipKey is not null)
        {
            var separator = relationshipKey.Contains('/') ? '/' : '&';
            var people = name.Split(separator).Select(FullName).ToList();
            if (people.Any(p => p is null)) return null;
            var key = Tag.RelationshipKeyOf(TagType.Relationship, string.Join(separator, people!));
            return sameType.FirstOrDefault(c => c.RelationshipKey == key).Name;
        }
        return null;
    }

    static string Plain(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
