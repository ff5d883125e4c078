using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class WorkStatsTags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int[]>(
                name: "filter_tag_ids",
                table: "work_stats",
                type: "integer[]",
                nullable: false,
                defaultValueSql: "ARRAY[]::integer[]");

            // The copy follows the work whatever changes its tags (posting, editing, wrangling): a new stats row takes the
            // work's tags, and a change to them is copied over. Bulk loads (seed-demo) write both themselves.
            migrationBuilder.Sql("""
                CREATE FUNCTION work_stats_take_tags() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF current_setting('archive.bulk_load', true) IS DISTINCT FROM 'on' THEN
                        NEW.filter_tag_ids := COALESCE((SELECT filter_tag_ids FROM works WHERE id = NEW.work_id), ARRAY[]::integer[]);
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER work_stats_take_tags BEFORE INSERT ON work_stats FOR EACH ROW EXECUTE FUNCTION work_stats_take_tags();
                CREATE FUNCTION works_copy_tags_to_stats() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE work_stats SET filter_tag_ids = NEW.filter_tag_ids WHERE work_id = NEW.id;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER works_copy_tags_to_stats AFTER UPDATE OF filter_tag_ids ON works
                    FOR EACH ROW WHEN (OLD.filter_tag_ids IS DISTINCT FROM NEW.filter_tag_ids) EXECUTE FUNCTION works_copy_tags_to_stats();
                UPDATE work_stats SET filter_tag_ids = works.filter_tag_ids FROM works WHERE works.id = work_stats.work_id;
                ANALYZE work_stats;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER works_copy_tags_to_stats ON works; DROP FUNCTION works_copy_tags_to_stats();
                DROP TRIGGER work_stats_take_tags ON work_stats; DROP FUNCTION work_stats_take_tags();
                """);
            migrationBuilder.DropColumn(
                name: "filter_tag_ids",
                table: "work_stats");
        }
    }
}
