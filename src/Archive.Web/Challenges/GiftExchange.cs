using Archive.Web.Database;
using Archive.Web.Tags;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Challenges;

/// <summary>A gift exchange's matching, assignments and their fulfilment.</summary>
public sealed class GiftExchange(ArchiveDbContext db, Mail.OutgoingMail mail)
{
    /// <summary>Every sign-up as matching sees it: its requests' and offers' tags by type. One query.</summary>
    public async Task<List<Participant>> ParticipantsAsync(int challengeId)
    {
        var rows = await db.Prompts.AsNoTracking().Where(p => p.ChallengeId == challengeId)
            .Join(db.SignUps, p => p.SignUpId, s => s.Id, (p, s) => new { p.SignUpId, s.UserId, p.Kind, p.TagIds }).ToListAsync();
        var signUps = await db.SignUps.AsNoTracking().Where(s => s.ChallengeId == challengeId).Select(s => new { s.Id, s.UserId }).OrderBy(s => s.Id).ToListAsync();
        int[] allTags = [.. rows.SelectMany(r => r.TagIds).Distinct()];
        var types = await db.Tags.AsNoTracking().Where(t => allTags.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Type);
        PromptTags Tags(int[] ids) => new(
            [.. ids.Where(id => types.GetValueOrDefault(id) == TagType.Fandom).Order()],
            [.. ids.Where(id => types.GetValueOrDefault(id) == TagType.Character).Order()],
            [.. ids.Where(id => types.GetValueOrDefault(id) == TagType.Relationship).Order()]);
        var bySignUp = rows.ToLookup(r => r.SignUpId);
        return [.. signUps.Select(s => new Participant(s.Id, s.UserId,
            [.. bySignUp[s.Id].Where(p => p.Kind == PromptKind.Request).Select(p => Tags(p.TagIds))],
            [.. bySignUp[s.Id].Where(p => p.Kind == PromptKind.Offer).Select(p => Tags(p.TagIds))]))];
    }

    public static MatchRules RulesOf(Challenge challenge) => new(challenge.MatchFandoms, challenge.MatchCharacters, challenge.MatchRelationships);

    /// <summary>
    /// Matches everyone anew (<paramref name="keepCurrent"/> false) or matches those without a partner around the pairs
    /// there are; unsent assignments are replaced. Returns the result, with reasons for whoever is left.
    /// </summary>
    public async Task<MatchResult> MatchAsync(Challenge challenge, bool keepCurrent)
    {
        var people = await ParticipantsAsync(challenge.Id);
        var current = await db.Assignments.Where(a => a.ChallengeId == challenge.Id).ToListAsync();
        var kept = keepCurrent ? current.Where(a => a.WriterSignUpId is not null).ToDictionary(a => a.RecipientSignUpId, a => a.WriterSignUpId!.Value) : null;
        var result = GiftExchangeMatching.Match(people, RulesOf(challenge), kept);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Assignments.Where(a => a.ChallengeId == challenge.Id).ExecuteDeleteAsync();
        foreach (var person in people)
            db.Assignments.Add(new Assignment
            {
                ChallengeId = challenge.Id, RecipientSignUpId = person.SignUpId,
                WriterSignUpId = result.WriterFor.TryGetValue(person.SignUpId, out var writer) ? writer : null,
            });
        await db.Challenges.Where(c => c.Id == challenge.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.MatchedAt, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return result;
    }

    /// <summary>Sends each matched writer their assignment: to their inbox, and by email.</summary>
    public async Task<int> SendAsync(Challenge challenge, Collections.Collection collection)
    {
        var now = DateTimeOffset.UtcNow;
        var unsent = await db.Assignments.Where(a => a.ChallengeId == challenge.Id && a.SentAt == null && (a.WriterSignUpId != null || a.PinchHitterUserId != null)).ToListAsync();
        foreach (var assignment in unsent) assignment.SentAt = now;
        await db.Challenges.Where(c => c.Id == challenge.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.AssignmentsSentAt, now));
        await db.SaveChangesAsync();
        await MailAsync([.. unsent.Select(a => a.Id)], collection, challenge);
        return unsent.Count;
    }

