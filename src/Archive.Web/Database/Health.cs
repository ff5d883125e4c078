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
        var notes = new List<string>();
        if (context.RequestServices.GetService<Hosting.SharedRedis>() is { IsConnected: false }) notes.Add("redis unreachable: pages come from the database, and comment limits and hits are this instance's own, until it is back");
        if (context.RequestServices.GetService<ReplicaReads>() is { } replica) notes.Add(replica.State);
        return Results.Text(string.Join("; ", ["ok", .. notes]));
    }

    /// <summary>Whether the database answers now.</summary>
    public static async Task<bool> CanConnectAsync(ArchiveDbContext db, CancellationToken cancellationToken)
    {
        try { return await db.Database.CanConnectAsync(cancellationToken); }
        catch (Exception e) when (e is not OperationCanceledException) { return false; }
    }
}
