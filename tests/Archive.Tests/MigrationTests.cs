using Archive.Tests.Infrastructure;
using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Archive.Tests;

/// <summary>An archive that already holds works must upgrade: every migration applies over real rows, not just to an empty database.</summary>
public class MigrationTests
{
    [Fact]
    public async Task Each_migration_applies_to_a_database_that_already_holds_works()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var options = new DbContextOptionsBuilder<ArchiveDbContext>();
        ArchiveDbContext.Configure(options, connectionString);
        await using var db = new ArchiveDbContext(options.Options);
        var migrations = db.Database.GetMigrations().ToList();
        var migrator = db.GetService<IMigrator>();

        await migrator.MigrateAsync(migrations[0]);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO users (id, user_name, normalized_user_name, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, created_at)
                    VALUES (1, 'early', 'EARLY', false, false, false, false, 0, now());
                INSERT INTO pseuds (id, user_id, name, normalized_name, is_default, created_at) VALUES (1, 1, 'early', 'EARLY', true, now());
                INSERT INTO works (id, title, summary_source, summary_html, notes_source, notes_html, end_notes_source, end_notes_html, text_format, sanitizer_version,
                    language, published_on, updated_on, expected_chapters, chapter_count, word_count, created_at, revised_at)
                    VALUES (1, 'Posted before imports', '', '', '', '', '', '', 0, 1, 'English', '2020-01-01', '2020-01-01', 1, 1, 2, now(), now());
                INSERT INTO work_creators (work_id, pseud_id, position, is_accepted, invited_at) VALUES (1, 1, 0, true, now());
                INSERT INTO chapters (id, work_id, position, summary_source, summary_html, notes_source, notes_html, end_notes_source, end_notes_html,
                    body_source, body_html, text_format, sanitizer_version, word_count, published_on, created_at, revised_at)
                    VALUES (1, 1, 1, '', '', '', '', '', '', 'Two words', '<p>Two words</p>', 0, 1, 2, '2020-01-01', now(), now());
                """, connection);
            await insert.ExecuteNonQueryAsync();
        }

        await migrator.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var work = await db.Works.AsNoTracking().Include(w => w.Chapters).SingleAsync(w => w.Id == 1);
        Assert.Equal("Posted before imports", work.Title);
        Assert.Empty(work.ExternalCreators);
        Assert.Null(work.ImportedAt);
        Assert.Null(Assert.Single(work.Chapters).ImportedPart);
        Assert.Equal(0, await db.Works.Where(w => w.Id == 1).Select(w => w.Stats.KudosCount).SingleAsync());
    }
}
