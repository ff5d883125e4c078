using Archive.Web.Database;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Drafts;

/// <summary>
/// Posts scheduled drafts when their time comes. The schedule lives in the drafts table, so a restart loses nothing; every
/// instance looks, and <see cref="DraftClaim"/> lets only one of them post each draft.
/// </summary>
public sealed class ScheduledPosting(IServiceScopeFactory scopes, ILogger<ScheduledPosting> logger) : BackgroundService
{
    /// <summary>The longest wait between looks: a draft scheduled on another instance is seen within it.</summary>
    public static readonly TimeSpan AtMost = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = AtMost;
                try
                {
                    await PostDueAsync(stoppingToken);
                    await using var scope = scopes.CreateAsyncScope();
                    var next = await scope.ServiceProvider.GetRequiredService<ArchiveDbContext>().Drafts.Where(d => d.PostAt != null)
                        .MinAsync(d => d.PostAt, stoppingToken);
                    if (next is { } at) wait = TimeSpan.FromTicks(Math.Clamp((at - DateTimeOffset.UtcNow).Ticks, TimeSpan.FromMilliseconds(200).Ticks, AtMost.Ticks));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database may be away for a moment: the drafts stay due, and the next look posts them.
                    logger.LogWarning(e, "Could not post the scheduled drafts due");
                }
                await Task.Delay(wait, stoppingToken);
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Posts every draft whose time has come; returns how many this instance posted.</summary>
    public async Task<int> PostDueAsync(CancellationToken cancel = default)
    {
        List<int> due;
        await using (var scope = scopes.CreateAsyncScope())
            due = await scope.ServiceProvider.GetRequiredService<ArchiveDbContext>().Drafts.AsNoTracking()
                .Where(d => d.PostAt <= DateTimeOffset.UtcNow).OrderBy(d => d.PostAt).Select(d => d.Id).Take(100).ToListAsync(cancel);
        var posted = 0;
        foreach (var id in due)
        {
            // A scope each: a draft that fails leaves nothing behind in the next one's context.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ArchiveDbContext>();
            var draft = await db.Drafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.PostAt <= DateTimeOffset.UtcNow, cancel);
            if (draft is null) continue;
            var errors = new ModelStateDictionary();
            try
            {
                if (await scope.ServiceProvider.GetRequiredService<DraftPosting>().PostAsync(draft, errors) is { } done)
                {
                    posted++;
                    logger.LogInformation("Posted scheduled draft {Draft} as {Url}", id, done.Url);
                    continue;
                }
            }
            catch (DraftGoneException) { continue; }
            // Something changed since it was scheduled (a pseud deleted, a collection closed): it waits for its author, who hears why.
            var problem = DraftPosting.Problems(errors);
            var stopped = await db.Drafts.Where(d => d.Id == id && d.PostAt != null)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.PostAt, (DateTimeOffset?)null).SetProperty(d => d.Problem, problem), cancel);
            if (stopped == 0) continue;
            logger.LogInformation("Scheduled draft {Draft} could not be posted: {Problem}", id, problem);
            if (await db.Users.Where(u => u.Id == draft.UserId).Select(u => u.Email).SingleOrDefaultAsync(cancel) is { Length: > 0 } email)
            {
                var mail = scope.ServiceProvider.GetRequiredService<Mail.OutgoingMail>();
                var title = draft.Title.Length > 0 ? draft.Title : "Untitled draft";
                await mail.SendAsync(email, $"Your scheduled post “{title}” was not posted",
                    $"Your draft “{title}” was due to be posted at {PostLater.Show(draft.PostAt!.Value, draft.TimeZone)}, but it could not be:\n\n{problem}\n\n" +
                    $"It is kept as a draft. Fix it and post it here: {mail.Site}/drafts/{id}/edit\n");
            }
        }
        return posted;
    }
}
