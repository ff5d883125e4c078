using Archive.Web.Accounts;
using Archive.Web.Collections;
using Archive.Web.Database;
using Archive.Web.Errors;
using Archive.Web.Tags;
using Archive.Web.Works;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Challenges;

public sealed record ChallengeFormPage(Collection Collection, ChallengeForm Form, bool IsNew);
public sealed record TagSetEntry(int TagId, string Name, TagType Type, bool IsApproved, string? NominatedBy);
public sealed record TagSetPage(Collection Collection, Challenge Challenge, List<TagSetEntry> Tags, bool IsMaintainer, bool SignedIn);
public sealed record SignUpPage(Collection Collection, Challenge Challenge, ChallengeSignUpForm Form, List<PseudChoice> Pseuds, bool Exists, string? Closed);

/// <summary>A collection's challenge: its owners' settings and tag set, and participants' sign-ups.</summary>
[Authorize]
public sealed class ChallengesController(ArchiveDbContext db, Caching.PageCacheEvictions evictions) : Controller
{
    int CurrentUserId => User.UserId()!.Value;

    async Task<(Collection? Collection, Challenge? Challenge)> FindAsync(string name)
    {
        var collection = await db.FindCollectionAsync(name);
        var challenge = collection is null ? null : await db.Challenges.AsNoTracking().SingleOrDefaultAsync(c => c.CollectionId == collection.Id);
        return (collection, challenge);
    }

    [HttpGet("/collections/{name}/challenge")]
    public async Task<IActionResult> Settings(string name)
    {
        var (collection, challenge) = await FindAsync(name);
        if (collection is null) return NotFound();
        if (!await db.IsOwnerAsync(collection, CurrentUserId)) return this.Refuse("Only the collection's owners can set up its challenge.");
        return View("Settings", new ChallengeFormPage(collection, challenge is null ? new ChallengeForm() : ChallengeForm.From(challenge), challenge is null));
    }

    [HttpPost("/collections/{name}/challenge")]
    public async Task<IActionResult> Save(string name, ChallengeForm form)
    {
        var (collection, existing) = await FindAsync(name);
        if (collection is null) return NotFound();
        if (!await db.IsOwnerAsync(collection, CurrentUserId)) return this.Refuse("Only the collection's owners can set up its challenge.");
        var challenge = existing is null ? new Challenge { CollectionId = collection.Id } : await db.Challenges.SingleAsync(c => c.Id == existing.Id);
        if (existing is not null && existing.Kind != form.Kind && await db.SignUps.AnyAsync(s => s.ChallengeId == existing.Id))
            ModelState.AddModelError(nameof(form.Kind), "People have signed up already: the kind of challenge can't change now.");
        form.Apply(challenge, ModelState);
        if (!ModelState.IsValid) return View("Settings", new ChallengeFormPage(collection, form, existing is null));
        if (existing is null) db.Challenges.Add(challenge);
        await db.SaveChangesAsync();
        await evictions.EvictAsync([Caching.CacheTags.ShowsTag(collection.TagId)]);
        TempData["Notice"] = "The challenge's settings are saved.";
        return Redirect($"/collections/{collection.Name}");
    }

    [AllowAnonymous]
    [HttpGet("/collections/{name}/tag-set")]
    public async Task<IActionResult> TagSet(string name)
    {
        var (collection, challenge) = await FindAsync(name);
        if (collection is null || challenge is null) return NotFound();
        var isMaintainer = await db.IsMaintainerAsync(collection, User.UserId());
        var tags = await db.ChallengeTags.AsNoTracking().Where(t => t.ChallengeId == challenge.Id && (t.IsApproved || isMaintainer))
            .OrderBy(t => t.Tag.Type).ThenBy(t => t.Tag.Name)
            .Select(t => new TagSetEntry(t.TagId, t.Tag.Name, t.Tag.Type, t.IsApproved, db.Users.Where(u => u.Id == t.NominatedByUserId).Select(u => u.UserName).FirstOrDefault()))
            .ToListAsync();
        return View("TagSet", new TagSetPage(collection, challenge, tags, isMaintainer, User.Identity?.IsAuthenticated == true));
    }

    /// <summary>Maintainers add tags to the set; anyone signed in nominates, and nominations wait for a maintainer.</summary>
    [HttpPost("/collections/{name}/tag-set")]
    public async Task<IActionResult> AddTags(string name, TagType type, string? names)
    {
        var (collection, challenge) = await FindAsync(name);
        if (collection is null || challenge is null) return NotFound();
        if (!Challenges.Challenge.PromptTagTypes.Contains(type)) return BadRequest();
        var isMaintainer = await db.IsMaintainerAsync(collection, CurrentUserId);
        var parsed = TagList.Parse(names);
        var problem = parsed.Select(n => TagList.NameProblem(n, 150)).FirstOrDefault(p => p is not null);
        if (parsed.Count == 0 || problem is not null)
        {
            TempData["Notice"] = problem ?? "Type the tags' names, separated by commas.";
            return Redirect($"/collections/{collection.Name}/tag-set");
        }
        foreach (var tagName in parsed)
        {
            var tagId = await WorkTagging.EnsureTagAsync(db, type, tagName);
            var entry = await db.ChallengeTags.SingleOrDefaultAsync(t => t.ChallengeId == challenge.Id && t.TagId == tagId);
            if (entry is null) db.ChallengeTags.Add(new ChallengeTag { ChallengeId = challenge.Id, TagId = tagId, IsApproved = isMaintainer, NominatedByUserId = isMaintainer ? null : CurrentUserId });
            else if (isMaintainer) entry.IsApproved = true;
        }
        await db.SaveChangesAsync();
        TempData["Notice"] = isMaintainer ? "Added to the tag set." : "Thank you: your nominations wait for a maintainer's approval.";
        return Redirect($"/collections/{collection.Name}/tag-set");
    }

