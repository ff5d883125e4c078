using Archive.Web.Accounts;
using Archive.Web.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Works;

/// <summary>
/// Giving works to the archive's orphan_account, as AO3 does: their creator is no longer named on them (or is named only by
/// a pseud of orphan_account with their pseud's name) and can no longer change them; the works stay for their readers.
/// </summary>
public sealed class Orphaning(ArchiveDbContext db, UserManager<User> users, Caching.PageCacheEvictions evictions)
{
    public const string OrphanAccount = "orphan_account";

    /// <summary>Orphans these works of this user; returns how many were theirs to orphan.</summary>
    public async Task<int> OrphanAsync(int userId, IReadOnlyCollection<int> workIds, bool keepPseudName)
    {
        var orphan = await OrphanAccountAsync();
        var befores = new Dictionary<int, Caching.WorkFootprint>();
        var done = new List<int>();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            foreach (var workId in workIds.Distinct())
            {
                var mine = await db.WorkCreators.Include(c => c.Pseud).Where(c => c.WorkId == workId && c.Pseud.UserId == userId).OrderBy(c => c.Position).ToListAsync();
                var archived = await db.Works.AnyAsync(w => w.Id == workId && w.ArchivistUserId == userId);
                if (mine.Count == 0 && !archived) continue;
                befores[workId] = await Caching.PageCacheEvictions.FootprintAsync(db, workId);
                if (mine.Count > 0)
                {
                    var pseud = keepPseudName ? await OrphanPseudAsync(orphan, mine[0].Pseud.Name) : await db.Pseuds.SingleAsync(p => p.UserId == orphan.Id && p.IsDefault);
                    var position = mine[0].Position;
                    db.WorkCreators.RemoveRange(mine);
                    await db.SaveChangesAsync();
                    if (!await db.WorkCreators.AnyAsync(c => c.WorkId == workId && c.PseudId == pseud.Id))
                        db.WorkCreators.Add(new WorkCreator { WorkId = workId, PseudId = pseud.Id, Position = position, IsAccepted = true, InvitedAt = DateTimeOffset.UtcNow });
                }
                await db.Works.Where(w => w.Id == workId && w.ArchivistUserId == userId).ExecuteUpdateAsync(w => w.SetProperty(x => x.ArchivistUserId, (int?)null));
                await db.SaveChangesAsync();
                // Search text, creator sort and downloads name the creators.
                await db.RecountAsync(workId, revised: false);
                await db.Downloads.Where(d => d.WorkId == workId).ExecuteDeleteAsync();
                done.Add(workId);
            }
            await transaction.CommitAsync();
        }
        foreach (var workId in done) await evictions.WorkChangedAsync(db, workId, befores[workId]);
        return done.Count;
    }

    async Task<User> OrphanAccountAsync()
    {
        if (await users.FindByNameAsync(OrphanAccount) is { } existing) return existing;
        // Made on first use, without a password: nobody can log in as it.
        var orphan = new User { UserName = OrphanAccount, Email = "orphan_account@archive.invalid", EmailConfirmed = true };
        var result = await AccountCreation.CreateAsync(users, db, orphan, password: null);
        // Two orphanings at once: the other made it.
        return result.Succeeded ? orphan : (await users.FindByNameAsync(OrphanAccount))!;
    }

    async Task<Pseud> OrphanPseudAsync(User orphan, string name)
    {
        var normalized = Pseud.Normalize(name);
        if (await db.Pseuds.SingleOrDefaultAsync(p => p.UserId == orphan.Id && p.NormalizedName == normalized) is { } pseud) return pseud;
        pseud = new Pseud { UserId = orphan.Id, Name = name, NormalizedName = normalized, CreatedAt = DateTimeOffset.UtcNow };
        db.Pseuds.Add(pseud);
        await db.SaveChangesAsync();
        return pseud;
    }
}
