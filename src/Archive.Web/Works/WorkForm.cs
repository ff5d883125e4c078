using Archive.Web.Tags;
using Archive.Web.Text;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Works;

/// <summary>What the posting and editing forms send. Everything is kept as typed so a bad form comes back intact.</summary>
public class WorkForm
{
    public string? Title { get; set; }
    public List<int> PseudIds { get; set; } = [];
    public string? CoCreators { get; set; }
    /// <summary>Empty until the author chooses one (imports, which have no one to ask, are Not Rated).</summary>
    public string? Rating { get; set; }
    public List<string> Warnings { get; set; } = [];
    public List<string> Categories { get; set; } = [];
    public string? Fandoms { get; set; }
    public string? Relationships { get; set; }
    public string? Characters { get; set; }
    public string? AdditionalTags { get; set; }
    public string? Summary { get; set; }
    public string? Notes { get; set; }
    public string? EndNotes { get; set; }
    public TextFormat TextFormat { get; set; } = TextFormat.Html;
    public string? Language { get; set; } = Languages.Default;
    public DateOnly? PublishedOn { get; set; }
    /// <summary>A number, or blank / "?" when unknown.</summary>
    public string? ExpectedChapters { get; set; }
    /// <summary>"Post at": local time in <see cref="TimeZone"/>, or empty to post now.</summary>
    public DateTime? PostAt { get; set; }
    public string? TimeZone { get; set; }

    /// <summary>One of the author's series to add the work to, or a new series by title.</summary>
    public int? SeriesId { get; set; }
    public string? NewSeriesTitle { get; set; }

    /// <summary>Works this one remixes, is inspired by or translates; the form always offers one blank row more.</summary>
    public List<RelatedWorkRow> Related { get; set; } = [new()];
    /// <summary>"Gift this work to": pseuds or plain names, comma-separated.</summary>
    public string? GiftTo { get; set; }
    /// <summary>Collections' names, separated by commas.</summary>
    public string? Collections { get; set; }
    /// <summary>A prompt meme's prompt this work fills (from the prompt's "Post a fill" link).</summary>
    public int? FillsPromptId { get; set; }

    public Comments.CommentPermission CommentPermission { get; set; }
    public bool ScreenComments { get; set; }
    /// <summary>"Only show to registered users".</summary>
    public bool RegisteredOnly { get; set; }
    /// <summary>The work skin: CSS for this work's text (chat logs, letters), cleaned and scoped on save.</summary>
    public string? SkinCss { get; set; }

    // The first chapter, on a new work only.
    public string? ChapterTitle { get; set; }
    public string? Body { get; set; }

    public IEnumerable<(TagType Type, string Field, string? Text)> TypedTags() =>
    [
        (TagType.Fandom, nameof(Fandoms), Fandoms),
        (TagType.Relationship, nameof(Relationships), Relationships),
        (TagType.Character, nameof(Characters), Characters),
        (TagType.Freeform, nameof(AdditionalTags), AdditionalTags),
    ];
}

/// <summary>The posting form's page: the form, the author's pseuds to pick from, and a preview when asked for.</summary>
public sealed class WorkFormPage
{
    public required WorkForm Form { get; init; }
    public int? WorkId { get; init; }
    /// <summary>Editing this draft (of a new work).</summary>
    public int? DraftId { get; init; }
    public required IReadOnlyList<PseudChoice> OwnPseuds { get; init; }
    /// <summary>Other users' pseuds already on the work (edit only).</summary>
    public IReadOnlyList<CoCreatorStatus> OtherCreators { get; init; } = [];
    public TextPreview? Preview { get; init; }
    /// <summary>The author's own series, to add the work to.</summary>
    public IReadOnlyList<(int Id, string Title)> Series { get; init; } = [];
    public bool IsNew => WorkId is null;
    /// <summary>The author's time zone, for "Post at".</summary>
    public string TimeZone { get; init; } = "UTC";

    public static async Task<WorkFormPage> BuildAsync(Database.ArchiveDbContext db, int userId, WorkForm form, int? workId, TextPreview? preview = null, int? draftId = null)
    {
        var own = await db.Pseuds.AsNoTracking().Where(p => p.UserId == userId).OrderByDescending(p => p.IsDefault).ThenBy(p => p.Name)
            .Select(p => new PseudChoice(p.Id, p.Name)).ToListAsync();
        var others = workId is null ? [] : await db.WorkCreators.AsNoTracking()
            .Where(c => c.WorkId == workId && c.Pseud.UserId != userId).OrderBy(c => c.Position)
            .Select(c => new { c.Pseud.Name, c.Pseud.User.UserName, c.IsAccepted }).ToListAsync();
        return new WorkFormPage
        {
            Form = form,
            WorkId = workId,
            DraftId = draftId,
            OwnPseuds = own,
            OtherCreators = others.Select(o => new CoCreatorStatus(Accounts.Pseud.Display(o.Name, o.UserName!), o.IsAccepted)).ToList(),
            Series = (await db.Series.AsNoTracking().Where(s => s.OwnerUserId == userId).OrderBy(s => s.Title).Select(s => new { s.Id, s.Title }).ToListAsync())
                .Select(s => (s.Id, s.Title)).ToList(),
            Preview = preview,
            TimeZone = await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).SingleAsync(),
        };
    }
}

public sealed record PseudChoice(int Id, string Name);
public sealed record CoCreatorStatus(string Display, bool Accepted);
