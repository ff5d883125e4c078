using Archive.Web.Database;
using Archive.Web.Text;
using Archive.Web.Works;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Chapters;

/// <summary>Adds a checked chapter form to a work as its next chapter: from the chapter form, or from a draft.</summary>
public sealed class ChapterPosting(ArchiveDbContext db, StoryText text, Caching.PageCacheEvictions evictions)
{
    /// <summary>Returns the new chapter's position.</summary>
    /// <exception cref="Drafts.DraftGoneException">The draft was posted by someone else first.</exception>
    public async Task<int> AddAsync(int workId, ChapterForm form, int? fromDraftId = null)
    {
        int position;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await Drafts.DraftClaim.TakeAsync(db, fromDraftId);
            // Lock the work row so two chapters posted at once don't both take the same position.
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM works WHERE id = {workId} FOR UPDATE");
            position = await db.Chapters.Where(c => c.WorkId == workId).MaxAsync(c => c.Position) + 1;
            var now = DateTimeOffset.UtcNow;
            var chapter = new Chapter { WorkId = workId, Position = position, CreatedAt = now, PublishedOn = form.PublishedOn ?? DateOnly.FromDateTime(now.UtcDateTime) };
            form.ApplyTo(chapter, text);
            db.Chapters.Add(chapter);
            await db.SaveChangesAsync();
            // Never "3/2": a chapter beyond the expected count raises it (to what the author said, when asked).
            Works.WorkPosting.TryParseExpectedChapters(form.ExpectedChapters, out var said);
            if (form.ExpectedChapters is { Length: > 0 } typed)
            {
                int? expected = typed.Trim() == "?" ? null : Math.Max(said ?? position, position);
                await db.Database.ExecuteSqlAsync($"UPDATE works SET expected_chapters = {expected} WHERE id = {workId}");
            }
            else
                await db.Database.ExecuteSqlAsync($"UPDATE works SET expected_chapters = {position} WHERE id = {workId} AND expected_chapters < {position}");
            await db.RecountAsync(workId);
            await transaction.CommitAsync();
        }
        await evictions.WorkChangedAsync(db, workId);
        return position;
    }
}
