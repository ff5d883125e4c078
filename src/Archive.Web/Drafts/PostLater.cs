using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Drafts;

/// <summary>"Post at": a moment the author typed in their own time zone, turned into UTC or a message beside the field.</summary>
public static class PostLater
{
    /// <summary>How far ahead a post may be scheduled.</summary>
    public static readonly TimeSpan MostAhead = TimeSpan.FromDays(366);

    public static TimeZoneInfo Zone(string? id) => id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The UTC moment, or null (with a message when the typed moment can't be used).</summary>
    public static DateTimeOffset? Parse(DateTime? local, string? timeZone, ModelStateDictionary errors, string field, string zoneField)
    {
        if (local is not { } typed) return null;
        if (timeZone is null || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            errors.AddModelError(zoneField, "Please choose a time zone from the list.");
            return null;
        }
        var unspecified = DateTime.SpecifyKind(typed, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            errors.AddModelError(field, $"{typed:d MMM yyyy HH:mm} doesn't exist in {zone.Id} (the clocks go forward then). Please choose another time.");
            return null;
        }
        var at = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, zone), TimeSpan.Zero);
        var now = DateTimeOffset.UtcNow;
        if (at <= now)
            errors.AddModelError(field, $"{Show(at, zone.Id)} has passed. Choose a time ahead, or leave it empty to post now.");
        else if (at > now + MostAhead)
            errors.AddModelError(field, "Posts can be scheduled up to a year ahead.");
        return at;
    }

    /// <summary>The moment as the author sees it: their local time and zone.</summary>
    public static string Show(DateTimeOffset at, string timeZone)
    {
        var zone = Zone(timeZone);
        return $"{TimeZoneInfo.ConvertTime(at, zone):d MMM yyyy, HH:mm} ({zone.Id})";
    }

    public static DateTime Local(DateTimeOffset at, string timeZone) => TimeZoneInfo.ConvertTime(at, Zone(timeZone)).DateTime;
}

/// <summary>Thrown when a draft was posted (or deleted) by another request first: it is posted once, and this attempt changes nothing.</summary>
public sealed class DraftGoneException() : Exception("The draft was posted or deleted meanwhile.");

public static class DraftClaim
{
    /// <summary>
    /// Call first inside the posting transaction. Deleting the draft's row takes it: a second posting at once (another
    /// instance's schedule, a double click) waits on the row, then finds it gone and rolls back, so each draft posts once.
    /// </summary>
    public static async Task TakeAsync(Database.ArchiveDbContext db, int? draftId)
    {
        if (draftId is not { } id) return;
        if (await db.Database.ExecuteSqlAsync($"DELETE FROM drafts WHERE id = {id}") == 0)
            throw new DraftGoneException();
    }
}
