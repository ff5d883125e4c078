using Archive.Web.Database;
using Archive.Web.Tags;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Challenges;

/// <summary>A challenge's settings as its owners type them; dates are local to <see cref="TimeZone"/>.</summary>
public sealed class ChallengeForm
{
    public ChallengeKind Kind { get; set; }
    public bool SignUpsOpen { get; set; }
    public DateTime? SignUpsOpenAt { get; set; }
    public DateTime? SignUpsCloseAt { get; set; }
    public DateTime? AssignmentsDueAt { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public int RequestsMin { get; set; } = 1;
    public int RequestsMax { get; set; } = 1;
    public int OffersMin { get; set; } = 1;
    public int OffersMax { get; set; } = 1;
    public int FandomsMin { get; set; } = 1;
    public int FandomsMax { get; set; } = 1;
    public int CharactersMin { get; set; }
    public int CharactersMax { get; set; } = 3;
    public int RelationshipsMin { get; set; }
    public int RelationshipsMax { get; set; } = 1;
    public int MatchFandoms { get; set; } = 1;
    public int MatchCharacters { get; set; }
    public int MatchRelationships { get; set; }

    public const int MostPrompts = 10, MostTags = 10;

    public static ChallengeForm From(Challenge c)
    {
        var zone = Zone(c.TimeZone);
        DateTime? Local(DateTimeOffset? at) => at is { } t ? TimeZoneInfo.ConvertTime(t, zone).DateTime : null;
        return new()
        {
            Kind = c.Kind, SignUpsOpen = c.SignUpsOpen, SignUpsOpenAt = Local(c.SignUpsOpenAt), SignUpsCloseAt = Local(c.SignUpsCloseAt), AssignmentsDueAt = Local(c.AssignmentsDueAt),
            TimeZone = c.TimeZone, RequestsMin = c.RequestsMin, RequestsMax = c.RequestsMax, OffersMin = c.OffersMin, OffersMax = c.OffersMax,
            FandomsMin = c.FandomsMin, FandomsMax = c.FandomsMax, CharactersMin = c.CharactersMin, CharactersMax = c.CharactersMax,
            RelationshipsMin = c.RelationshipsMin, RelationshipsMax = c.RelationshipsMax, MatchFandoms = c.MatchFandoms, MatchCharacters = c.MatchCharacters, MatchRelationships = c.MatchRelationships,
        };
    }

    static TimeZoneInfo Zone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>Checks the numbers and dates and copies them onto the challenge; a message beside each bad field.</summary>
    public void Apply(Challenge challenge, ModelStateDictionary errors)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone)) errors.AddModelError(nameof(TimeZone), "Please choose a time zone from the list.");
        zone ??= TimeZoneInfo.Utc;
        // Stored in UTC (PostgreSQL keeps instants); shown again in the zone they were written in.
        DateTimeOffset? At(DateTime? local) => local is { } l ? new DateTimeOffset(DateTime.SpecifyKind(l, DateTimeKind.Unspecified), zone.GetUtcOffset(DateTime.SpecifyKind(l, DateTimeKind.Unspecified))).ToUniversalTime() : null;
        void Range(string min, int minValue, string max, int maxValue, string what, int most)
        {
            if (minValue < 0 || maxValue < 0 || minValue > most || maxValue > most) errors.AddModelError(max, $"{what}: between 0 and {most}.");
            else if (minValue > maxValue) errors.AddModelError(max, $"{what}: the most can't be fewer than the least ({minValue}).");
        }
        Range(nameof(RequestsMin), RequestsMin, nameof(RequestsMax), RequestsMax, "Requests", MostPrompts);
        Range(nameof(OffersMin), OffersMin, nameof(OffersMax), OffersMax, "Offers", MostPrompts);
        Range(nameof(FandomsMin), FandomsMin, nameof(FandomsMax), FandomsMax, "Fandoms per prompt", MostTags);
        Range(nameof(CharactersMin), CharactersMin, nameof(CharactersMax), CharactersMax, "Characters per prompt", MostTags);
        Range(nameof(RelationshipsMin), RelationshipsMin, nameof(RelationshipsMax), RelationshipsMax, "Relationships per prompt", MostTags);
        if (Kind == ChallengeKind.GiftExchange && RequestsMax < 1) errors.AddModelError(nameof(RequestsMax), "A gift exchange needs at least one request per sign-up.");
        if (Kind == ChallengeKind.GiftExchange && OffersMax < 1) errors.AddModelError(nameof(OffersMax), "A gift exchange needs at least one offer per sign-up.");
        if (MatchFandoms < 0 || MatchFandoms > FandomsMax) errors.AddModelError(nameof(MatchFandoms), $"Fandoms in common: between 0 and the most a prompt holds ({FandomsMax}).");
        if (MatchCharacters < 0 || MatchCharacters > CharactersMax) errors.AddModelError(nameof(MatchCharacters), $"Characters in common: between 0 and the most a prompt holds ({CharactersMax}).");
        if (MatchRelationships < 0 || MatchRelationships > RelationshipsMax) errors.AddModelError(nameof(MatchRelationships), $"Relationships in common: between 0 and the most a prompt holds ({RelationshipsMax}).");
        var (opens, closes) = (At(SignUpsOpenAt), At(SignUpsCloseAt));
        if (opens is not null && closes is not null && closes <= opens) errors.AddModelError(nameof(SignUpsCloseAt), "Sign-ups must close after they open.");
        if (!errors.IsValid) return;

        challenge.Kind = Kind;
        challenge.SignUpsOpen = SignUpsOpen;
        (challenge.SignUpsOpenAt, challenge.SignUpsCloseAt, challenge.AssignmentsDueAt) = (opens, closes, At(AssignmentsDueAt));
        challenge.TimeZone = zone.Id;
        (challenge.RequestsMin, challenge.RequestsMax, challenge.OffersMin, challenge.OffersMax) = (RequestsMin, RequestsMax, OffersMin, OffersMax);
        (challenge.FandomsMin, challenge.FandomsMax, challenge.CharactersMin, challenge.CharactersMax) = (FandomsMin, FandomsMax, CharactersMin, CharactersMax);
        (challenge.RelationshipsMin, challenge.RelationshipsMax) = (RelationshipsMin, RelationshipsMax);
        (challenge.MatchFandoms, challenge.MatchCharacters, challenge.MatchRelationships) = (MatchFandoms, MatchCharacters, MatchRelationships);
    }
}

