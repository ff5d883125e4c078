using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Archive.Web.Tags;
using Archive.Web.Works;

namespace Archive.Web.Import;

/// <summary>
/// Reads an old journal post (LiveJournal, Dreamwidth, a plain-text or HTML file) into a <see cref="ParsedPost"/>:
/// the header of "Key: value" lines, creators, part markers, the post date, a "Tags:" footer, related works,
/// and the story text without the site's chrome.
/// </summary>
public static partial class PostParser
{
    /// <summary>A line of the post: its plain text, and its HTML when it came from an HTML page.</summary>
    sealed record Line(string Text, string Html)
    {
        public bool IsBlank => Text.Trim().Length == 0;
        public static Line FromText(string text) => new(text, Encode(text.Trim()));
    }

    // Only what HTML needs escaped: apostrophes and quotes stay as the author typed them.
    static string Encode(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    enum Field { Title, Creators, Fandoms, Relationships, Characters, Rating, Warnings, Category, Genre, Freeforms, Disclaimer, Summary, Notes, Beta, Spoilers, WordCount, Dedication, Prompt, Related, Part, Ignored }

    static readonly Dictionary<string, Field> Keys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["title"] = Field.Title, ["story title"] = Field.Title, ["fic title"] = Field.Title,
        ["author"] = Field.Creators, ["authors"] = Field.Creators, ["writer"] = Field.Creators, ["writers"] = Field.Creators, ["by"] = Field.Creators,
        ["creator"] = Field.Creators, ["creators"] = Field.Creators, ["author name"] = Field.Creators, ["written by"] = Field.Creators, ["remixer"] = Field.Creators,
        ["fandom"] = Field.Fandoms, ["fandoms"] = Field.Fandoms, ["series"] = Field.Fandoms,
        ["pairing"] = Field.Relationships, ["pairings"] = Field.Relationships, ["relationship"] = Field.Relationships, ["relationships"] = Field.Relationships,
        ["ship"] = Field.Relationships, ["ships"] = Field.Relationships, ["couple"] = Field.Relationships,
        ["character"] = Field.Characters, ["characters"] = Field.Characters,
        ["rating"] = Field.Rating, ["ratings"] = Field.Rating, ["rated"] = Field.Rating,
        ["warning"] = Field.Warnings, ["warnings"] = Field.Warnings, ["content warning"] = Field.Warnings, ["content warnings"] = Field.Warnings, ["archive warnings"] = Field.Warnings,
        ["category"] = Field.Category, ["categories"] = Field.Category, ["type"] = Field.Category,
        ["genre"] = Field.Genre, ["genres"] = Field.Genre, ["tags"] = Field.Freeforms, ["additional tags"] = Field.Freeforms, ["themes"] = Field.Genre,
        ["disclaimer"] = Field.Disclaimer, ["disclaimers"] = Field.Disclaimer,
        ["summary"] = Field.Summary, ["summery"] = Field.Summary, ["description"] = Field.Summary, ["blurb"] = Field.Summary,
        ["notes"] = Field.Notes, ["note"] = Field.Notes, ["author's notes"] = Field.Notes, ["author's note"] = Field.Notes, ["authors notes"] = Field.Notes,
        ["author notes"] = Field.Notes, ["a/n"] = Field.Notes, ["an"] = Field.Notes, ["a/ns"] = Field.Notes,
        ["beta"] = Field.Beta, ["betas"] = Field.Beta, ["beta reader"] = Field.Beta, ["beta readers"] = Field.Beta, ["beta'd by"] = Field.Beta, ["betaed by"] = Field.Beta,
        ["spoilers"] = Field.Spoilers, ["spoiler"] = Field.Spoilers,
        ["word count"] = Field.WordCount, ["wordcount"] = Field.WordCount, ["words"] = Field.WordCount, ["length"] = Field.WordCount,
        ["dedication"] = Field.Dedication, ["for"] = Field.Dedication, ["dedicated to"] = Field.Dedication, ["gift for"] = Field.Dedication, ["recipient"] = Field.Dedication,
        ["prompt"] = Field.Prompt, ["prompts"] = Field.Prompt, ["challenge"] = Field.Prompt,
        ["original story"] = Field.Related, ["remix of"] = Field.Related, ["inspired by"] = Field.Related, ["based on"] = Field.Related, ["original"] = Field.Related,
        ["translation of"] = Field.Related, ["sequel to"] = Field.Related,
        ["part"] = Field.Part, ["chapter"] = Field.Part, ["parts"] = Field.Part, ["chapters"] = Field.Part,
        ["date"] = Field.Ignored, ["posted"] = Field.Ignored, ["current mood"] = Field.Ignored, ["current music"] = Field.Ignored, ["mood"] = Field.Ignored, ["music"] = Field.Ignored,
        ["current location"] = Field.Ignored, ["location"] = Field.Ignored,
    };

