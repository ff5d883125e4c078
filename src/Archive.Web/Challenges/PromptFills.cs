using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Challenges;

/// <summary>Works that fill a prompt meme's prompts.</summary>
public static class PromptFills
{
    /// <summary>The collection whose prompt meme holds this prompt, or null.</summary>
    public static Task<Collections.Collection?> CollectionOfAsync(ArchiveDbContext db, int promptId) =>
        db.Prompts.Where(p => p.Id == promptId && p.Kind == PromptKind.Request)
            .Join(db.Challenges.Where(c => c.Kind == ChallengeKind.PromptMeme), p => p.ChallengeId, c => c.Id, (p, c) => c.CollectionId)
            .Join(db.Collections, id => id, c => c.Id, (id, c) => c).AsNoTracking().SingleOrDefaultAsync();

    /// <summary>The work fills the prompt: the poster's claim (made now if they hadn't claimed it) names it.</summary>
    public static async Task FillAsync(ArchiveDbContext db, int promptId, int userId, int workId)
    {
        var claim = await db.PromptClaims.SingleOrDefaultAsync(c => c.PromptId == promptId && c.UserId == userId);
        if (claim is null) db.PromptClaims.Add(new PromptClaim { PromptId = promptId, UserId = userId, ClaimedAt = DateTimeOffset.UtcNow, WorkId = workId });
        else claim.WorkId = workId;
        await db.SaveChangesAsync();
    }
}
