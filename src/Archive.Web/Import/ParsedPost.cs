using Archive.Web.Accounts;
using Archive.Web.Tags;
using Archive.Web.Works;

namespace Archive.Web.Import;

/// <summary>A creator named in a post: "Signe (oxoniensis)" is the pseud Signe of oxoniensis; a bare name is a user name or an outside name.</summary>
public sealed record ImportedCreator(string Name, string? UserName)
{
    public string Display => UserName is null ? Name : Pseud.Display(Name, UserName);
    /// <summary>Who the creator is, whatever pseud: the user name when known.</summary>
    public string Identity => (UserName ?? Name).ToLowerInvariant();
}

public sealed record ImportedRelation(Relation Relation, string Title, string? Author);

/// <summary>What the parser found in one journal post.</summary>
public sealed class ParsedPost
{
    public required string SourceName { get; init; }
    public string? Title { get; set; }
    public List<ImportedCreator> Creators { get; } = [];
    public string Rating { get; set; } = Ratings.NotRated;
    public List<string> Warnings { get; } = [];
    public List<string> Categories { get; } = [];
    public List<string> Fandoms { get; } = [];
    public List<string> Relationships { get; } = [];
    public List<string> Characters { get; } = [];
    public List<string> Freeforms { get; } = [];
    public string? Summary { get; set; }
    /// <summary>Notes, one paragraph each: disclaimers, thanks, unknown header lines.</summary>
    public List<string> Notes { get; } = [];
    public List<ImportedRelation> RelatedWorks { get; } = [];
    public int? Part { get; set; }
    public int? TotalParts { get; set; }
    public DateOnly? PostedOn { get; set; }
    /// <summary>The community it was posted to ("remix_redux"), if any.</summary>
    public string? Community { get; set; }
    /// <summary>The journal that posted it ("flava_page wrote in …").</summary>
    public string? PostedBy { get; set; }
    /// <summary>The story text as HTML, not yet sanitized.</summary>
    public string BodyHtml { get; set; } = "";
    public bool HasHeader { get; set; }

    /// <summary>Where the post was: its community or journal, else the file it came in; a pasted post with neither has none.</summary>
    public string? Source => Community ?? PostedBy ?? (SourceName.StartsWith(PastedName) ? null : SourceName);

    public const string PastedName = "Pasted post";

    /// <summary>Adds a tag name unless one of that list already has it (ignoring case).</summary>
    public static void AddTag(List<string> tags, string name)
    {
        name = name.Trim().Trim('.', ';').Trim();
        if (name.Length > 0 && !tags.Contains(name, StringComparer.OrdinalIgnoreCase)) tags.Add(name);
    }

    public void AddCreator(ImportedCreator creator)
    {
        if (Creators.All(c => c.Identity != creator.Identity)) Creators.Add(creator);
    }
}

/// <summary>A file or pasted post that can't be imported, with the reason in one line.</summary>
public sealed class ImportProblem(string source, string message) : Exception($"{source}: {message}")
{
    public string File { get; } = source;
    public string Reason { get; } = message;
}