    public static ParsedPost Parse(string text, string sourceName)
    {
        var post = new ParsedPost { SourceName = sourceName };
        var lines = LooksLikeHtml(text) ? HtmlToLines(text) : text.ReplaceLineEndings("\n").Split('\n').Select(Line.FromText).ToList();

        lines = CutComments(lines);
        lines = CutAfterEntry(lines);
        var footer = TakeTagsFooter(lines);
        lines = RemoveChrome(lines);

        var headerStart = FindHeader(lines);
        var bodyStart = 0;
        string? subject = null;
        if (headerStart >= 0)
        {
            post.HasHeader = true;
            subject = ReadTopMatter(lines.Take(headerStart).ToList(), post);
            bodyStart = ReadHeader(lines, headerStart, post);
        }
        else
        {
            // No header: only lines that are clearly a subject and a date line are not story text.
            var top = lines.TakeWhile((_, i) => i < 12).ToList();
            var dateIndex = top.FindIndex(l => !l.IsBlank && ParseDate(l.Text) is not null);
            if (dateIndex >= 0)
            {
                subject = ReadTopMatter(lines.Take(dateIndex + 1).ToList(), post);
                bodyStart = dateIndex + 1;
            }
            else
            {
                var wroteIndex = top.FindIndex(l => WroteIn().IsMatch(l.Text.Trim()));
                if (wroteIndex >= 0) { ReadTopMatter(lines.Take(wroteIndex + 1).ToList(), post); bodyStart = wroteIndex + 1; }
            }
        }

        // The footer's tags come after the header's, and never override what the header said.
        ApplyTagsFooter(footer, post);

        // The title: the header's, else the subject line's, else the file's name. Either may carry the part marker.
        string? title = null;
        foreach (var candidate in new[] { post.Title, subject })
        {
            if (candidate is null) continue;
            var (clean, part, total) = TakePartMarker(CleanSubject(candidate));
            title ??= clean;
            post.Part ??= part;
            post.TotalParts ??= total;
        }

        var body = lines.Skip(bodyStart).ToList();
        body = DropLeadingRepeats(body, title, post);
        post.BodyHtml = BodyToHtml(body);

        if (post.BodyHtml.Length == 0)
            throw new ImportProblem(sourceName, string.IsNullOrWhiteSpace(title) ? "found no title and no story text." : $"found the header of “{title}” but no story text.");
        post.Title = string.IsNullOrWhiteSpace(title) ? TitleFromFileName(sourceName) : title;
        if (post.Part is null && post.TotalParts is null) { post.Part = 1; post.TotalParts = 1; }
        if (post.Warnings.Count == 0) post.Warnings.Add(ArchiveWarnings.ChoseNotToUse);
        return post;
    }

    // ---- The parts of a post ----

    /// <summary>Everything from the comment form or comment list on is the site's, not the story's.</summary>
    static List<Line> CutComments(List<Line> lines)
    {
        var cut = lines.FindIndex(l => CommentsStart().IsMatch(l.Text.Trim()));
        return cut > 0 ? lines.Take(cut).ToList() : lines;
    }

