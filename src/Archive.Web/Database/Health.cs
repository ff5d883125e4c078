namespace Archive.Web.Database;

public static class Health
{
    /// <summary>
    /// 200 when the database answers, 503 when it does not. An instance whose Redis is away still serves pages (200), and
    /// says what it does alone meanwhile.
    /// </summary>
    public static async Task<IResult> CheckAsync(ArchiveDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        if (!await CanConnectAsync(db, cancellationToken)) return Results.Text("database unreachable", statusCode: StatusCodes.Status503ServiceUnavailable);
        return context.RequestServices.GetService<Hosting.SharedRedis>() is { IsConnected: false }
            ? Results.Text("ok; redis unreachable: comment limits are this instance's own until it is back")
            : Results.Text("ok");
    }

    /// <summary>Whether the database answers now.</summary>
    public static async Task<bool> CanConnectAsync(ArchiveDbContext db, CancellationToken cancellationToken)
    {
        try { return await db.Database.CanConnectAsync(cancellationToken); }
        catch (Exception e) when (e is not OperationCanceledException) { return false; }
    }
}
