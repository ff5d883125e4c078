using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Tags;

/// <summary>
/// A change to how many visible works carry a canonical tag. A trigger on works appends these as works are posted,
/// retagged, wrangled, hidden or deleted, so a popular tag's count is never a row every poster waits on;
/// <see cref="TagCounts"/> folds them into <see cref="Tag.WorksCount"/> every few seconds.
/// </summary>
public sealed class TagCountChange
{
    public long Id { get; set; }
    public int TagId { get; set; }
    public int Delta { get; set; }
}

public sealed class TagCountChangeConfiguration : IEntityTypeConfiguration<TagCountChange>
{
    public void Configure(EntityTypeBuilder<TagCountChange> change)
    {
        change.ToTable("tag_count_changes");
        change.HasIndex(c => c.TagId);
    }
}

/// <summary>
/// Exact counts of visible works per canonical tag: a tag's count is its folded <c>works_count</c> plus its waiting changes,
/// <c>works_count + COALESCE((SELECT sum(delta) FROM tag_count_changes WHERE tag_id = id), 0)</c>.
/// </summary>
public sealed class TagCounts(IServiceScopeFactory scopes, ILogger<TagCounts> logger) : BackgroundService
{
    static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>Moves waiting changes into the tags' counts; instances folding at once each take different rows.</summary>
    public async Task FoldAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ArchiveDbContext>();
        await db.Database.ExecuteSqlRawAsync("""
            WITH taken AS (DELETE FROM tag_count_changes WHERE id IN (SELECT id FROM tag_count_changes ORDER BY id LIMIT 50000 FOR UPDATE SKIP LOCKED) RETURNING tag_id, delta)
            UPDATE tags SET works_count = tags.works_count + moved.delta
            FROM (SELECT tag_id, sum(delta)::int AS delta FROM taken GROUP BY tag_id) moved
            WHERE tags.id = moved.tag_id
            """, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try { await FoldAsync(stoppingToken); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Counts stay exact meanwhile: readers add what is waiting.
                    logger.LogWarning(e, "Could not fold tag count changes");
                }
            }
        }
        catch (OperationCanceledException) { }
    }
}
