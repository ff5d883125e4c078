using System.Text.RegularExpressions;

namespace Archive.Web.Search;

/// <summary>
/// What a reader typed into search, as the text given to PostgreSQL's <c>websearch_to_tsquery</c> ("quoted phrases",
/// -excluded words, or). A user name with underscores (<c>demo_writer_86</c>) is looked up whole: the text parser splits it
/// into the phrase 'demo' &lt;-&gt; 'writer' &lt;-&gt; '86', which the words' index can't check, so every work holding the three
/// words anywhere had its text read to find the few holding them in a row (seconds at a million works). Each work's
/// search text carries its creators' such names whole, in a form the parser keeps as one word (<see cref="Whole"/>), and
/// the query asks for that word.
/// </summary>
public static partial class SearchWords
{
    /// <summary>What a user name may be (Program.cs's AllowedUserNameCharacters), with at least one underscore.</summary>
    public const string UserNamePattern = "^[A-Za-z0-9_]*_[A-Za-z0-9_]*$";

    /// <summary>
    /// The suffix that makes a name one word: the parser reads <c>name@user.archive</c> as an email address and keeps
    /// it whole. SQL that builds search text appends it to each name matching <see cref="UserNamePattern"/>.
    /// </summary>
    public const string Whole = "@user.archive";

    /// <summary>The query for <c>websearch_to_tsquery('english', …)</c>: unquoted user names (excluded ones too) asked for whole.</summary>
    public static string ForPostgres(string typed) =>
        Token().Replace(typed, m => m.Groups["name"].Success && UserName().IsMatch(m.Groups["name"].Value) ? m.Value + Whole : m.Value);

    // A quoted phrase (left as it is), or a run of anything but spaces and quotes, maybe excluded.
    [GeneratedRegex("\"[^\"]*\"?|-?(?<name>[^\\s\"]+)")]
    private static partial Regex Token();

    [GeneratedRegex(UserNamePattern)]
    private static partial Regex UserName();
}
