namespace Archive.Web.Database;

public static class Health
{
    /// <summary>200 when the database answers, 503 when it does not.</summary>
    public static async Task<IResult> CheckAsync(ArchiveDbContext db, CancellationToken cancellationToken) =>
        await CanConnectAsync(db, cancellationToken)
            ? Results.Text("ok")
            : Results.Text("database unreachable", statusCode: StatusCodes.Status503ServiceUnavailable);

    /// <summary>Whether the database answers now.</summary>
    public static async Task<bool> CanConnectAsync(ArchiveDbContext db, CancellationToken cancellationToken)
    {
        try { return await db.Database.CanConnectAsync(cancellationToken); }
        catch (Exception e) when (e is not OperationCanceledException) { return false; }
    }
}
