using System.Text;
using Archive.Web.Accounts;
using Archive.Web.Collections;
using Archive.Web.Database;
using Archive.Web.Errors;
using Archive.Web.Tags;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Challenges;

/// <summary>An assignment as the maintainers' pages list it.</summary>
public sealed record AssignmentRow(int Id, int RecipientSignUpId, string Recipient, int? WriterSignUpId, string? Writer, string? PinchHitter,
    DateTimeOffset? SentAt, DateTimeOffset? DefaultedAt, int? WorkId, string? WorkTitle)
{
    public string Status => WorkId is not null ? "posted" : DefaultedAt is not null ? "defaulted" : Writer is null && PinchHitter is null ? "unmatched" : SentAt is null ? "not sent" : "open";
}
public sealed record MatchingPage(Collection Collection, Challenge Challenge, List<AssignmentRow> Assignments, Dictionary<int, string> Reasons, int SignUps, int PossiblePairs);
public sealed record DashboardPage(Collection Collection, Challenge Challenge, int SignUps, List<AssignmentRow> Assignments);
/// <summary>A writer's assignment: whom for, and what they asked for.</summary>
public sealed record AssignmentPage(int Id, Collection Collection, Challenge Challenge, string Recipient, List<(string Title, string Description, List<TagLinkName> Tags)> Requests,
    DateTimeOffset? DefaultedAt, int? WorkId);
public sealed record TagLinkName(string Name, TagType Type);
public sealed record MyAssignment(int Id, string CollectionName, string CollectionTitle, string Recipient, DateTimeOffset? Due, string TimeZone, string Status);

/// <summary>A gift exchange's matching and assignments: the maintainers' side, and each writer's.</summary>
[Authorize]
public sealed class AssignmentsController(ArchiveDbContext db, GiftExchange exchange) : Controller
{
    int CurrentUserId => User.UserId()!.Value;
    const string OnlyMaintainers = "Only the collection's owners and moderators can see and change its matching and assignments.";

    async Task<(Collection? Collection, Challenge? Challenge)> FindAsync(string name)
    {
        var collection = await db.FindCollectionAsync(name);
        var challenge = collection is null ? null : await db.Challenges.AsNoTracking().SingleOrDefaultAsync(c => c.CollectionId == collection.Id && c.Kind == ChallengeKind.GiftExchange);
        return (collection, challenge);
    }

    Task<List<AssignmentRow>> RowsAsync(int challengeId) =>
        (from a in db.Assignments.AsNoTracking()
         where a.ChallengeId == challengeId
         join r in db.SignUps on a.RecipientSignUpId equals r.Id
         orderby r.Id
         select new AssignmentRow(a.Id, r.Id, r.Pseud.Name + " (" + r.Pseud.User.UserName + ")", a.WriterSignUpId,
             db.SignUps.Where(w => w.Id == a.WriterSignUpId).Select(w => w.Pseud.Name + " (" + w.Pseud.User.UserName + ")").FirstOrDefault(),
             db.Users.Where(u => u.Id == a.PinchHitterUserId).Select(u => u.UserName).FirstOrDefault(),
             a.SentAt, a.DefaultedAt, a.WorkId, db.Works.Where(w => w.Id == a.WorkId).Select(w => w.Title).FirstOrDefault())).ToListAsync();

    [HttpGet("/collections/{name}/matching")]
    public async Task<IActionResult> Matching(string name) => await MatchingPageAsync(name, null);

    async Task<IActionResult> MatchingPageAsync(string name, MatchResult? result)
    {
        var (collection, challenge) = await FindAsync(name);
        if (collection is null || challenge is null) return NotFound();
        if (!await db.IsMaintainerAsync(collection, CurrentUserId)) return this.Refuse(OnlyMaintainers);
        var rows = await RowsAsync(challenge.Id);
        // Reasons come from the last run in this request, or are worked out again for who is left.
        if (result is null && rows.Count > 0)
            result = GiftExchangeMatching.Match(await exchange.ParticipantsAsync(challenge.Id), GiftExchange.RulesOf(challenge),
                rows.Where(r => r.WriterSignUpId is not null).ToDictionary(r => r.RecipientSignUpId, r => r.WriterSignUpId!.Value));
        var signUps = await db.SignUps.CountAsync(s => s.ChallengeId == challenge.Id);
        var reasons = (result?.UnmatchedRecipients ?? []).ToDictionary(r => r.Key, r => "Has no writer: " + r.Value);
        foreach (var (id, why) in result?.UnmatchedWriters ?? [])
            reasons[id] = (reasons.TryGetValue(id, out var before) ? before + " " : "") + "Writes for nobody: " + why;
        return View("Matching", new MatchingPage(collection, challenge, rows, reasons, signUps, result?.PossiblePairs ?? 0));
    }

