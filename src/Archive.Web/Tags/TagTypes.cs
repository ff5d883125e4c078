namespace Archive.Web.Tags;

/// <summary>How the archive names each tag type to readers.</summary>
public static class TagTypes
{
    public static string Label(TagType type) => type switch
    {
        TagType.Rating => "Rating",
        TagType.ArchiveWarning => "Archive Warning",
        TagType.Category => "Category",
        TagType.Fandom => "Fandom",
        TagType.Relationship => "Relationship",
        TagType.Character => "Character",
        _ => "Additional Tag",
    };

    /// <summary>"a character tag", "an additional tag": for sentences.</summary>
    public static string Described(TagType type) => type switch
    {
        TagType.Rating => "a rating",
        TagType.ArchiveWarning => "an archive warning",
        TagType.Category => "a category",
        TagType.Freeform => "an additional tag",
        _ => $"a {Label(type).ToLowerInvariant()} tag",
    };

    public static string Plural(TagType type) => type switch
    {
        TagType.Rating => "Rating",
        TagType.ArchiveWarning => "Archive Warnings",
        TagType.Category => "Categories",
        TagType.Fandom => "Fandoms",
        TagType.Relationship => "Relationships",
        TagType.Character => "Characters",
        _ => "Additional Tags",
    };
}
