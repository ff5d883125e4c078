namespace Archive.Web;

/// <summary>The heading and first line of a form's error summary (<c>Shared/_ErrorSummary.cshtml</c>).</summary>
public sealed record ErrorSummary(string Heading, string Intro)
{
    /// <summary>The id of the field a form's message is about, as the form's fields are given ids ("Related[0].Url" is "Related_0_Url").</summary>
    public static string FieldId(string key) => key.Replace("[", "_").Replace("]", "").Replace('.', '_');
}