    /// <summary>Matches everyone anew, or (rest) those without a partner around the pairs there are.</summary>
    [HttpPost("/collections/{name}/matching/generate")]
    public async Task<IActionResult> Generate(string name, bool rest = false)
    {
        var (collection, challenge) = await FindAsync(name);
        if (collection is null || challenge is null) return NotFound();
        if (!await db.IsMaintainerAsync(collection, CurrentUserId)) return this.Refuse(OnlyMaintainers);
        if (challenge.AssignmentsSentAt is not null)
        {
            TempData["Notice"] = "Assignments are sent: change them one by one (pinch-hitters) on the assignments page.";
            return Redirect($"/collections/{collection.Name}/matching");
        }
        var result = await exchange.MatchAsync(challenge, keepCurrent: rest);
        TempData["Notice"] = $"Matched {result.WriterFor.Count} of {result.WriterFor.Count + result.UnmatchedRecipients.Count} sign-ups.";
        return await MatchingPageAsync(name, result);
    }

    /// <summary>A maintainer's own choice of writer for someone (or none).</summary>
    [HttpPost("/collections/{name}/matching/{recipientSignUpId:int}/writer")]
    public async Task<IActionResult> SetWriter(string name, int recipientSignUpId, string? writer)
    {
        var (collection, challenge) = await FindAsync(name);
        if (collection is null || challenge is null) return NotFound();
        if (!await db.IsMaintainerAsync(collection, CurrentUserId)) return this.Refuse(OnlyMaintainers);
        var assignment = await db.Assignments.SingleOrDefaultAsync(a => a.ChallengeId == challenge.Id && a.RecipientSignUpId == recipientSignUpId);
        if (assignment is null) return NotFound();
        if (assignment.SentAt is not null) TempData["Notice"] = "That assignment is sent: give it a pinch-hitter on the assignments page instead.";
        else if (string.IsNullOrWhiteSpace(writer)) { assignment.WriterSignUpId = null; await db.SaveChangesAsync(); TempData["Notice"] = "They have no writer now."; }
        else
        {
            var signUp = await db.SignUps.SingleOrDefaultAsync(s => s.ChallengeId == challenge.Id && db.Users.Any(u => u.Id == s.UserId && u.NormalizedUserName == Pseud.Normalize(writer.Trim())));
            if (signUp is null) TempData["Notice"] = $"“{writer.Trim()}” hasn't signed up for this challenge.";
            else if (signUp.Id == recipientSignUpId) TempData["Notice"] = "Nobody writes for themselves: choose someone else.";
            else
            {
                // They stop writing for whoever they were matched with: that person is left for another match.
                await db.Assignments.Where(a => a.ChallengeId == challenge.Id && a.WriterSignUpId == signUp.Id && a.SentAt == null)
                    .ExecuteUpdateAsync(a => a.SetProperty(x => x.WriterSignUpId, (int?)null));
                assignment.WriterSignUpId = signUp.Id;
                await db.SaveChangesAsync();
                TempData["Notice"] = $"{writer.Trim()} writes for them now.";
            }
        }
        return Redirect($"/collections/{collection.Name}/matching");
    }

    /// <summary>Another writer for one person, from those free to take them; everyone else keeps their match.</summary>
    [HttpPost("/collections/{name}/matching/{recipientSignUpId:int}/regenerate")]
    public async Task<IActionResult> Regenerate(string name, int recipientSignUpId)
    {
        var (collection, challenge) = await FindAsync(name);
        if (collection is null || challenge is null) return NotFound();
        if (!await db.IsMaintainerAsync(collection, CurrentUserId)) return this.Refuse(OnlyMaintainers);
        var assignment = await db.Assignments.SingleOrDefaultAsync(a => a.ChallengeId == challenge.Id && a.RecipientSignUpId == recipientSignUpId);
        if (assignment is null) return NotFound();
        if (assignment.SentAt is not null)
        {
            TempData["Notice"] = "That assignment is sent: give it a pinch-hitter on the assignments page instead.";
            return Redirect($"/collections/{collection.Name}/matching");
        }
        var people = await exchange.ParticipantsAsync(challenge.Id);
        var recipient = people.Single(p => p.SignUpId == recipientSignUpId);
        var busy = await db.Assignments.Where(a => a.ChallengeId == challenge.Id && a.WriterSignUpId != null).Select(a => a.WriterSignUpId!.Value).ToListAsync();
        var free = people.Where(p => p.SignUpId != assignment.WriterSignUpId && !busy.Contains(p.SignUpId) && GiftExchangeMatching.CanWriteFor(p, recipient, GiftExchange.RulesOf(challenge))).ToList();
        if (free.Count == 0) TempData["Notice"] = "No other writer who is free matches their requests: choose one by hand.";
        else
        {
            assignment.WriterSignUpId = free[Random.Shared.Next(free.Count)].SignUpId;
            await db.SaveChangesAsync();
            TempData["Notice"] = "They have a new writer; the one before is free for another match.";
        }
        return Redirect($"/collections/{collection.Name}/matching");
    }

