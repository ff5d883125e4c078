using Archive.Tests.Infrastructure;
using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Archive.Tests;

/// <summary>
/// The first release's one baseline migration builds the schema the model describes (and what the model can't say: triggers,
/// an expression index, defaults), and databases made before it carry on.
/// </summary>
public class MigrationTests
{
    static ArchiveDbContext Open(string connectionString)
    {
        var options = new DbContextOptionsBuilder<ArchiveDbContext>();
        ArchiveDbContext.Configure(options, connectionString);
        return new ArchiveDbContext(options.Options);
    }

    static async Task<List<string>> ReadAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(string.Join(" ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : reader.GetValue(i).ToString())));
        return rows;
    }

    const string Columns = """
        SELECT table_name, column_name, data_type, is_nullable, character_maximum_length, is_generated FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> 'ef_migrations_history' ORDER BY 1, 2
        """;
    const string Indexes = "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'ef_migrations_history' ORDER BY 1";

    [Fact]
    public async Task The_baseline_builds_exactly_the_tables_and_indexes_the_model_describes_and_the_triggers_it_cannot()
    {
        await using var db = Open(await TestPostgres.CreateDatabaseAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "the model has changed since the last migration: ./migrations/add.sh NAME");
        Assert.Equal(1, await DatabaseMigrator.MigrateAsync(db));

        // The same model made into tables directly, without migrations.
        var fromModel = await TestPostgres.CreateDatabaseAsync();
        await using (var direct = Open(fromModel)) await direct.Database.EnsureCreatedAsync();

        var migrated = db.Database.GetConnectionString()!;
        Assert.Equal(await ReadAsync(fromModel, Columns), await ReadAsync(migrated, Columns));
        var indexes = await ReadAsync(migrated, Indexes);
        Assert.Equal(["ix_works_title"], indexes.Except(await ReadAsync(fromModel, Indexes)));
        Assert.Empty((await ReadAsync(fromModel, Indexes)).Except(indexes));
        Assert.Equal(["moderation_log_append_only", "work_stats_take_tags", "works_copy_tags_to_stats", "works_tag_count_changes"],
            await ReadAsync(migrated, "SELECT DISTINCT trigger_name FROM information_schema.triggers ORDER BY 1"));
    }

    [Fact]
    public async Task An_archive_made_before_the_first_release_is_taken_as_at_the_baseline_and_keeps_its_works()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        await using (var db = Open(connectionString))
        {
            await DatabaseMigrator.MigrateAsync(db);
            // What the 40 migrations before the release left: the same schema, their names in the history.
            await db.Database.ExecuteSqlRawAsync($"""
                DELETE FROM ef_migrations_history;
                INSERT INTO ef_migrations_history VALUES ('20261124081141_Initial', '10.0.15'), ('{DatabaseMigrator.LastPreReleaseMigration}', '10.0.15');
                """);
        }
        await using var app = ArchiveFactory.On(connectionString);
        var author = await app.NewVisitor().SignUpAsync();
        var posted = await author.PostWorkAsync(new() { ["Title"] = "Posted after the upgrade" });
        Assert.Equal("Posted after the upgrade", posted.Find("h1.title")?.TextContent);
        await using var check = Open(connectionString);
        Assert.Equal([check.Database.GetMigrations().Single()], await check.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task An_archive_stopped_part_way_through_the_pre_release_migrations_is_told_what_to_do()
    {
        await using var db = Open(await TestPostgres.CreateDatabaseAsync());
        await DatabaseMigrator.MigrateAsync(db);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM ef_migrations_history; INSERT INTO ef_migrations_history VALUES ('20261124081141_Initial', '10.0.15');");
        var refused = await Assert.ThrowsAsync<PreReleaseDatabaseException>(() => DatabaseMigrator.MigrateAsync(db));
        Assert.Contains("stopped part-way through its migrations (its last is 20261124081141_Initial)", refused.Message);
        Assert.Contains("git checkout 1472a3d", refused.Message);
    }
}
