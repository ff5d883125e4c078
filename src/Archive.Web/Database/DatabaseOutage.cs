using System.Net.Sockets;
using Npgsql;

namespace Archive.Web.Database;

/// <summary>Whether a failure was the database being out of reach (restarting, down, refusing connections) rather than a fault in the archive.</summary>
public static class DatabaseOutage
{
    public static bool Caused(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Class 08: connection exceptions; 57P01-57P03: the server shutting down or starting up; 53300: no connections left.
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState is "57P01" or "57P02" or "57P03" or "53300";
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                    return true;
            }
        }
        return false;
    }
}