    /// <summary>
    /// A journal page goes on after the entry: its links, comments, the reply form's help, the profile box, the calendar,
    /// the tag cloud, the style credit. Once the story has begun, the first line only a page puts after an entry (or the
    /// first of the page's furniture an HTML page marked as it was read) ends it. Before the story such lines are the
    /// page's top (navigation, a sidebar printed first) and are only dropped.
    /// </summary>
    static List<Line> CutAfterEntry(List<Line> lines)
    {
        var storyBegun = false;
        var end = lines.Count;
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].Text.Trim();
            if (lines[i] == Furniture || EntryEnd().IsMatch(text) || IsEntryLinks(text))
            {
                if (storyBegun) { end = i; break; }
            }
            else if (!storyBegun && IsProse(text)) storyBegun = true;
        }
        return lines.Take(end).Select(l => l == Furniture ? Line.FromText("") : l).ToList();
    }

    /// <summary>A sentence of the story (or its notes), not a title, a header line, a date or a link: words ending as sentences end.</summary>
    static bool IsProse(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 2 && SentenceEnd().IsMatch(text)
        && KeyLine(text) is null && ParseDate(text) is null && !WroteIn().IsMatch(text) && !Chrome().IsMatch(text);

    /// <summary>An entry's or a comment's row of links: "12 comments | Leave a comment | Link", "(Reply) (Thread) (Link)".</summary>
    static bool IsEntryLinks(string text)
    {
        var items = text.Split(['|', '·', '•', '(', ')', '—', '[', ']'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return items.Length >= 2 && items.All(item => EntryLink().IsMatch(item));
    }

    /// <summary>Takes the "Tags:" line near the end ("character: clark kent, pairing: clark kent/lex luthor, ...") out of the lines.</summary>
    static List<string> TakeTagsFooter(List<Line> lines)
    {
        for (var i = lines.Count - 1; i >= 0 && i >= lines.Count - 15; i--)
        {
            var match = TagsFooter().Match(lines[i].Text.Trim());
            if (!match.Success) continue;
            lines.RemoveAt(i);
            return match.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        }
        return [];
    }

    static void ApplyTagsFooter(List<string> items, ParsedPost post)
    {
        foreach (var item in items)
        {
            var colon = item.IndexOf(':');
            if (colon < 0)
            {
                if (!NoiseTags.Contains(item)) ParsedPost.AddTag(post.Freeforms, Capitalise(item));
                continue;
            }
            var (key, value) = (item[..colon].Trim().ToLowerInvariant(), item[(colon + 1)..].Trim());
            if (value.Length == 0) continue;
            switch (key)
            {
                case "character" or "characters": ParsedPost.AddTag(post.Characters, Capitalise(value)); break;
                case "pairing" or "pairings" or "relationship" or "ship": ParsedPost.AddTag(post.Relationships, Capitalise(value)); break;
                case "fandom" or "fandoms": ParsedPost.AddTag(post.Fandoms, Capitalise(value)); break;
                case "rating": ApplyRating(post, value); break;
                case "warning" or "warnings": ApplyWarnings(post, value); break;
                case "author" or "writer" or "creator" or "remix author" or "remixer": post.AddCreator(ParseCreator(value)); break;
                case "original author" or "original writer":
                    if (post.RelatedWorks.FirstOrDefault(r => r.Author is null) is { } untold)
                        post.RelatedWorks[post.RelatedWorks.IndexOf(untold)] = untold with { Author = CleanName(value) };
                    else if (post.RelatedWorks.Count == 0) post.Notes.Add($"Original author: {CleanName(value)}");
                    break;
                // Genres, themes and any other key: an additional tag named by its value.
                default: ParsedPost.AddTag(post.Freeforms, Capitalise(value)); break;
            }
        }
    }

    /// <summary>The first line with a known key ("Title:", "Fandom:") among the first lines starts the header.</summary>
    static int FindHeader(List<Line> lines)
    {
        var seen = 0;
        for (var i = 0; i < lines.Count && seen < 25; i++)
        {
            if (lines[i].IsBlank) continue;
            seen++;
            if (KeyLine(lines[i].Text) is { Known: true }) return i;
        }
        return -1;
    }

    /// <summary>The lines above the header: "X wrote in community", a date line, and the subject line (returned). Anything else there is a note.</summary>
    static string? ReadTopMatter(List<Line> lines, ParsedPost post)
    {
        string? subject = null;
        foreach (var line in lines.Where(l => !l.IsBlank).Select(l => l.Text.Trim()))
        {
            if (WroteIn().Match(line) is { Success: true } wrote)
            {
                post.PostedBy = CleanName(wrote.Groups["poster"].Value);
                if (wrote.Groups["community"].Success) post.Community = CleanName(wrote.Groups["community"].Value);
            }
            else if (ParseDate(line) is { } date) post.PostedOn ??= date;
            else if (subject is null) subject = line;
            else post.Notes.Add(line);
        }
        return subject;
    }

    /// <summary>Reads "Key: value" lines from <paramref name="start"/>; returns where the story text begins.</summary>
    static int ReadHeader(List<Line> lines, int start, ParsedPost post)
    {
        var i = start;
        Field? open = null; // a key with an empty value takes the lines after it
        for (; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.IsBlank)
            {
                var next = lines.Skip(i + 1).FirstOrDefault(l => !l.IsBlank);
                if (next is null || KeyLine(next.Text) is not { Known: true }) { i++; break; }
                open = null;
                continue;
            }
            var text = line.Text.Trim();
            if (KeyLine(text) is { } key)
            {
                open = key.Value.Length == 0 ? key.Field : null;
                if (key.Field is { } field) Apply(post, field, key.Key, key.Value);
                else post.Notes.Add($"{key.Key}: {key.Value}");
            }
            else if (open is { } field) Apply(post, field, "", text);
            else post.Notes.Add(text);
        }
        return i;
    }

    static void Apply(ParsedPost post, Field field, string key, string value)
    {
        if (value.Length == 0) return;
        switch (field)
        {
            case Field.Title: post.Title ??= value; break;
            case Field.Creators: foreach (var creator in SplitCreators(value)) post.AddCreator(creator); break;
            case Field.Fandoms: foreach (var tag in SplitTags(value)) ParsedPost.AddTag(post.Fandoms, tag); break;
            case Field.Relationships: foreach (var tag in SplitTags(value)) ParsedPost.AddTag(post.Relationships, tag); break;
            case Field.Characters: foreach (var tag in SplitTags(value)) ParsedPost.AddTag(post.Characters, tag); break;
            case Field.Freeforms or Field.Genre: foreach (var tag in SplitTags(value)) ParsedPost.AddTag(post.Freeforms, Capitalise(tag)); break;
            case Field.Rating: ApplyRating(post, value); break;
            case Field.Warnings: ApplyWarnings(post, value); break;
            case Field.Category:
                foreach (var tag in SplitTags(value))
                    if (Category(tag) is { } category) ParsedPost.AddTag(post.Categories, category);
                    else ParsedPost.AddTag(post.Freeforms, Capitalise(tag));
                break;
            case Field.Summary: post.Summary = post.Summary is null ? value : $"{post.Summary}\n{value}"; break;
            case Field.Notes: post.Notes.Add(value); break;
            case Field.Disclaimer: post.Notes.Add($"Disclaimer: {value}"); break;
            case Field.Beta: post.Notes.Add($"Beta: {value}"); break;
            case Field.Spoilers: post.Notes.Add($"Spoilers: {value}"); break;
            case Field.Dedication: post.Notes.Add($"For {value}"); break;
            case Field.Prompt: post.Notes.Add($"{(key.Length > 0 ? Capitalise(key) : "Prompt")}: {value}"); break;
            case Field.Related: post.RelatedWorks.Add(ParseRelated(key, value)); break;
            case Field.Part:
                if (PartMarker().Match($"part {value}") is { Success: true } m) (post.Part, post.TotalParts) = (PartNumber(m), TotalNumber(m));
                break;
        }
    }

    /// <summary>Drops the repeated title line and a lone "Part 1/2" line from the top of the story text.</summary>
    static List<Line> DropLeadingRepeats(List<Line> body, string? title, ParsedPost post)
    {
        var start = 0;
        for (var pass = 0; pass < 4; pass++)
        {
            while (start < body.Count && body[start].IsBlank) start++;
            if (start >= body.Count) break;
            var text = body[start].Text.Trim();
            if (LonePartMarker().Match(text) is { Success: true } marker)
            {
                post.Part ??= PartNumber(marker);
                post.TotalParts ??= TotalNumber(marker);
                start++;
            }
            else if (title is not null && (SameText(text, title) || SameText(TakePartMarker(text).Title, title))) start++;
            else break;
        }
        return body.Skip(start).ToList();
    }

    /// <summary>Paragraphs from blank lines; scene-break lines and runs of two or more blank lines inside the prose become rules.</summary>
    static string BodyToHtml(List<Line> body)
    {
        var blocks = new List<string>();
        var paragraph = new List<string>();
        var blanks = 0;
        void End()
        {
            if (paragraph.Count > 0) blocks.Add($"<p>{string.Join("<br>\n", paragraph)}</p>");
            paragraph.Clear();
        }
        foreach (var line in body)
        {
            var text = line.Text.Trim();
            if (text.Length == 0) { End(); blanks++; continue; }
            if (SceneBreak().IsMatch(text)) { End(); blocks.Add("<hr>"); blanks = 0; continue; }
            if (blanks >= 2 && blocks.Count > 0 && blocks[^1] != "<hr>") blocks.Add("<hr>");
            blanks = 0;
            paragraph.Add(line.Html.Trim());
        }
        End();
        while (blocks.Count > 0 && blocks[0] == "<hr>") blocks.RemoveAt(0);
        while (blocks.Count > 0 && blocks[^1] == "<hr>") blocks.RemoveAt(blocks.Count - 1);
        for (var i = blocks.Count - 1; i > 0; i--) if (blocks[i] == "<hr>" && blocks[i - 1] == "<hr>") blocks.RemoveAt(i);
        return string.Join("\n", blocks);
    }

    // ---- Values ----

    /// <summary>AO3's rating for a rating as fans wrote it; the original text is kept as an additional tag.</summary>
    public static string MapRating(string value)
    {
        foreach (var candidate in new[] { value, value.Split([' ', '(', ',', ';', '/'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "" })
        {
            var key = candidate.Trim().TrimEnd('.').ToUpperInvariant().Replace(" ", "");
            switch (key)
            {
                case "G" or "PG" or "K" or "K+" or "FRC" or "GEN" or "GENERAL" or "GENERALAUDIENCES": return "General Audiences";
                case "PG-13" or "PG13" or "PG-15" or "PG15" or "T" or "TEEN" or "FRT" or "FR13" or "FR15" or "TEENANDUPAUDIENCES" or "TEENANDUP": return "Teen And Up Audiences";
                case "R" or "M" or "MATURE" or "FRM": return "Mature";
                case "NC-17" or "NC17" or "X" or "XXX" or "MA" or "E" or "EXPLICIT" or "FRAO" or "FR18" or "ADULT" or "NC-18": return "Explicit";
                case "NOTRATED" or "UNRATED": return Ratings.NotRated;
            }
        }
        return Ratings.NotRated;
    }

    static void ApplyRating(ParsedPost post, string value)
    {
        if (post.Rating == Ratings.NotRated) post.Rating = MapRating(value);
        // The fan scale the author used stays visible, unless it is AO3's own name.
        if (!Ratings.All.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase)) ParsedPost.AddTag(post.Freeforms, value.Trim().ToUpperInvariant().Length <= 6 ? value.Trim().ToUpperInvariant() : value.Trim());
    }

    static void ApplyWarnings(ParsedPost post, string value)
    {
        var lower = value.ToLowerInvariant();
        var found = new List<string>();
        if (Regex.IsMatch(lower, @"^\s*(none|no|n/?a|nothing|no warnings?( apply)?|none apply)\.?\s*$")) found.Add(ArchiveWarnings.NoneApply);
        if (lower.Contains("death")) found.Add("Major Character Death");
        if (lower.Contains("violence") || lower.Contains("gore")) found.Add("Graphic Depictions Of Violence");
        if (lower.Contains("rape") || lower.Contains("non-con") || lower.Contains("noncon") || lower.Contains("non con")) found.Add("Rape/Non-Con");
        if (lower.Contains("underage")) found.Add("Underage Sex");
        if (found.Count == 0 || found.Count < SplitTags(value).Count) post.Notes.Add($"Warnings: {value}");
        if (found.Count == 0) found.Add(ArchiveWarnings.ChoseNotToUse);
        foreach (var warning in found) ParsedPost.AddTag(post.Warnings, warning);
    }

    static string? Category(string value) => value.Trim().ToLowerInvariant() switch
    {
        "slash" or "m/m" or "mm" => "M/M",
        "femslash" or "f/f" or "ff" => "F/F",
        "het" or "f/m" or "m/f" => "F/M",
        "gen" or "general" => "Gen",
        "multi" or "poly" => "Multi",
        "other" => "Other",
        _ => null,
    };

    static ImportedRelation ParseRelated(string key, string value)
    {
        var relation = key.ToLowerInvariant() switch
        {
            "inspired by" or "based on" or "sequel to" => Relation.InspiredBy,
            "translation of" => Relation.TranslationOf,
            _ => Relation.RemixOf,
        };
        value = value.Trim().TrimEnd('.');
        var by = value.LastIndexOf(" by ", StringComparison.OrdinalIgnoreCase);
        var title = (by > 0 ? value[..by] : value).Trim().Trim('"', '“', '”', '\'', '‘', '’');
        var author = by > 0 ? CleanName(value[(by + 4)..]) : null;
        return new ImportedRelation(relation, title, author);
    }

    static IEnumerable<ImportedCreator> SplitCreators(string value) =>
        CreatorSeparators().Split(value).Select(v => v.Trim()).Where(v => v.Length > 0).Select(ParseCreator);

    static ImportedCreator ParseCreator(string value)
    {
        var (name, user) = Accounts.PseudReference.Parse(CleanName(value));
        return new ImportedCreator(CleanName(name), user is null ? null : CleanName(user));
    }

    /// <summary>"[livejournal.com profile] name", "@name" and the like are just the name.</summary>
    static string CleanName(string value) => ProfileMarker().Replace(value, "").Trim().TrimStart('@').Trim().TrimEnd(',', '.', ';').Trim();

    static List<string> SplitTags(string value) =>
        value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.TrimEnd('.')).Where(t => t.Length > 0).ToList();

    /// <summary>Names as readers write them: "clark kent/lex luthor" → "Clark Kent/Lex Luthor"; names already in mixed case stay.</summary>
    public static string Capitalise(string value)
    {
        value = value.Trim();
        if (value.Any(char.IsUpper)) return value;
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (i == 0 || chars[i - 1] is ' ' or '/' or '-' or '&' or '(' or '"' or '.')
                chars[i] = char.ToUpperInvariant(chars[i]);
        return new string(chars);
    }

    /// <summary>Dates as journals printed them: "Oct 24, 2008 23:17", "2008-10-24 23:17:00", "October 24th, 2008 at 11:17 pm".</summary>
    public static DateOnly? ParseDate(string line)
    {
        var text = line.Trim();
        if (text.Length > 60 || !Regex.IsMatch(text, @"\b(1[89]\d\d|20\d\d)\b")) return null;
        text = Ordinal().Replace(text, "$1");
        text = Regex.Replace(text, @"\s+at\s+", " ", RegexOptions.IgnoreCase);
        text = Regex.Replace(text, @"^(Posted( on)?|Date|Written|Entry)\s*:?\s*", "", RegexOptions.IgnoreCase);
        text = Regex.Replace(text, @"\s*\((UTC|GMT)?[^)]*\)\s*$", "");
        text = Regex.Replace(text, @"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+", "", RegexOptions.IgnoreCase);
        text = text.Replace("Sept ", "Sep ");
        string[] formats =
        [
            "MMM d, yyyy HH:mm", "MMM d, yyyy H:mm", "MMM d, yyyy h:mm tt", "MMM d, yyyy", "MMMM d, yyyy HH:mm", "MMMM d, yyyy h:mm tt", "MMMM d, yyyy",
            "MMM. d, yyyy h:mm tt", "MMM. d, yyyy HH:mm", "MMM. d, yyyy", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd", "d MMM yyyy", "d MMMM yyyy",
            "d MMM yyyy HH:mm", "d MMMM yyyy HH:mm", "dd MMM yyyy", "yyyy-MM-dd hh:mm tt", "yyyy-MM-dd h:mm tt", "MMM d yyyy", "MMMM d yyyy",
        ];
        return DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date)
            ? DateOnly.FromDateTime(date) : null;
    }

    /// <summary>"Fic: Title [Fandom; Pairing; Rating]" → "Title".</summary>
    static string CleanSubject(string subject)
    {
        var text = SubjectPrefix().Replace(subject.Trim(), "");
        text = TrailingBrackets().Replace(text, "").Trim();
        return text.Trim().TrimEnd(':', '-', '–', '—').Trim();
    }

    /// <summary>Takes "Part 1/2", "(1/3)", "Chapter 3", "[2/5]" off a title and returns its numbers.</summary>
    public static (string Title, int? Part, int? Total) TakePartMarker(string title)
    {
        var match = PartMarker().Match(title);
        if (!match.Success) return (title.Trim(), null, null);
        var rest = (title[..match.Index] + title[(match.Index + match.Length)..]).Trim().TrimEnd(':', '-', '–', '—', ',').Trim();
        return (rest.Length == 0 ? title.Trim() : rest, PartNumber(match), TotalNumber(match));
    }

    static int? PartNumber(Match match) => int.TryParse(match.Groups["part"].Value, out var n) ? n : WordNumber(match.Groups["part"].Value);
    static int? TotalNumber(Match match) => int.TryParse(match.Groups["total"].Value, out var n) ? n : null;
    static int? WordNumber(string word) => Array.IndexOf(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"], word.ToLowerInvariant()) is var i and >= 0 ? i + 1 : null;

    static bool SameText(string a, string b) => Comparable(a) == Comparable(b);
    static string Comparable(string s) => new(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    static string TitleFromFileName(string name)
    {
        var stem = Path.GetFileNameWithoutExtension(name).Replace('_', ' ').Replace('-', ' ').Trim();
        return stem.Length == 0 ? "Untitled" : stem;
    }

    /// <summary>A key line inside a header: a short key, a colon, a value. Known keys are recognised in any case.</summary>
    static (string Key, Field? Field, string Value, bool Known)? KeyLine(string text)
    {
        var match = KeyValue().Match(text.Trim());
        if (!match.Success || match.Groups["value"].Value.StartsWith("//")) return null;
        var key = match.Groups["key"].Value.Trim().Replace('’', '\'');
        var field = Keys.TryGetValue(key, out var f) ? f : Keys.TryGetValue(key.TrimEnd('s'), out f) ? f : (Field?)null;
        return (key, field, match.Groups["value"].Value.Trim(), field is not null);
    }

    /// <summary>Drops chrome lines anywhere, and single navigation words among the first and last few lines.</summary>
    static List<Line> RemoveChrome(List<Line> lines)
    {
        var kept = lines.Where(l => !Chrome().IsMatch(l.Text.Trim())).ToList();
        var textual = kept.Select((l, i) => (l, i)).Where(x => !x.l.IsBlank).Select(x => x.i).ToList();
        var edges = textual.Take(2).Concat(textual.TakeLast(6)).ToHashSet();
        return kept.Where((l, i) => !(edges.Contains(i) && EdgeChrome().IsMatch(l.Text.Trim()))).ToList();
    }

    static bool LooksLikeHtml(string text) => HtmlMarkup().Matches(text.Length > 20000 ? text[..20000] : text).Count >= 3;

    // ---- HTML posts ----

    static readonly HashSet<string> Inline = ["em", "i", "strong", "b", "u", "s", "strike", "del", "ins", "sub", "sup", "small", "big", "abbr", "cite", "q", "span", "font", "tt", "code"];
    static readonly HashSet<string> Dropped = ["script", "style", "head", "noscript", "form", "nav", "iframe", "svg", "button", "select", "textarea", "template", "aside", "footer"];

    // Journal pages wrap their sidebars in elements named for what they are.
    static readonly string[] Widgets = ["calendar", "sidebar", "profile", "userpic", "tagcloud", "tag-cloud", "tags-cloud", "navigation", "navbar", "footer", "comment", "module", "header-bar", "sitenav"];

    /// <summary>Stands where an HTML page's furniture was left out, so the entry's end is known; no text can be this line.</summary>
    static readonly Line Furniture = new("\0", "");

    static bool IsWidget(AngleSharp.Dom.IElement element)
    {
        var names = $"{element.GetAttribute("class")} {element.GetAttribute("id")}".ToLowerInvariant();
        return names.Trim().Length > 0 && Widgets.Any(names.Contains);
    }

    /// <summary>An HTML page as lines: block elements end lines, paragraphs end with a blank line, inline emphasis is kept.</summary>
    static List<Line> HtmlToLines(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var root = document.QuerySelector(".entry-content, .b-singlepost-body, .entry_text, .entry-body, article") is { } entry
            ? entry : (AngleSharp.Dom.INode?)document.Body ?? document.DocumentElement;
        var lines = new List<Line>();
        // Journal pages keep the subject and date outside the entry's text.
        if (root != document.Body)
        {
            foreach (var selector in new[] { ".entry-title, .b-singlepost-title, .subject, h1", ".datetime, time, .entry-date, .b-singlepost-author-date" })
                if (document.QuerySelector(selector) is { } extra) { lines.Add(Line.FromText(extra.TextContent.Trim())); lines.Add(Line.FromText("")); }
        }
        var text = new StringBuilder();
        var markup = new StringBuilder();
        void Break(bool blank = false)
        {
            lines.Add(new Line(text.ToString(), markup.ToString()));
            text.Clear();
            markup.Clear();
            if (blank) lines.Add(new Line("", ""));
        }
        void Walk(AngleSharp.Dom.INode node)
        {
            switch (node)
            {
                case AngleSharp.Dom.IText t:
                    var value = Regex.Replace(t.Data, @"\s+", " ");
                    text.Append(value);
                    markup.Append(Encode(value));
                    break;
                case AngleSharp.Dom.IElement e when IsWidget(e) || e.LocalName is "form" or "nav" or "aside" or "footer":
                    // The page's furniture: where the entry ends, if the story has begun (CutAfterEntry).
                    if (text.Length > 0) Break();
                    lines.Add(Furniture);
                    break;
                case AngleSharp.Dom.IElement e when Dropped.Contains(e.LocalName): break;
                case AngleSharp.Dom.IElement { LocalName: "br" }: Break(); break;
                case AngleSharp.Dom.IElement { LocalName: "hr" }: Break(); lines.Add(Line.FromText("* * *")); break;
                case AngleSharp.Dom.IElement e when Inline.Contains(e.LocalName) || e.LocalName == "a":
                    var tag = e.LocalName is "b" ? "strong" : e.LocalName is "i" ? "em" : e.LocalName;
                    var keep = tag is not ("span" or "font" or "a");
                    if (keep) markup.Append('<').Append(tag).Append('>');
                    foreach (var child in e.ChildNodes) Walk(child);
                    if (keep) markup.Append("</").Append(tag).Append('>');
                    break;
                case AngleSharp.Dom.IElement e:
                    var blank = e.LocalName is "p" or "blockquote" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "ul" or "ol" or "table";
                    if (text.Length > 0) Break();
                    foreach (var child in e.ChildNodes) Walk(child);
                    if (text.Length > 0 || blank) Break(blank);
                    break;
                default:
                    foreach (var child in node.ChildNodes) Walk(child);
                    break;
            }
        }
        Walk(root);
        if (text.Length > 0) Break();
        return lines;
    }

    // ---- Patterns ----

    static readonly HashSet<string> NoiseTags = new(StringComparer.OrdinalIgnoreCase) { "fic", "fics", "fanfic", "fanfiction", "fan fiction", "my fic", "my fics", "writing", "fic post", "fiction" };

    // "flava_page (flava_page) wrote in remix_redux," or "[personal profile] name wrote in [community profile] comm": journal names, not prose.
    [GeneratedRegex(@"^(?:\[[^\]]+\]\s*)?(?<poster>[\w.-]+)(?:\s*\((?<poster2>[^)]+)\))?\s+wrote(?:\s+in\s+(?:\[[^\]]+\]\s*)?(?<community>[\w.-]+))?\s*[,:]?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex WroteIn();

    [GeneratedRegex(@"^(?:•\s*)?(?:Post a new comment|Leave a comment|Add a comment|Post comment|Comment form|Reply form|\d+\s+comments?|Comments \(\d+\)|Read comments?|Add to memories)$", RegexOptions.IgnoreCase)]
    private static partial Regex CommentsStart();

    // Site chrome that no story line looks like, removed wherever it stands.
    [GeneratedRegex(@"^(?:[«‹<]?\s*(?:Previous|Prev|Next) (?:post|entry)\s*[»›>]?(?:\s*[|·]?\s*[«‹<]?\s*(?:Previous|Prev|Next) (?:post|entry)\s*[»›>]?)?|Share This Entry|Tell a friend|Edit tags|Edit Entry|Track This|Add Memory|Add to memories|\(no subject\)|Page generated .*|Powered by .*|\(Reply\)|\(Thread\)|\(Link\)|\(\s*\d+ comments?.*\)|\d+ comments?|Your reply will be screened|This account has disabled anonymous posting\.?|default userpic|.*reCAPTCHA.*|You must follow the Privacy Policy.*|Expand Cut Tags|No cut tags|(?:(?:Sun|Mon|Tue|Wed|Thu|Fri|Sat)\s*){7}|(?:[SMTWF]\s+){6}[SMTWF]|(?:\d{1,2}\s+){6}\d{1,2})$", RegexOptions.IgnoreCase)]
    private static partial Regex Chrome();

    // Single navigation words: chrome at a post's edges, but could be a one-word paragraph inside a story.
    [GeneratedRegex(@"^(?:Up|Link|Reply|Thread|Flag|Share|Back|Home|Top|Memories|Previous|Prev|Next|[«‹]\s*(?:Previous|Prev)|Next\s*[»›])$", RegexOptions.IgnoreCase)]
    private static partial Regex EdgeChrome();

    // Lines a journal page puts only after an entry: its navigation, sharing links, the style credit and page footer,
    // the sidebar's own headings, a calendar's days. "Tags:" is not one: the footer is read from before the end.
    [GeneratedRegex(@"^(?:[«‹<]?\s*(?:Previous|Prev|Next) (?:post|entry)\b.*|Share This Entry|Tell a friend|Edit Entry|Edit tags|Track This|Add Memory|Add to memories|Flag this entry|Post a new comment|Leave a comment|Post comment|Read comments|\(?\s*\d+ comments?\b.*|Style Credits?\b.*|Page generated .*|Powered by (?:LiveJournal|Dreamwidth|InsaneJournal|Dreamwidth Studios)\b.*|Page Summary|Expand Cut Tags|No cut tags|Most Popular Tags|Latest Month|(?:(?:Sun|Mon|Tue|Wed|Thu|Fri|Sat)\s*){7}|(?:[SMTWF]\s+){6}[SMTWF])$", RegexOptions.IgnoreCase)]
    private static partial Regex EntryEnd();

    // One link of an entry's or a comment's row of links.
    [GeneratedRegex(@"^(?:\d+ comments?|no comments|Leave a comment|Post a new comment|Add a comment|Comment|Reply|Thread|Parent|Link|Share|Share This Entry|Flag|Track This|Add to memories|Add Memory|Tell a friend|Edit Entry|Edit tags|Expand|Collapse|Read comments)$", RegexOptions.IgnoreCase)]
    private static partial Regex EntryLink();

    [GeneratedRegex(@"\p{L}.*[.!?…""”’'](?:\s*\)?)?$")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"^Tags?\s*:\s*(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex TagsFooter();

    [GeneratedRegex(@"^(?<key>[A-Za-z][A-Za-z'’/. ()-]{0,28}?)\s*:\s*(?<value>.*)$")]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"(?:\b(?:Part|Chapter|Ch\.?|Pt\.?)\s*(?<part>\d+|one|two|three|four|five|six|seven|eight|nine|ten)(?:\s*(?:/|of)\s*(?<total>\d+|\?))?\b\??|\((?<part>\d+)\s*(?:/|of)\s*(?<total>\d+|\?)\)|\[(?<part>\d+)\s*(?:/|of)\s*(?<total>\d+|\?)\])", RegexOptions.IgnoreCase)]
    private static partial Regex PartMarker();

    [GeneratedRegex(@"^[(\[]?(?:(?:Part|Chapter)\s+(?<part>\d+|one|two|three|four|five|six|seven|eight|nine|ten)(?:\s*(?:/|of)\s*(?<total>\d+|\?))?|(?<part>\d+)\s*/\s*(?<total>\d+))[)\]]?[:.]?$", RegexOptions.IgnoreCase)]
    private static partial Regex LonePartMarker();

    [GeneratedRegex(@"^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:~\s*){3,}|(?:=\s*){3,}|(?:#\s*){3,}|(?:_\s*){3,}|(?:\+\s*){3,}|(?:o0)+o|(?:0o)+0|(?:oO)+o|(?:Oo)+O|(?:xX)+x|(?:Xx)+X|§+|\*\*\*.*\*\*\*)$")]
    private static partial Regex SceneBreak();

    [GeneratedRegex(@"^(?:Fic|FIC|Fanfic|Fan fic|Fanfiction|New fic|Story|Drabble|Ficlet)\s*[:\-–]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex SubjectPrefix();

    [GeneratedRegex(@"\s*[\[{][^\]}]*[\]}]\s*$")]
    private static partial Regex TrailingBrackets();

    [GeneratedRegex(@"\[(?:[a-z.]+\s+)?(?:personal |community |syndicated |openid )?profile\]\s*|\((?:[a-z.]+\s+)?profile\)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ProfileMarker();

    [GeneratedRegex(@"\s+(?:and|&)\s+|\s*,\s*|\s*;\s*", RegexOptions.IgnoreCase)]
    private static partial Regex CreatorSeparators();

    [GeneratedRegex(@"\b(\d{1,2})(?:st|nd|rd|th)\b")]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"<(?:p|br|div|html|body|span|em|i|b|strong|a)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlMarkup();
}
