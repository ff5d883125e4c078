namespace Archive.Web.Collections;

/// <summary>Reveals collections on their reveal dates: every instance looks each half minute, and each collection is revealed once.</summary>
public sealed class CollectionReveals(IServiceScopeFactory scopes, ILogger<CollectionReveals> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var revealed = await scope.ServiceProvider.GetRequiredService<CollectionWorks>().RevealDueAsync();
                    if (revealed > 0) logger.LogInformation("Revealed {Count} collection(s) on their reveal date", revealed);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database may be away for a moment: the reveal is still due, and the next look makes it.
                    logger.LogWarning(e, "Could not reveal the collections due");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) { }
    }
}
