namespace Archive.Web.Text;

/// <summary>A work or chapter as it will look once posted; all HTML in it is sanitized.</summary>
public sealed record TextPreview(string? Title, string SummaryHtml, string NotesHtml, string BodyHtml, string EndNotesHtml, int Words);