    [HttpPost("/collections/{name}/tag-set/{tagId:int}/approve")]
    public Task<IActionResult> ApproveTag(string name, int tagId) => ReviewTagAsync(name, tagId, approve: true);

    [HttpPost("/collections/{name}/tag-set/{tagId:int}/remove")]
    public Task<IActionResult> RemoveTag(string name, int tagId) => ReviewTagAsync(name, tagId, approve: false);

    async Task<IActionResult> ReviewTagAsync(string name, int tagId, bool approve)
    {
        var (collection, challenge) = await FindAsync(name);
        if (collection is null || challenge is null) return NotFound();
        if (!await db.IsMaintainerAsync(collection, CurrentUserId)) return this.Refuse("Only the collection's owners and moderators can review its tag set.");
        var entry = await db.ChallengeTags.SingleOrDefaultAsync(t => t.ChallengeId == challenge.Id && t.TagId == tagId);
        if (entry is null) return NotFound();
        if (approve) entry.IsApproved = true;
        else db.ChallengeTags.Remove(entry);
        await db.SaveChangesAsync();
        return Redirect($"/collections/{collection.Name}/tag-set");
    }

    [HttpGet("/collections/{name}/sign-up")]
    public async Task<IActionResult> SignUp(string name)
    {
        var (collection, challenge) = await FindAsync(name);
        if (collection is null || challenge is null) return NotFound();
        var existing = await db.SignUps.AsNoTracking().Include(s => s.Prompts).SingleOrDefaultAsync(s => s.ChallengeId == challenge.Id && s.UserId == CurrentUserId);
        var form = new ChallengeSignUpForm();
        if (existing is not null)
        {
            var tagIds = existing.Prompts.SelectMany(p => p.TagIds).Distinct().ToArray();
            var tags = await db.Tags.AsNoTracking().Where(t => tagIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id);
            PromptForm Of(Prompt p) => new()
            {
                Fandoms = TagList.Join(p.TagIds.Where(id => tags[id].Type == TagType.Fandom).Select(id => tags[id].Name)),
                Characters = TagList.Join(p.TagIds.Where(id => tags[id].Type == TagType.Character).Select(id => tags[id].Name)),
                Relationships = TagList.Join(p.TagIds.Where(id => tags[id].Type == TagType.Relationship).Select(id => tags[id].Name)),
                Title = p.Title, Description = p.Description, IsAnonymous = p.IsAnonymous,
            };
            form.PseudId = existing.PseudId;
            form.Requests = [.. existing.Prompts.Where(p => p.Kind == PromptKind.Request).OrderBy(p => p.Position).Select(Of)];
            form.Offers = [.. existing.Prompts.Where(p => p.Kind == PromptKind.Offer).OrderBy(p => p.Position).Select(Of)];
        }
        return View("SignUp", await SignUpPageAsync(collection, challenge, form, existing is not null));
    }

    async Task<SignUpPage> SignUpPageAsync(Collection collection, Challenge challenge, ChallengeSignUpForm form, bool exists)
    {
        var pseuds = await db.Pseuds.AsNoTracking().Where(p => p.UserId == CurrentUserId).OrderByDescending(p => p.IsDefault).ThenBy(p => p.Name)
            .Select(p => new PseudChoice(p.Id, p.Name)).ToListAsync();
        if (form.PseudId == 0) form.PseudId = pseuds[0].Id;
        while (form.Requests.Count < challenge.RequestsMax) form.Requests.Add(new PromptForm());
        while (form.Offers.Count < challenge.OffersMax) form.Offers.Add(new PromptForm());
        var closed = challenge.TakesSignUps(DateTimeOffset.UtcNow) ? null
            : challenge.SignUpsCloseAt is { } closes && DateTimeOffset.UtcNow >= closes ? $"Sign-ups closed {Dates.Show(closes, challenge.TimeZone)}."
            : challenge.SignUpsOpenAt is { } opens && DateTimeOffset.UtcNow < opens ? $"Sign-ups open {Dates.Show(opens, challenge.TimeZone)}."
            : "Sign-ups are closed.";
        return new SignUpPage(collection, challenge, form, pseuds, exists, closed);
    }

