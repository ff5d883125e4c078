using System.Text.RegularExpressions;
using Archive.Web.Tags;
using Archive.Web.Text;
using Archive.Web.Works;

namespace Archive.Web.Import;

/// <summary>A post to import: its name (a file's, or "Pasted post 2") and its text.</summary>
public sealed class ImportSource
{
    public string Name { get; set; } = "";
    public string Text { get; set; } = "";
}

/// <summary>What a person may correct about each work in the preview: the posting form's fields, with creators named in text.</summary>
public sealed class ImportCorrection : WorkForm
{
    /// <summary>"Pseud (user)" or names, comma-separated; not necessarily users of this archive.</summary>
    public string? Creators { get; set; }

    public static ImportCorrection From(ImportedWork work) => new()
    {
        Title = work.Title,
        Creators = string.Join(", ", work.Creators.Select(c => c.Display)),
        Rating = work.Rating,
        Warnings = work.Warnings.ToList(),
        Categories = work.Categories.ToList(),
        Fandoms = TagList.Join(work.Fandoms.Count > 0 ? work.Fandoms : [WorkImporter.UnspecifiedFandom]),
        Relationships = TagList.Join(work.Relationships),
        Characters = TagList.Join(work.Characters),
        AdditionalTags = TagList.Join(work.Freeforms),
        Summary = work.Summary,
        Notes = work.Notes,
        Language = work.Language,
        TextFormat = TextFormat.PlainText,
    };

    public void ApplyTo(ImportedWork work)
    {
        work.Title = Title?.Trim() ?? "";
        work.Creators = TagList.Parse(Creators).Select(c => Accounts.PseudReference.Parse(c)).Select(c => new ImportedCreator(c.PseudName, c.UserName)).ToList();
        work.Rating = Rating ?? Ratings.NotRated;
        work.Warnings = Warnings.Where(w => !string.IsNullOrWhiteSpace(w)).ToList();
        work.Categories = Categories.Where(c => !string.IsNullOrWhiteSpace(c)).ToList();
        work.Fandoms = TagList.Parse(Fandoms);
        work.Relationships = TagList.Parse(Relationships);
        work.Characters = TagList.Parse(Characters);
        work.Freeforms = TagList.Parse(AdditionalTags);
        work.Summary = Summary;
        work.Notes = Notes ?? "";
        work.Language = Language ?? Languages.Default;
    }

    /// <summary>Ready for the posting form's checks: one set of rules for every work, however it arrives.</summary>
    public WorkForm ForValidation(ImportedWork work)
    {
        TextFormat = TextFormat.PlainText;
        PublishedOn = work.PostedOn;
        ExpectedChapters = work.ExpectedChapters?.ToString() ?? "?";
        return this;
    }
}

public sealed class ImportPostForm
{
    public string? Pasted { get; set; }
    /// <summary>Files read at the first step, carried through the preview as text.</summary>
    public List<ImportSource> Sources { get; set; } = [];
    public List<ImportCorrection> Works { get; set; } = [];
}

public sealed record ImportChapterPreview(int? Part, string FirstLine, int Words);
public sealed record ImportWorkPreview(int Index, ImportCorrection Fields, int? ExpectedChapters, List<ImportChapterPreview> Chapters,
    List<ImportedRelation> RelatedWorks, string? Source, DateOnly? PostedOn);
public sealed record ImportPage(string? Pasted, List<ImportSource> Sources, List<ImportWorkPreview> Works, List<string> Problems);
public sealed record ImportDone(List<ImportResult> Results);

public static partial class ImportSources
{
    /// <summary>Pasted text may hold several posts, separated by a line that says only "--- next post ---".</summary>
    public static List<ImportSource> SplitPasted(string? pasted)
    {
        if (string.IsNullOrWhiteSpace(pasted)) return [];
        var posts = NextPost().Split(pasted.ReplaceLineEndings("\n")).Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return posts.Select((text, i) => new ImportSource { Name = posts.Count == 1 ? ParsedPost.PastedName : $"{ParsedPost.PastedName} {i + 1}", Text = text }).ToList();
    }

    public static (List<ParsedPost> Posts, List<string> Problems) Parse(IEnumerable<ImportSource> sources)
    {
        var posts = new List<ParsedPost>();
        var problems = new List<string>();
        foreach (var source in sources)
        {
            try { posts.Add(PostParser.Parse(source.Text, source.Name)); }
            catch (ImportProblem problem) { problems.Add(problem.Message); }
        }
        return (posts, problems);
    }

    [GeneratedRegex(@"^[ \t]*-{3,}[ \t]*next post[ \t]*-{3,}[ \t]*$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex NextPost();
}