    /// <summary>Emails these assignments' writers: who each writes for, with the writers and recipients read in one query.</summary>
    async Task MailAsync(int[] assignmentIds, Collections.Collection collection, Challenge challenge)
    {
        var letters = await (from a in db.Assignments.AsNoTracking()
                             where assignmentIds.Contains(a.Id)
                             let writerUserId = a.PinchHitterUserId ?? db.SignUps.Where(s => s.Id == a.WriterSignUpId).Select(s => (int?)s.UserId).FirstOrDefault()
                             from w in db.Users.Where(u => u.Id == writerUserId)
                             join r in db.SignUps on a.RecipientSignUpId equals r.Id
                             select new { a.Id, w.UserName, w.Email, Recipient = r.Pseud.Name + " (" + r.Pseud.User.UserName + ")" }).ToListAsync();
        var due = challenge.AssignmentsDueAt is { } at ? $" It is due {Dates.Show(at, challenge.TimeZone)}." : "";
        foreach (var letter in letters.Where(l => l.Email is { Length: > 0 }))
            await mail.SendAsync(letter.Email!, $"Your assignment for {collection.Title}",
                $"Hello {letter.UserName},\n\nYou are writing for {letter.Recipient} in {collection.Title}.{due}\n\nTheir requests: {mail.Site}/assignments/{letter.Id}\n\n" +
                $"Post your work to the collection “{collection.Name}” and it will be their gift.\n");
    }

    /// <summary>
    /// A work posted to a collection whose exchange this person is writing for: the assignment is fulfilled and the work
    /// becomes a gift to its recipient. Call inside the transaction that saves the work.
    /// </summary>
    public async Task FulfilAsync(int workId, int userId, IReadOnlyCollection<int> collectionIds)
    {
        if (collectionIds.Count == 0) return;
        int[] ids = [.. collectionIds];
        var open = await db.Assignments
            .Where(a => a.SentAt != null && a.FulfilledAt == null && a.DefaultedAt == null
                && (a.PinchHitterUserId == userId || (a.PinchHitterUserId == null && db.SignUps.Any(s => s.Id == a.WriterSignUpId && s.UserId == userId)))
                && db.Challenges.Any(c => c.Id == a.ChallengeId && ids.Contains(c.CollectionId)))
            .ToListAsync();
        foreach (var assignment in open)
        {
            assignment.WorkId = workId;
            assignment.FulfilledAt = DateTimeOffset.UtcNow;
            var pseudId = await db.SignUps.Where(s => s.Id == assignment.RecipientSignUpId).Select(s => s.PseudId).SingleAsync();
            if (!await db.Gifts.AnyAsync(g => g.WorkId == workId && g.PseudId == pseudId))
                db.Gifts.Add(new Gifts.Gift { WorkId = workId, PseudId = pseudId, CreatedAt = DateTimeOffset.UtcNow });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Someone else writes this assignment: sent to them at once if assignments are out.</summary>
    public async Task PinchHitAsync(Assignment assignment, int userId, Challenge challenge, Collections.Collection collection)
    {
        assignment.PinchHitterUserId = userId;
        assignment.DefaultedAt = null;
        if (challenge.AssignmentsSentAt is not null) assignment.SentAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync();
        if (assignment.SentAt is not null) await MailAsync([assignment.Id], collection, challenge);
    }
}

/// <summary>Dates as a challenge's pages show them: in the maintainers' time zone, named.</summary>
public static class Dates
{
    public static string Show(DateTimeOffset at, string timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        return $"{TimeZoneInfo.ConvertTime(at, zone):d MMM yyyy HH:mm} ({zone.Id})";
    }
}