    [HttpPost("/collections/{name}/sign-up")]
    public async Task<IActionResult> SaveSignUp(string name, ChallengeSignUpForm form)
    {
        var (collection, challenge) = await FindAsync(name);
        if (collection is null || challenge is null) return NotFound();
        var existing = await db.SignUps.Include(s => s.Prompts).SingleOrDefaultAsync(s => s.ChallengeId == challenge.Id && s.UserId == CurrentUserId);
        if (!challenge.TakesSignUps(DateTimeOffset.UtcNow))
        {
            ModelState.AddModelError("", "Sign-ups are closed: your sign-up can't be made or changed now.");
            return View("SignUp", await SignUpPageAsync(collection, challenge, form, existing is not null));
        }
        // No pseud chosen (a form without the menu): their default one.
        if (form.PseudId == 0) form.PseudId = await db.Pseuds.Where(p => p.UserId == CurrentUserId && p.IsDefault).Select(p => p.Id).FirstAsync();
        if (!await db.Pseuds.AnyAsync(p => p.Id == form.PseudId && p.UserId == CurrentUserId)) ModelState.AddModelError(nameof(form.PseudId), "Please choose one of your pseuds.");
        var requests = form.Requests.Take(challenge.RequestsMax).Where(p => !p.IsEmpty).ToList();
        var offers = challenge.Kind == ChallengeKind.GiftExchange ? form.Offers.Take(challenge.OffersMax).Where(p => !p.IsEmpty).ToList() : [];
        if (requests.Count < challenge.RequestsMin) ModelState.AddModelError("", $"Please make at least {challenge.RequestsMin} request{(challenge.RequestsMin == 1 ? "" : "s")}.");
        if (challenge.Kind == ChallengeKind.GiftExchange && offers.Count < challenge.OffersMin) ModelState.AddModelError("", $"Please make at least {challenge.OffersMin} offer{(challenge.OffersMin == 1 ? "" : "s")}.");
        var checkedRequests = await PromptTagsCheck.CheckAsync(db, challenge, requests, "Requests", "Request", ModelState);
        var checkedOffers = await PromptTagsCheck.CheckAsync(db, challenge, offers, "Offers", "Offer", ModelState);
        foreach (var (prompt, i) in requests.Concat(offers).Select((p, i) => (p, i)))
            ArchiveLimits.CheckLength(ModelState, "", "A prompt's description", prompt.Description, 5000);
        if (!ModelState.IsValid) return View("SignUp", await SignUpPageAsync(collection, challenge, form, existing is not null));

        var now = DateTimeOffset.UtcNow;
        var signUp = existing ?? new SignUp { ChallengeId = challenge.Id, UserId = CurrentUserId, CreatedAt = now };
        signUp.PseudId = form.PseudId;
        signUp.UpdatedAt = now;
        // Prompts are changed in place, so a prompt meme's claims and fills stay with the prompt they answered.
        var wanted = checkedRequests.Select((p, i) => NewPrompt(challenge, PromptKind.Request, i, p.Form, p.TagIds, now))
            .Concat(checkedOffers.Select((p, i) => NewPrompt(challenge, PromptKind.Offer, i, p.Form, p.TagIds, now))).ToList();
        signUp.Prompts.RemoveAll(p => !wanted.Any(w => w.Kind == p.Kind && w.Position == p.Position));
        foreach (var prompt in wanted)
        {
            if (signUp.Prompts.FirstOrDefault(p => p.Kind == prompt.Kind && p.Position == prompt.Position) is { } kept)
                (kept.TagIds, kept.Title, kept.Description, kept.IsAnonymous) = (prompt.TagIds, prompt.Title, prompt.Description, prompt.IsAnonymous);
            else signUp.Prompts.Add(prompt);
        }
        if (existing is null) db.SignUps.Add(signUp);
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The same person's sign-up sent twice at once: the first one stands.
            return Redirect($"/collections/{collection.Name}/sign-up");
        }
        TempData["Notice"] = existing is null ? "You are signed up." : "Your sign-up is updated.";
        return Redirect($"/collections/{collection.Name}/sign-up");
    }

    static Prompt NewPrompt(Challenge challenge, PromptKind kind, int position, PromptForm form, int[] tagIds, DateTimeOffset now) => new()
    {
        ChallengeId = challenge.Id, Kind = kind, Position = position, TagIds = tagIds, CreatedAt = now,
        Title = form.Title?.Trim() ?? "", Description = form.Description?.Trim() ?? "", IsAnonymous = form.IsAnonymous,
    };

    [HttpPost("/collections/{name}/sign-up/withdraw")]
    public async Task<IActionResult> Withdraw(string name)
    {
        var (collection, challenge) = await FindAsync(name);
        if (collection is null || challenge is null) return NotFound();
        if (!challenge.TakesSignUps(DateTimeOffset.UtcNow))
        {
            TempData["Notice"] = "Sign-ups are closed: ask the maintainers if you can't take part after all.";
            return Redirect($"/collections/{collection.Name}/sign-up");
        }
        await db.SignUps.Where(s => s.ChallengeId == challenge.Id && s.UserId == CurrentUserId).ExecuteDeleteAsync();
        TempData["Notice"] = "Your sign-up is withdrawn.";
        return Redirect($"/collections/{collection.Name}");
    }
}
