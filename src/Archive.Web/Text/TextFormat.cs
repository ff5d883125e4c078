namespace Archive.Web.Text;

/// <summary>How an author wrote a piece of text.</summary>
public enum TextFormat
{
    Html = 0,
    Markdown = 1,
    PlainText = 2,
}