/// <summary>A request or offer as typed: tag names by type, separated by commas.</summary>
public sealed class PromptForm
{
    public string? Fandoms { get; set; }
    public string? Characters { get; set; }
    public string? Relationships { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public bool IsAnonymous { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Fandoms) && string.IsNullOrWhiteSpace(Characters) && string.IsNullOrWhiteSpace(Relationships) && string.IsNullOrWhiteSpace(Description);

    public string? NamesOf(TagType type) => type switch { TagType.Fandom => Fandoms, TagType.Character => Characters, _ => Relationships };
}

/// <summary>A sign-up as typed: the pseud, and the requests and offers (empty rows left out).</summary>
public sealed class ChallengeSignUpForm
{
    public int PseudId { get; set; }
    public List<PromptForm> Requests { get; set; } = [];
    public List<PromptForm> Offers { get; set; } = [];
}

/// <summary>Reads prompts against a challenge's tag set.</summary>
public static class PromptTagsCheck
{
    /// <summary>
    /// The prompts' tags as ids (canonical) by type; a message for each name that isn't in the tag set, or too few or too
    /// many of a type. Prompt memes with no tag set take any existing or new tag.
    /// </summary>
    public static async Task<List<(PromptForm Form, int[] TagIds)>> CheckAsync(ArchiveDbContext db, Challenge challenge, List<PromptForm> prompts, string field, string what, ModelStateDictionary errors)
    {
        var set = await db.ChallengeTags.AsNoTracking().Where(t => t.ChallengeId == challenge.Id && t.IsApproved)
            .Select(t => new { t.TagId, t.Tag.NormalizedName, t.Tag.Type }).ToListAsync();
        var free = challenge.Kind == ChallengeKind.PromptMeme && set.Count == 0;
        var checkedPrompts = new List<(PromptForm, int[])>();
        for (var i = 0; i < prompts.Count; i++)
        {
            var prompt = prompts[i];
            var ids = new List<int>();
            foreach (var type in Challenge.PromptTagTypes)
            {
                var names = TagList.Parse(prompt.NamesOf(type));
                var (min, max) = challenge.TagsAllowed(type);
                var key = $"{field}[{i}].{type switch { TagType.Fandom => "Fandoms", TagType.Character => "Characters", _ => "Relationships" }}";
                if (names.Count < min || names.Count > max)
                    errors.AddModelError(key, min == max ? $"{what} {i + 1}: name {min} {TagTypes.Plural(type).ToLowerInvariant()}." : $"{what} {i + 1}: name between {min} and {max} {TagTypes.Plural(type).ToLowerInvariant()}.");
                foreach (var name in names)
                {
                    if (free)
                    {
                        if (TagList.NameProblem(name, 150) is { } problem)
                            errors.AddModelError(key, problem);
                        else ids.Add(await WorkTagging.EnsureTagAsync(db, type, name));
                    }
                    else if (set.FirstOrDefault(t => t.NormalizedName == Tag.Normalize(name) && t.Type == type) is { } inSet) ids.Add(inSet.TagId);
                    else errors.AddModelError(key, $"“{name}” isn't in this challenge's {TagTypes.Plural(type).ToLowerInvariant()}; choose from its tag set.");
                }
            }
            checkedPrompts.Add((prompt, [.. ids.Distinct().Order()]));
        }
        return checkedPrompts;
    }
}
