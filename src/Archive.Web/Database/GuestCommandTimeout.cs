using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Archive.Web.Database;

/// <summary>
/// A guest's page may keep the database busy only briefly (<see cref="ArchiveLimits.GuestCommandTimeoutSeconds"/>): anyone can
/// ask for a guest page, a thousand at a time, so one that turns out costly (a lock held, a query planned badly) must give up
/// and free its connection rather than queue everyone behind it. Signed-in readers and writers, and background work, keep
/// the usual 30 seconds: their requests are few and saving a form must not fail for being slow.
/// </summary>
public sealed class GuestCommandTimeout(IHttpContextAccessor http, IOptions<ArchiveLimits> limits) : DbCommandInterceptor
{
    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand command)
    {
        if (http.HttpContext is { } context && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            && context.User.Identity?.IsAuthenticated != true)
            command.CommandTimeout = limits.Value.GuestCommandTimeoutSeconds;
        return command;
    }

    /// <summary>Whether a failure was a command giving up at its timeout (or PostgreSQL cancelling it for that).</summary>
    public static bool Caused(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
            if (e is TimeoutException or Npgsql.PostgresException { SqlState: "57014" }) return true;
        return false;
    }
}
