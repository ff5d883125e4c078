namespace Archive.Web.Tags;

/// <summary>Tag names in URLs, escaped the way AO3 does: "Clark Kent/Lex Luthor" is "Clark Kent*s*Lex Luthor".</summary>
public static class TagUrl
{
    static readonly (string Character, string Escape)[] Escapes =
        [("/", "*s*"), ("&", "*a*"), (".", "*d*"), ("?", "*q*"), ("#", "*h*")];

    public static string Escape(string name)
    {
        foreach (var (character, escape) in Escapes) name = name.Replace(character, escape);
        return Uri.EscapeDataString(name);
    }

    public static string Unescape(string segment)
    {
        foreach (var (character, escape) in Escapes) segment = segment.Replace(escape, character);
        return segment;
    }

    public static string WorksPath(string name) => $"/tags/{Escape(name)}/works";
}
