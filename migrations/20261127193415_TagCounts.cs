using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class TagCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "works_count",
                table: "tags",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "tag_count_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tag_id = table.Column<int>(type: "integer", nullable: false),
                    delta = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tag_count_changes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tags_type_works_count",
                table: "tags",
                columns: new[] { "type", "works_count" });

            migrationBuilder.CreateIndex(
                name: "ix_tag_count_changes_tag_id",
                table: "tag_count_changes",
                column: "tag_id");

            // Every change to which visible works carry which canonical tags appends the difference, whatever made it
            // (posting, editing, wrangling, hiding, deleting, importing), so counts can't drift from the works.
            migrationBuilder.Sql("""
                CREATE FUNCTION works_tag_count_changes() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    before int[] := CASE WHEN TG_OP <> 'INSERT' AND OLD.hidden_at IS NULL THEN OLD.filter_tag_ids ELSE '{}' END;
                    after int[] := CASE WHEN TG_OP <> 'DELETE' AND NEW.hidden_at IS NULL THEN NEW.filter_tag_ids ELSE '{}' END;
                BEGIN
                    -- Bulk loads (seed-demo) count once at the end instead.
                    IF before = after OR current_setting('archive.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
                    INSERT INTO tag_count_changes (tag_id, delta)
                    SELECT gone.tag_id, -1 FROM unnest(before) AS gone(tag_id) WHERE NOT gone.tag_id = ANY(after)
                    UNION ALL
                    SELECT came.tag_id, 1 FROM unnest(after) AS came(tag_id) WHERE NOT came.tag_id = ANY(before);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER works_tag_count_changes AFTER INSERT OR DELETE OR UPDATE OF filter_tag_ids, hidden_at ON works
                    FOR EACH ROW EXECUTE FUNCTION works_tag_count_changes();
                UPDATE tags SET works_count = counted.n
                FROM (SELECT f.tag_id, count(*)::int AS n FROM works, unnest(works.filter_tag_ids) AS f(tag_id) WHERE works.hidden_at IS NULL GROUP BY f.tag_id) counted
                WHERE tags.id = counted.tag_id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER works_tag_count_changes ON works; DROP FUNCTION works_tag_count_changes();");
            migrationBuilder.DropTable(
                name: "tag_count_changes");

            migrationBuilder.DropIndex(
                name: "ix_tags_type_works_count",
                table: "tags");

            migrationBuilder.DropColumn(
                name: "works_count",
                table: "tags");
        }
    }
}
