using System.Text.RegularExpressions;
using Archive.Web.Database;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Collections;

/// <summary>A collection's settings as typed on its form.</summary>
public sealed partial class CollectionForm
{
    public string? Name { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? HeaderImageUrl { get; set; }
    /// <summary>The parent collection's name, for a subcollection.</summary>
    public string? Parent { get; set; }
    public bool IsOpen { get; set; } = true;
    public bool IsModerated { get; set; }
    public bool IsAnonymous { get; set; }
    public bool IsUnrevealed { get; set; }
    /// <summary>When to reveal by itself (local time in <see cref="TimeZone"/>), or empty.</summary>
    public DateTime? RevealAt { get; set; }
    public string TimeZone { get; set; } = "UTC";

    public const int DescriptionMaxLength = 6_000;

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex NamePattern();

    /// <summary>Adds a message beside each bad field; returns the parent collection, the reveal moment, and nothing else worth keeping.</summary>
    public async Task<(Collection? Parent, DateTimeOffset? RevealAt)> ValidateAsync(ArchiveDbContext db, int userId, int? collectionId, ModelStateDictionary errors)
    {
        // Names are kept in lower case, so an address finds its collection however it is typed.
        Name = Name?.Trim().ToLowerInvariant();
        Title = Title?.Trim();
        if (collectionId is null)
        {
            if (string.IsNullOrEmpty(Name)) errors.AddModelError(nameof(Name), "Please choose a name: it is the collection's address, /collections/NAME.");
            else if (Name.Length > Collection.NameMaxLength || !NamePattern().IsMatch(Name))
                errors.AddModelError(nameof(Name), $"Names are letters, digits and underscores, {Collection.NameMaxLength} characters or fewer.");
            else if (await db.Collections.AnyAsync(c => c.Name == Name))
                errors.AddModelError(nameof(Name), $"There is already a collection called “{Name}”.");
        }
        if (string.IsNullOrEmpty(Title)) errors.AddModelError(nameof(Title), "Please give the collection a title.");
        else if (Title.Length > Collection.TitleMaxLength) errors.AddModelError(nameof(Title), $"Titles are {Collection.TitleMaxLength} characters or fewer.");
        ArchiveLimits.CheckLength(errors, nameof(Description), "The description", Description, DescriptionMaxLength);
        HeaderImageUrl = string.IsNullOrWhiteSpace(HeaderImageUrl) ? null : HeaderImageUrl.Trim();
        if (HeaderImageUrl is not null && (HeaderImageUrl.Length > 500 || !Uri.TryCreate(HeaderImageUrl, UriKind.Absolute, out var image) || image.Scheme is not ("http" or "https")))
            errors.AddModelError(nameof(HeaderImageUrl), "The header image must be an http:// or https:// address of 500 characters or fewer.");

        Collection? parent = null;
        if (!string.IsNullOrWhiteSpace(Parent))
        {
            var parentName = Parent.Trim();
            parent = await db.FindCollectionAsync(parentName);
            if (parent is null) errors.AddModelError(nameof(Parent), $"There is no collection called “{parentName}”.");
            else if (parent.Id == collectionId) errors.AddModelError(nameof(Parent), "A collection can't be its own parent.");
            else if (parent.ParentId is not null) errors.AddModelError(nameof(Parent), $"“{parent.Title}” is itself a subcollection; subcollections can't have their own.");
            else if (collectionId is { } id && await db.Collections.AnyAsync(c => c.ParentId == id))
                errors.AddModelError(nameof(Parent), "This collection has subcollections of its own, so it can't be a subcollection.");
            else if (!await db.CollectionMaintainers.AnyAsync(m => m.CollectionId == parent.Id && m.UserId == userId && m.Role == MaintainerRole.Owner))
                errors.AddModelError(nameof(Parent), $"Only owners of “{parent.Title}” can add subcollections to it.");
        }

        DateTimeOffset? revealAt = null;
        if (RevealAt is { } local)
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone))
                errors.AddModelError(nameof(TimeZone), "Please choose a time zone from the list.");
            else
            {
                var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
                revealAt = new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
                if (!IsAnonymous && !IsUnrevealed) errors.AddModelError(nameof(RevealAt), "A reveal date is for an anonymous or unrevealed collection: tick one of them, or leave the date empty.");
            }
        }
        return (parent, revealAt);
    }

    public static CollectionForm From(Collection collection, string? parentName) => new()
    {
        Name = collection.Name, Title = collection.Title, Description = collection.DescriptionSource, HeaderImageUrl = collection.HeaderImageUrl,
        Parent = parentName, IsOpen = collection.IsOpen, IsModerated = collection.IsModerated, IsAnonymous = collection.IsAnonymous,
        IsUnrevealed = collection.IsUnrevealed, RevealAt = collection.RevealAt?.UtcDateTime, TimeZone = "UTC",
    };
}
