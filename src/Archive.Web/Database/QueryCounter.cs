using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Archive.Web.Database;

/// <summary>How many database commands a request has sent; set it as a request feature to have them counted.</summary>
public sealed class QueryCount
{
    int value;
    public int Value => value;
    internal void Add() => Interlocked.Increment(ref value);
}

/// <summary>
/// Counts each command EF sends against the request that sent it, when that request carries a <see cref="QueryCount"/>.
/// The tests set one to keep pages within their budget of round trips.
/// </summary>
public sealed class QueryCounter(IHttpContextAccessor http) : DbCommandInterceptor
{
    void Count() => http.HttpContext?.Features.Get<QueryCount>()?.Add();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }
}
