using Archive.Web.Accounts;
using Archive.Web.Database;
using Archive.Web.Tags;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Gifts;

/// <summary>Someone a work is for: a pseud on the archive, or a name alone.</summary>
public sealed record GiftRecipient(int? PseudId, string? Name);

/// <summary>Reads the posting form's "Gift this work to" list and keeps a work's gifts in step with it.</summary>
public sealed class GiftRecipients(ArchiveDbContext db)
{
    public const int NameMaxLength = 100;

    public async Task<List<GiftRecipient>> ValidateAsync(string? text, int? workId, string field, ModelStateDictionary errors)
    {
        var recipients = new List<GiftRecipient>();
        foreach (var reference in TagList.Parse(text))
        {
            var (pseud, ambiguous) = await PseudReference.FindAsync(db, reference);
            if (ambiguous)
                errors.AddModelError(field, $"Several users have a pseud called “{reference}”; write it as “{reference} (username)”.");
            else if (pseud is not null)
            {
                if (workId is not null && await db.Gifts.AnyAsync(g => g.WorkId == workId && g.PseudId == pseud.Id && g.RefusedAt != null))
                    errors.AddModelError(field, $"{Pseud.Display(pseud.Name, pseud.User.UserName!)} refused this gift, so it can't be given to them again.");
                else if (recipients.All(r => r.PseudId != pseud.Id)) recipients.Add(new(pseud.Id, null));
            }
            // Like AO3, a name that is nobody here is kept as written: a gift for someone without an account.
            else if (reference.Length > NameMaxLength)
                errors.AddModelError(field, $"Gift recipients' names must be {NameMaxLength} characters or fewer.");
            else if (recipients.All(r => !string.Equals(r.Name, reference, StringComparison.OrdinalIgnoreCase)))
                recipients.Add(new(null, reference));
        }
        return recipients;
    }

    /// <summary>Adds the new recipients and takes away the ones no longer listed; refused gifts are kept as refused.</summary>
    public async Task ApplyAsync(int workId, List<GiftRecipient> recipients)
    {
        var existing = await db.Gifts.Where(g => g.WorkId == workId).ToListAsync();
        db.Gifts.RemoveRange(existing.Where(g => g.RefusedAt == null
            && !recipients.Any(r => r.PseudId is { } id ? g.PseudId == id : string.Equals(g.RecipientName, r.Name, StringComparison.OrdinalIgnoreCase))));
        foreach (var recipient in recipients)
            if (!existing.Any(g => recipient.PseudId is { } id ? g.PseudId == id : string.Equals(g.RecipientName, recipient.Name, StringComparison.OrdinalIgnoreCase)))
                db.Gifts.Add(new Gift { WorkId = workId, PseudId = recipient.PseudId, RecipientName = recipient.Name, CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }

    /// <summary>The form's text for a saved work's current gifts.</summary>
    public async Task<string> TextForAsync(int workId) => TagList.Join(await db.Gifts.AsNoTracking()
        .Where(g => g.WorkId == workId && g.RefusedAt == null).OrderBy(g => g.Id)
        .Select(g => g.Pseud == null ? g.RecipientName! : g.Pseud.Name + " (" + g.Pseud.User.UserName + ")").ToListAsync());
}
