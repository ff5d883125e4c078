using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class RegisteredUsersOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_restricted",
                table: "works",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Tags' counts are shown to guests too: they count only works everyone may see, not those for registered users only.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION works_tag_count_changes() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    before int[] := CASE WHEN TG_OP <> 'INSERT' AND OLD.hidden_at IS NULL AND NOT OLD.is_unrevealed AND NOT OLD.is_restricted THEN OLD.filter_tag_ids ELSE '{}' END;
                    after int[] := CASE WHEN TG_OP <> 'DELETE' AND NEW.hidden_at IS NULL AND NOT NEW.is_unrevealed AND NOT NEW.is_restricted THEN NEW.filter_tag_ids ELSE '{}' END;
                BEGIN
                    -- Bulk loads (seed-demo) count once at the end instead.
                    IF before = after OR current_setting('archive.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
                    INSERT INTO tag_count_changes (tag_id, delta)
                    SELECT gone.tag_id, -1 FROM unnest(before) AS gone(tag_id) WHERE NOT gone.tag_id = ANY(after)
                    UNION ALL
                    SELECT came.tag_id, 1 FROM unnest(after) AS came(tag_id) WHERE NOT came.tag_id = ANY(before);
                    RETURN NULL;
                END $$;
                DROP TRIGGER works_tag_count_changes ON works;
                CREATE TRIGGER works_tag_count_changes AFTER INSERT OR DELETE OR UPDATE OF filter_tag_ids, hidden_at, is_unrevealed, is_restricted ON works
                    FOR EACH ROW EXECUTE FUNCTION works_tag_count_changes();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION works_tag_count_changes() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    before int[] := CASE WHEN TG_OP <> 'INSERT' AND OLD.hidden_at IS NULL AND NOT OLD.is_unrevealed THEN OLD.filter_tag_ids ELSE '{}' END;
                    after int[] := CASE WHEN TG_OP <> 'DELETE' AND NEW.hidden_at IS NULL AND NOT NEW.is_unrevealed THEN NEW.filter_tag_ids ELSE '{}' END;
                BEGIN
                    -- Bulk loads (seed-demo) count once at the end instead.
                    IF before = after OR current_setting('archive.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
                    INSERT INTO tag_count_changes (tag_id, delta)
                    SELECT gone.tag_id, -1 FROM unnest(before) AS gone(tag_id) WHERE NOT gone.tag_id = ANY(after)
                    UNION ALL
                    SELECT came.tag_id, 1 FROM unnest(after) AS came(tag_id) WHERE NOT came.tag_id = ANY(before);
                    RETURN NULL;
                END $$;
                DROP TRIGGER works_tag_count_changes ON works;
                CREATE TRIGGER works_tag_count_changes AFTER INSERT OR DELETE OR UPDATE OF filter_tag_ids, hidden_at, is_unrevealed ON works
                    FOR EACH ROW EXECUTE FUNCTION works_tag_count_changes();
                """);
            migrationBuilder.DropColumn(
                name: "is_restricted",
                table: "works");
        }
    }
}
