using Archive.Web.Accounts;
using Archive.Web.Database;
using Archive.Web.Errors;
using Archive.Web.Tags;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Wrangling;

public sealed record FandomToWrangle(string Name, int Unwrangled);
public sealed record UnwrangledTag(int Id, string Name, TagType Type, int Works, List<(int Id, string Title)> SampleWorks, string? Suggestion);
public sealed record WranglePage(string Fandom, List<UnwrangledTag> Tags);

/// <summary>The wranglers' pages: which fandoms have unwrangled tags, and a page per fandom to wrangle them in bulk.</summary>
[Authorize]
public sealed class WranglingController(ArchiveDbContext db, TagWrangling wrangling, UserManager<User> users) : Controller
{
    const int PerPage = 100;

    [HttpGet("/wrangling")]
    public async Task<IActionResult> Index()
    {
        if (await RefuseUnlessWranglerAsync() is { } refused) return refused;
        var fandoms = await db.Tags.AsNoTracking().Where(t => t.Type == TagType.Fandom && t.IsCanonical).OrderBy(t => t.Name)
            .Select(t => new FandomToWrangle(t.Name, db.Tags.Count(u => !u.IsCanonical && u.MergerId == null && u.Type != TagType.Fandom
                && db.WorkTags.Any(wt => wt.TagId == u.Id && db.Works.Any(w => w.Id == wt.WorkId && w.FilterTagIds.Contains(t.Id))))))
            .ToListAsync();
        var unwrangledFandoms = await db.Tags.AsNoTracking().Where(t => t.Type == TagType.Fandom && !t.IsCanonical && t.MergerId == null).OrderBy(t => t.Name).Select(t => t.Name).ToListAsync();
        ViewData["UnwrangledFandoms"] = unwrangledFandoms;
        return View("Index", fandoms);
    }

    [HttpGet("/tags/{fandom}/wrangle")]
    public async Task<IActionResult> Fandom(string fandom)
    {
        if (await RefuseUnlessWranglerAsync() is { } refused) return refused;
        var tag = await db.Tags.AsNoTracking().SingleOrDefaultAsync(t => t.NormalizedName == Tag.Normalize(TagUrl.Unescape(fandom)) && t.Type == TagType.Fandom);
        if (tag is null) return NotFound();
        var fandomId = tag.MergerId ?? tag.Id;
        var unwrangled = await db.Tags.AsNoTracking()
            .Where(u => !u.IsCanonical && u.MergerId == null && u.Type != TagType.Fandom
                && db.WorkTags.Any(wt => wt.TagId == u.Id && db.Works.Any(w => w.Id == wt.WorkId && w.FilterTagIds.Contains(fandomId))))
            .OrderBy(u => u.Type).ThenBy(u => u.Name).Take(PerPage)
            .Select(u => new
            {
                u.Id, u.Name, u.Type, u.RelationshipKey,
                Works = db.WorkTags.Count(wt => wt.TagId == u.Id),
                Samples = db.WorkTags.Where(wt => wt.TagId == u.Id).OrderByDescending(wt => wt.WorkId).Take(3)
                    .Join(db.Works, wt => wt.WorkId, w => w.Id, (wt, w) => new { w.Id, w.Title }).ToList(),
            }).ToListAsync();
        var canonicals = await db.Tags.AsNoTracking()
            .Where(c => c.IsCanonical && (c.Type == TagType.Character || c.Type == TagType.Relationship || c.Type == TagType.Freeform)
                && (db.TagParents.Any(p => p.TagId == c.Id && p.ParentId == fandomId) || db.Works.Any(w => w.FilterTagIds.Contains(fandomId) && w.FilterTagIds.Contains(c.Id))))
            .Select(c => new { c.Name, c.Type, c.RelationshipKey }).ToListAsync();
        var suggestions = new SynonymSuggestions(canonicals.Select(c => (c.Name, c.Type, c.RelationshipKey)).ToList());
        return View("Fandom", new WranglePage(tag.Name, unwrangled.Select(u => new UnwrangledTag(u.Id, u.Name, u.Type, u.Works,
            u.Samples.Select(s => (s.Id, s.Title)).ToList(), suggestions.For(u.Name, u.Type, u.RelationshipKey))).ToList()));
    }

    /// <summary>One action for every ticked tag: canonical, synonym of a named tag, or a child of this fandom.</summary>
    [HttpPost("/tags/{fandom}/wrangle")]
    public async Task<IActionResult> Wrangle(string fandom, List<string> tags, string? action, string? synonymOf)
    {
        if (await RefuseUnlessWranglerAsync() is { } refused) return refused;
        var fandomName = TagUrl.Unescape(fandom);
        var messages = new List<string>();
        if (tags.Count == 0) messages.Add("Tick at least one tag to wrangle.");
        else if (action == "synonym" && string.IsNullOrWhiteSpace(synonymOf)) messages.Add("Name the canonical tag the ticked tags are synonyms of.");
        else
            foreach (var name in tags)
            {
                var result = action switch
                {
                    "canonical" => await wrangling.MakeCanonicalAsync(name),
                    "synonym" => await wrangling.MakeSynonymAsync(name, synonymOf!),
                    "parent" => await wrangling.AddParentAsync(name, fandomName),
                    _ => new WrangleResult(false, "Choose what to do with the ticked tags."),
                };
                messages.Add(result.Message);
            }
        TempData["Notice"] = string.Join(" ", messages);
        return Redirect($"/tags/{TagUrl.Escape(fandomName)}/wrangle");
    }

    /// <summary>Roles are read from the database on each request, so a revoked wrangler stops at once.</summary>
    async Task<IActionResult?> RefuseUnlessWranglerAsync()
    {
        var user = await users.FindByIdAsync(User.UserId()!.Value.ToString());
        if (user is not null && (await users.IsInRoleAsync(user, TagWrangling.WranglerRole) || await users.IsInRoleAsync(user, TagWrangling.AdminRole)))
            return null;
        return this.Refuse("Only tag wranglers can wrangle tags. An admin can make you one.");
    }
}
