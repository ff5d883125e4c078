using Archive.Web.Accounts;
using Archive.Web.Collections;
using Archive.Web.Database;
using Archive.Web.Errors;
using Archive.Web.Tags;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Challenges;

public sealed record FillLink(int WorkId, string Title);
public sealed record PromptRow(int Id, string Title, string Description, List<TagLinkName> Tags, string Poster, bool Mine, List<string> Claimers, bool ClaimedByMe, List<FillLink> Fills);
public sealed record PromptsPage(Collection Collection, Challenge Challenge, List<PromptRow> Prompts, int Page, bool HasMore, bool SignedIn);

/// <summary>A prompt meme's prompts: who asked (or "Anonymous"), who claimed them, and the works that fill them.</summary>
public sealed class PromptsController(ArchiveDbContext db) : Controller
{
    const int PerPage = 50;

    [HttpGet("/collections/{name}/prompts")]
    public async Task<IActionResult> Index(string name, int page = 1)
    {
        var collection = await db.FindCollectionAsync(name);
        var challenge = collection is null ? null : await db.Challenges.AsNoTracking().SingleOrDefaultAsync(c => c.CollectionId == collection.Id && c.Kind == ChallengeKind.PromptMeme);
        if (collection is null || challenge is null) return NotFound();
        page = Math.Clamp(page, 1, 1000);
        var me = User.UserId();
        var prompts = await db.Prompts.AsNoTracking().Where(p => p.ChallengeId == challenge.Id && p.Kind == PromptKind.Request)
            .OrderByDescending(p => p.Id).Skip((page - 1) * PerPage).Take(PerPage + 1)
            .Select(p => new
            {
                p.Id, p.Title, p.Description, p.TagIds, p.IsAnonymous,
                Poster = db.SignUps.Where(s => s.Id == p.SignUpId).Select(s => new { s.UserId, s.Pseud.Name, s.Pseud.User.UserName }).First(),
                Claims = db.PromptClaims.Where(c => c.PromptId == p.Id).OrderBy(c => c.Id).Select(c => new { c.UserId, db.Users.First(u => u.Id == c.UserId).UserName, c.WorkId }).ToList(),
            }).ToListAsync();
        int[] tagIds = [.. prompts.SelectMany(p => p.TagIds).Distinct()];
        var tags = await db.Tags.AsNoTracking().Where(t => tagIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => new TagLinkName(t.Name, t.Type));
        int[] fillIds = [.. prompts.SelectMany(p => p.Claims).Select(c => c.WorkId).OfType<int>()];
        // A fill in an unrevealed collection isn't shown until it is revealed.
        var guest = User.UserId() is null;
        var fills = await db.Works.AsNoTracking().Where(w => fillIds.Contains(w.Id) && w.HiddenAt == null && !w.IsUnrevealed && !(guest && w.IsRestricted)).ToDictionaryAsync(w => w.Id, w => w.Title);
        // Whoever claimed a prompt and filled it with an anonymous or unrevealed work is not named beside it.
        var secret = (await db.Works.AsNoTracking().Where(w => fillIds.Contains(w.Id) && (w.IsAnonymous || w.IsUnrevealed)).Select(w => w.Id).ToListAsync()).ToHashSet();
        var rows = prompts.Take(PerPage).Select(p => new PromptRow(p.Id, p.Title, p.Description, [.. p.TagIds.Where(tags.ContainsKey).Select(id => tags[id]).OrderBy(t => t.Type)],
            p.IsAnonymous ? "Anonymous" : Pseud.Display(p.Poster.Name, p.Poster.UserName!), p.Poster.UserId == me,
            [.. p.Claims.Select(c => c.WorkId is { } work && secret.Contains(work) && c.UserId != me ? "Anonymous" : c.UserName!)], p.Claims.Any(c => c.UserId == me),
            [.. p.Claims.Where(c => c.WorkId is { } id && fills.ContainsKey(id)).Select(c => new FillLink(c.WorkId!.Value, fills[c.WorkId!.Value]))])).ToList();
        return View("Prompts", new PromptsPage(collection, challenge, rows, page, prompts.Count > PerPage, me is not null));
    }

    [Authorize]
    [HttpPost("/prompts/{id:int}/claim")]
    public async Task<IActionResult> Claim(int id)
    {
        var prompt = await db.Prompts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.Kind == PromptKind.Request);
        if (prompt is null) return NotFound();
        var me = User.UserId()!.Value;
        var collection = await db.Challenges.Where(c => c.Id == prompt.ChallengeId).Join(db.Collections, c => c.CollectionId, col => col.Id, (c, col) => col.Name).SingleAsync();
        if (!await db.PromptClaims.AnyAsync(c => c.PromptId == id && c.UserId == me))
        {
            db.PromptClaims.Add(new PromptClaim { PromptId = id, UserId = me, ClaimedAt = DateTimeOffset.UtcNow });
            try { await db.SaveChangesAsync(); }
            catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }) { }
        }
        TempData["Notice"] = "You have claimed the prompt. Post your fill from its “Post a fill” link.";
        return Redirect($"/collections/{collection}/prompts#prompt-{id}");
    }

    [Authorize]
    [HttpPost("/prompts/{id:int}/unclaim")]
    public async Task<IActionResult> Unclaim(int id)
    {
        var me = User.UserId()!.Value;
        var claim = await db.PromptClaims.SingleOrDefaultAsync(c => c.PromptId == id && c.UserId == me);
        if (claim is null) return NotFound();
        if (claim.WorkId is not null) TempData["Notice"] = "You have posted a fill for this prompt, so your claim stays.";
        else
        {
            db.PromptClaims.Remove(claim);
            await db.SaveChangesAsync();
            TempData["Notice"] = "You no longer claim the prompt.";
        }
        var collection = await db.Prompts.Where(p => p.Id == id).Join(db.Challenges, p => p.ChallengeId, c => c.Id, (p, c) => c.CollectionId)
            .Join(db.Collections, cid => cid, col => col.Id, (cid, col) => col.Name).SingleAsync();
        return Redirect($"/collections/{collection}/prompts#prompt-{id}");
    }
}
