using System.Net;
using Archive.Tests.Infrastructure;
using Npgsql;

namespace Archive.Tests;

/// <summary>Several instances of the archive behind one proxy, sharing one PostgreSQL, as a growing fandom runs it.</summary>
public class SeveralInstancesTests
{
    [Fact]
    public async Task Three_instances_started_at_once_on_an_empty_database_migrate_it_once_and_all_serve_pages()
    {
        await using var first = new ArchiveFactory();
        await first.InitializeAsync();
        await using var second = first.Variant();
        await using var third = first.Variant();
        ArchiveFactory[] instances = [first, second, third];

        // Each starts (and migrates) on its own thread, as three machines started by one deploy would.
        using var go = new Barrier(instances.Length);
        await Task.WhenAll(instances.Select(instance => Task.Run(() =>
        {
            go.SignalAndWait();
            _ = instance.Services;
        })));

        foreach (var instance in instances)
        {
            var visitor = instance.NewVisitor();
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/healthz")).Status);
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/works")).Status);
            Assert.Empty(instance.Errors);
        }
        await using var connection = new NpgsqlConnection(first.ConnectionString);
        await connection.OpenAsync();
        await using var history = new NpgsqlCommand("SELECT count(*), count(DISTINCT migration_id) FROM ef_migrations_history", connection);
        await using var reader = await history.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.True(reader.GetInt64(0) > 0);
        Assert.Equal(reader.GetInt64(1), reader.GetInt64(0));
    }
}
