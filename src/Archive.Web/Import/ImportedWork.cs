using Archive.Web.Tags;

namespace Archive.Web.Import;

/// <summary>
/// One story found among imported posts: its parts (posts with the same title and creators) in part order,
/// and the work's fields gathered from them. The web preview lets a person correct these fields.
/// </summary>
public sealed class ImportedWork
{
    public required string Title { get; set; }
    public required List<ImportedCreator> Creators { get; set; }
    public required List<ParsedPost> Parts { get; init; }
    public string Rating { get; set; } = Ratings.NotRated;
    public List<string> Warnings { get; set; } = [];
    public List<string> Categories { get; set; } = [];
    public List<string> Fandoms { get; set; } = [];
    public List<string> Relationships { get; set; } = [];
    public List<string> Characters { get; set; } = [];
    public List<string> Freeforms { get; set; } = [];
    public string? Summary { get; set; }
    public string Notes { get; set; } = "";
    public List<ImportedRelation> RelatedWorks { get; set; } = [];
    public int? ExpectedChapters { get; set; }
    public string Language { get; set; } = Works.Languages.Default;
    public DateOnly? PostedOn => Parts.Select(p => p.PostedOn).Min();
    public string? Source => Parts.Select(p => p.Source).FirstOrDefault(s => s is not null);

    /// <summary>Posts join one work when their titles and creators match, whatever order they came in.</summary>
    public static List<ImportedWork> Group(IEnumerable<ParsedPost> posts)
    {
        var works = new List<ImportedWork>();
        foreach (var group in posts.GroupBy(p => Key(p.Title!, p.Creators)))
        {
            var parts = group.OrderBy(p => p.Part ?? int.MaxValue).DistinctBy(p => p.Part).ToList();
            var lead = parts.FirstOrDefault(p => p.HasHeader) ?? parts[0];
            var work = new ImportedWork
            {
                Title = lead.Title!,
                Creators = lead.Creators.ToList(),
                Parts = parts,
                Rating = parts.Select(p => p.Rating).FirstOrDefault(r => r != Ratings.NotRated) ?? Ratings.NotRated,
                Summary = parts.Select(p => p.Summary).FirstOrDefault(s => s is not null),
                // Every part repeats the header; its notes are the work's once.
                Notes = string.Join("\n\n", lead.Notes),
                RelatedWorks = lead.RelatedWorks.ToList(),
                ExpectedChapters = parts.Max(p => p.TotalParts) is { } total ? Math.Max(total, parts.Count) : null,
            };
            foreach (var part in parts)
            {
                foreach (var tag in part.Warnings) ParsedPost.AddTag(work.Warnings, tag);
                foreach (var tag in part.Categories) ParsedPost.AddTag(work.Categories, tag);
                foreach (var tag in part.Fandoms) ParsedPost.AddTag(work.Fandoms, tag);
                foreach (var tag in part.Relationships) ParsedPost.AddTag(work.Relationships, tag);
                foreach (var tag in part.Characters) ParsedPost.AddTag(work.Characters, tag);
                foreach (var tag in part.Freeforms) ParsedPost.AddTag(work.Freeforms, tag);
            }
            // A known warning makes "chose not to use" redundant.
            if (work.Warnings.Count > 1) work.Warnings.Remove(ArchiveWarnings.ChoseNotToUse);
            works.Add(work);
        }
        return works;
    }

    /// <summary>Title and creators, ignoring case and punctuation: the same for every part of a story.</summary>
    public static string Key(string title, IEnumerable<ImportedCreator> creators) =>
        $"{new string(title.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray())}|{string.Join(",", creators.Select(c => c.Identity).Order())}";
}
