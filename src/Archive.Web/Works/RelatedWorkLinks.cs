using System.Text.RegularExpressions;
using Archive.Web.Database;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Works;

/// <summary>One "this work is related to…" row of the posting form, kept as typed.</summary>
public sealed class RelatedWorkRow
{
    public Relation Relation { get; set; } = Relation.InspiredBy;
    public string? Url { get; set; }
    public string? Title { get; set; }
    public string? Author { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Url) && string.IsNullOrWhiteSpace(Title);
}

/// <summary>A checked row: a work on this archive (ParentWorkId) or one elsewhere (title, author, URL).</summary>
public sealed record RelatedWorkLink(Relation Relation, string Title, string? Author, string? Url, int? ParentWorkId);

/// <summary>
/// Checks and saves the works a work says it remixes, is inspired by or translates. A link to a work on this archive
/// waits for that work's creators to approve it before the original lists it; linking to your own work needs no approval.
/// </summary>
public sealed partial class RelatedWorkLinks(ArchiveDbContext db, IConfiguration configuration)
{
    public async Task<List<RelatedWorkLink>> ValidateAsync(List<RelatedWorkRow> rows, int? workId, string requestHost, ModelStateDictionary errors)
    {
        var links = new List<RelatedWorkLink>();
        var hosts = new[] { requestHost, Uri.TryCreate(configuration["Archive:SiteUrl"], UriKind.Absolute, out var site) ? site.Authority : null };
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.IsBlank) continue;
            var field = $"Related[{i}]";
            if (!Enum.IsDefined(row.Relation)) { errors.AddModelError($"{field}.Relation", "Please choose how the works are related."); continue; }
            var url = row.Url?.Trim();
            if (string.IsNullOrEmpty(url)) { AddElsewhere(null); continue; }
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || url.Length > 2000)
            {
                errors.AddModelError($"{field}.Url", $"“{url}” is not a web address: it must start with http:// or https://.");
                continue;
            }
            if (!hosts.Contains(uri.Authority, StringComparer.OrdinalIgnoreCase) || WorkPath().Match(uri.AbsolutePath) is not { Success: true } match)
            {
                AddElsewhere(url);
                continue;
            }
            var parentId = int.Parse(match.Groups[1].Value);
            var parent = await db.Works.AsNoTracking().Where(w => w.Id == parentId && w.HiddenAt == null && !w.IsUnrevealed)
                .Select(w => new { w.Title, Creators = w.IsAnonymous ? new List<string> { "Anonymous" } : w.Creators.Where(c => c.IsAccepted).OrderBy(c => c.Position).Select(c => c.Pseud.Name).ToList(),
                    ExternalCreators = w.IsAnonymous ? new List<string>() : w.ExternalCreators })
                .SingleOrDefaultAsync();
            if (parent is null) errors.AddModelError($"{field}.Url", $"There is no work at {url} on this archive.");
            else if (parentId == workId) errors.AddModelError($"{field}.Url", "A work can't be related to itself.");
            else if (links.Any(l => l.ParentWorkId == parentId)) errors.AddModelError($"{field}.Url", $"“{parent.Title}” is listed twice.");
            else links.Add(new(row.Relation, parent.Title, string.Join(", ", parent.Creators.Concat(parent.ExternalCreators)), null, parentId));

            // A work elsewhere is known by what the author typed.
            void AddElsewhere(string? address)
            {
                var title = row.Title?.Trim() ?? "";
                var author = string.IsNullOrWhiteSpace(row.Author) ? null : row.Author.Trim();
                if (title.Length == 0) errors.AddModelError($"{field}.Title", "Please give the related work's title.");
                else if (title.Length > 255) errors.AddModelError($"{field}.Title", "The related work's title must be 255 characters or fewer.");
                else if (author?.Length > 255) errors.AddModelError($"{field}.Author", "The related work's author must be 255 characters or fewer.");
                else links.Add(new(row.Relation, title, author, address, null));
            }
        }
        return links;
    }

    /// <summary>Replaces the work's links with these, keeping the approval of originals already linked.</summary>
    public async Task ApplyAsync(Work work, List<RelatedWorkLink> links, int userId)
    {
        var existing = await db.RelatedWorks.Where(r => r.WorkId == work.Id).ToListAsync();
        var parents = links.Where(l => l.ParentWorkId is not null).Select(l => l.ParentWorkId!.Value).ToList();
        var ownWorks = await db.WorkCreators.Where(c => c.IsAccepted && c.Pseud.UserId == userId && parents.Contains(c.WorkId)).Select(c => c.WorkId).ToListAsync();
        db.RelatedWorks.RemoveRange(existing.Where(r => !links.Any(l => Same(l, r))));
        foreach (var link in links)
        {
            var row = existing.FirstOrDefault(r => Same(link, r));
            if (row is null)
            {
                row = new RelatedWork { WorkId = work.Id, Title = link.Title, ParentWorkId = link.ParentWorkId };
                if (link.ParentWorkId is { } parent && ownWorks.Contains(parent)) row.Approval = LinkApproval.Approved;
                db.RelatedWorks.Add(row);
            }
            row.Relation = link.Relation;
            row.Title = link.Title;
            row.Author = link.Author;
            row.Url = link.Url;
        }
        await db.SaveChangesAsync();
    }

    static bool Same(RelatedWorkLink link, RelatedWork row) =>
        link.ParentWorkId is { } parent ? row.ParentWorkId == parent : row.ParentWorkId is null && row.Title == link.Title && row.Url == link.Url;

    /// <summary>The form's rows for a saved work, plus one blank row to add another.</summary>
    public static List<RelatedWorkRow> RowsFor(IEnumerable<RelatedWork> related, string site) =>
    [
        .. related.OrderBy(r => r.Id).Select(r => new RelatedWorkRow
        {
            // A work on this archive is its address alone, so clearing the address removes the link.
            Relation = r.Relation, Title = r.ParentWorkId is null ? r.Title : null, Author = r.ParentWorkId is null ? r.Author : null,
            Url = r.ParentWorkId is { } parent ? $"{site}/works/{parent}" : r.Url,
        }),
        new RelatedWorkRow(),
    ];

    [GeneratedRegex(@"^/works/(\d+)(?:/.*)?$")]
    private static partial Regex WorkPath();
}