    [HttpPost("/collections/{name}/assignments/send")]
    public async Task<IActionResult> Send(string name)
    {
        var (collection, challenge) = await FindAsync(name);
        if (collection is null || challenge is null) return NotFound();
        if (!await db.IsMaintainerAsync(collection, CurrentUserId)) return this.Refuse(OnlyMaintainers);
        var sent = await exchange.SendAsync(challenge, collection);
        TempData["Notice"] = $"Sent {sent} assignment{(sent == 1 ? "" : "s")}.";
        return Redirect($"/collections/{collection.Name}/assignments");
    }

    [HttpGet("/collections/{name}/assignments")]
    public async Task<IActionResult> Dashboard(string name)
    {
        var (collection, challenge) = await FindAsync(name);
        if (collection is null || challenge is null) return NotFound();
        if (!await db.IsMaintainerAsync(collection, CurrentUserId)) return this.Refuse(OnlyMaintainers);
        return View("Dashboard", new DashboardPage(collection, challenge, await db.SignUps.CountAsync(s => s.ChallengeId == challenge.Id), await RowsAsync(challenge.Id)));
    }

    [HttpPost("/collections/{name}/assignments/{id:int}/pinch-hit")]
    public async Task<IActionResult> PinchHit(string name, int id, string? userName)
    {
        var (collection, challenge) = await FindAsync(name);
        if (collection is null || challenge is null) return NotFound();
        if (!await db.IsMaintainerAsync(collection, CurrentUserId)) return this.Refuse(OnlyMaintainers);
        var assignment = await db.Assignments.SingleOrDefaultAsync(a => a.Id == id && a.ChallengeId == challenge.Id);
        if (assignment is null) return NotFound();
        var user = string.IsNullOrWhiteSpace(userName) ? null : await db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == Pseud.Normalize(userName.Trim()));
        var recipientUserId = await db.SignUps.Where(s => s.Id == assignment.RecipientSignUpId).Select(s => s.UserId).SingleAsync();
        if (user is null) TempData["Notice"] = $"There is no user called “{userName?.Trim()}”.";
        else if (user.Id == recipientUserId) TempData["Notice"] = "Nobody writes for themselves: choose someone else.";
        else
        {
            await exchange.PinchHitAsync(assignment, user.Id, challenge, collection);
            TempData["Notice"] = $"{user.UserName} is pinch-hitting{(assignment.SentAt is null ? "" : " and has been sent the assignment")}.";
        }
        return Redirect($"/collections/{collection.Name}/assignments");
    }

    /// <summary>Every sign-up as a spreadsheet: who, with which pseud, and each request and offer.</summary>
    [HttpGet("/collections/{name}/sign-ups.csv")]
    public async Task<IActionResult> SignUpsCsv(string name)
    {
        var (collection, challenge) = await FindAsync(name);
        if (collection is null || challenge is null) return NotFound();
        if (!await db.IsMaintainerAsync(collection, CurrentUserId)) return this.Refuse(OnlyMaintainers);
        var signUps = await db.SignUps.AsNoTracking().Where(s => s.ChallengeId == challenge.Id).OrderBy(s => s.Id)
            .Select(s => new { s.Pseud.User.UserName, Pseud = s.Pseud.Name, s.CreatedAt, Prompts = s.Prompts.OrderBy(p => p.Kind).ThenBy(p => p.Position).ToList() }).ToListAsync();
        int[] ids = [.. signUps.SelectMany(s => s.Prompts).SelectMany(p => p.TagIds).Distinct()];
        var names = await db.Tags.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => (t.Name, t.Type));
        var csv = new StringBuilder("user,pseud,signed up,kind,number,fandoms,relationships,characters,description\r\n");
        static string Cell(string value) => value.IndexOfAny([',', '"', '\r', '\n']) >= 0 || value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('-') || value.StartsWith('@')
            // Quoted, and a leading formula character defused, so a spreadsheet shows it as text.
            ? "\"" + (value.Length > 0 && "=+-@".Contains(value[0]) ? "'" : "") + value.Replace("\"", "\"\"") + "\"" : value;
        foreach (var s in signUps)
            foreach (var p in s.Prompts)
            {
                string Of(TagType type) => string.Join(", ", p.TagIds.Where(id => names.TryGetValue(id, out var t) && t.Type == type).Select(id => names[id].Name));
                csv.Append(string.Join(',', Cell(s.UserName!), Cell(s.Pseud), s.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm"), p.Kind.ToString().ToLowerInvariant(), p.Position + 1,
                    Cell(Of(TagType.Fandom)), Cell(Of(TagType.Relationship)), Cell(Of(TagType.Character)), Cell(p.Description))).Append("\r\n");
            }
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"{collection.Name}-sign-ups.csv");
    }

    [HttpGet("/assignments")]
    public async Task<IActionResult> Mine()
    {
        var mine = await (from a in db.Assignments.AsNoTracking()
                          where a.SentAt != null && (a.PinchHitterUserId == CurrentUserId || (a.PinchHitterUserId == null && db.SignUps.Any(s => s.Id == a.WriterSignUpId && s.UserId == CurrentUserId)))
                          join c in db.Challenges on a.ChallengeId equals c.Id
                          join col in db.Collections on c.CollectionId equals col.Id
                          join r in db.SignUps on a.RecipientSignUpId equals r.Id
                          orderby a.Id descending
                          select new MyAssignment(a.Id, col.Name, col.Title, r.Pseud.Name + " (" + r.Pseud.User.UserName + ")", c.AssignmentsDueAt, c.TimeZone,
                              a.WorkId != null ? "posted" : a.DefaultedAt != null ? "defaulted" : "open")).ToListAsync();
        return View("Mine", mine);
    }

    [HttpGet("/assignments/{id:int}")]
    public async Task<IActionResult> Show(int id)
    {
        var assignment = await db.Assignments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id);
        if (assignment is null) return NotFound();
        if (!await IsWriterAsync(assignment)) return this.Refuse("Only the writer of an assignment can see it (and the collection's maintainers, on their pages).");
        var challenge = await db.Challenges.AsNoTracking().SingleAsync(c => c.Id == assignment.ChallengeId);
        var collection = await db.Collections.AsNoTracking().SingleAsync(c => c.Id == challenge.CollectionId);
        var recipient = await db.SignUps.AsNoTracking().Where(s => s.Id == assignment.RecipientSignUpId)
            .Select(s => new { Name = s.Pseud.Name + " (" + s.Pseud.User.UserName + ")", Requests = s.Prompts.Where(p => p.Kind == PromptKind.Request).OrderBy(p => p.Position).ToList() }).SingleAsync();
        int[] ids = [.. recipient.Requests.SelectMany(p => p.TagIds).Distinct()];
        var tags = await db.Tags.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => new TagLinkName(t.Name, t.Type));
        return View("Show", new AssignmentPage(id, collection, challenge, recipient.Name,
            [.. recipient.Requests.Select(r => (r.Title, r.Description, r.TagIds.Where(tags.ContainsKey).Select(t => tags[t]).OrderBy(t => t.Type).ToList()))],
            assignment.DefaultedAt, assignment.WorkId));
    }

    /// <summary>A sent assignment's writer: its pinch-hitter if it has one, else the matched writer.</summary>
    async Task<bool> IsWriterAsync(Assignment a) =>
        a.SentAt is not null && (a.PinchHitterUserId is { } pinch ? pinch == CurrentUserId : await db.SignUps.AnyAsync(s => s.Id == a.WriterSignUpId && s.UserId == CurrentUserId));

    /// <summary>The writer can't do it after all: the maintainers see it as defaulted and find a pinch-hitter.</summary>
    [HttpPost("/assignments/{id:int}/default")]
    public async Task<IActionResult> Default(int id)
    {
        var assignment = await db.Assignments.SingleOrDefaultAsync(a => a.Id == id);
        if (assignment is null) return NotFound();
        if (!await IsWriterAsync(assignment)) return this.Refuse("Only the writer of an assignment can default on it.");
        if (assignment.WorkId is null)
        {
            assignment.DefaultedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
        }
        TempData["Notice"] = assignment.WorkId is null ? "You have defaulted on the assignment; the maintainers will find a pinch-hitter." : "You have posted this assignment already.";
        return Redirect("/assignments");
    }
}
