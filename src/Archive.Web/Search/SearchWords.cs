using System.Text.RegularExpressions;

namespace Archive.Web.Search;

/// <summary>
/// What a reader typed into search, as the text given to PostgreSQL's <c>websearch_to_tsquery</c> ("quoted phrases",
/// -excluded words, or). A user name with underscores (<c>demo_writer_86</c>) is looked up whole: the text parser splits it
/// into the phrase 'demo' &lt;-&gt; 'writer' &lt;-&gt; '86', which the words' index can't check, so every work holding the three
/// words anywhere had its text read to find the few holding them in a row (seconds at a million works). Each work's
/// search text carries its creators' such names whole, in a form the parser keeps as one word (<see cref="Whole"/>), and
/// the query asks for that word. Tags are searched with <c>/</c> and <c>&amp;</c> read as spaces (relationship names are
/// stored so: <see cref="Works.WorkQueries.RecountAsync"/>), but the parser keeps "Kent/Lex" as one word, so an unquoted
/// word with them is asked for as its names, each on its own: "lex/clark" finds "Clark Kent/Lex Luthor".
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

    /// <summary>
    /// The query for <c>websearch_to_tsquery('english', …)</c>: unquoted user names (excluded ones too) asked for whole,
    /// unquoted words split at <c>/</c> and <c>&amp;</c>. Quoted phrases and excluded words are left as typed: a phrase is
    /// the text as written, and "-clark/lex" can't be said as "not both" in this syntax.
    /// </summary>
    public static string ForPostgres(string typed) => Token().Replace(typed, m =>
    {
        if (!m.Groups["name"].Success) return m.Value;
        if (m.Groups["excluded"].Success) return AskedWhole(m.Value, m.Groups["name"].Value);
        // A leading "-" on a piece ("clark/-lex") would turn it into an exclusion nobody typed.
        var names = Separator().Split(m.Value).Select(n => n.TrimStart('-')).Where(n => n.Length > 0).Select(n => AskedWhole(n, n));
        return string.Join(' ', names);
    });

    static string AskedWhole(string token, string name) => UserName().IsMatch(name) ? token + Whole : token;

    // A quoted phrase (left as it is), or a run of anything but spaces and quotes, maybe excluded.
    [GeneratedRegex("\"[^\"]*\"?|(?<excluded>-)?(?<name>[^\\s\"]+)")]
    private static partial Regex Token();

    [GeneratedRegex("[/&]")]
    private static partial Regex Separator();

    [GeneratedRegex(UserNamePattern)]
    private static partial Regex UserName();
}
