using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class TagWrangling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "fandom_count",
                table: "works",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int[]>(
                name: "filter_tag_ids",
                table: "works",
                type: "integer[]",
                nullable: false,
                defaultValueSql: "ARRAY[]::integer[]");

            migrationBuilder.AddColumn<bool>(
                name: "is_canonical",
                table: "tags",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "merger_id",
                table: "tags",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "relationship_key",
                table: "tags",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "tag_parents",
                columns: table => new
                {
                    tag_id = table.Column<int>(type: "integer", nullable: false),
                    parent_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tag_parents", x => new { x.tag_id, x.parent_id });
                    table.ForeignKey(
                        name: "fk_tag_parents_tags_parent_id",
                        column: x => x.parent_id,
                        principalTable: "tags",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_tag_parents_tags_tag_id",
                        column: x => x.tag_id,
                        principalTable: "tags",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_works_filter_tag_ids",
                table: "works",
                column: "filter_tag_ids")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_tags_merger_id",
                table: "tags",
                column: "merger_id");

            migrationBuilder.CreateIndex(
                name: "ix_tags_relationship_key",
                table: "tags",
                column: "relationship_key");

            migrationBuilder.CreateIndex(
                name: "ix_tag_parents_parent_id",
                table: "tag_parents",
                column: "parent_id");

            migrationBuilder.AddForeignKey(
                name: "fk_tags_tags_merger_id",
                table: "tags",
                column: "merger_id",
                principalTable: "tags",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
            // Existing archives: fixed sets are canonical, relationships get their order-free key, works their filter tags.
            migrationBuilder.Sql("UPDATE tags SET is_canonical = true WHERE type IN (0, 1, 2);");
            foreach (var separator in new[] { "/", "&" })
                migrationBuilder.Sql($$"""
                    UPDATE tags SET relationship_key = (
                        SELECT string_agg(p, '{{separator}}' ORDER BY p COLLATE "C")
                        FROM (SELECT lower(regexp_replace(trim(x), '\s+', ' ', 'g')) AS p FROM unnest(string_to_array(name, '{{separator}}')) AS x) AS people
                        WHERE p <> '')
                    WHERE type = 4 AND relationship_key IS NULL AND position('{{separator}}' in name) > 0;
                    """);
            migrationBuilder.Sql("""
                UPDATE works w SET filter_tag_ids = COALESCE((
                    SELECT array_agg(DISTINCT COALESCE(t.merger_id, t.id)) FROM work_tags wt JOIN tags t ON t.id = wt.tag_id WHERE wt.work_id = w.id),
                    ARRAY[]::integer[]),
                    fandom_count = (SELECT count(DISTINCT COALESCE(t.merger_id, t.id)) FROM work_tags wt JOIN tags t ON t.id = wt.tag_id WHERE wt.work_id = w.id AND t.type = 3);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_tags_tags_merger_id",
                table: "tags");

            migrationBuilder.DropTable(
                name: "tag_parents");

            migrationBuilder.DropIndex(
                name: "ix_works_filter_tag_ids",
                table: "works");

            migrationBuilder.DropIndex(
                name: "ix_tags_merger_id",
                table: "tags");

            migrationBuilder.DropIndex(
                name: "ix_tags_relationship_key",
                table: "tags");

            migrationBuilder.DropColumn(
                name: "fandom_count",
                table: "works");

            migrationBuilder.DropColumn(
                name: "filter_tag_ids",
                table: "works");

            migrationBuilder.DropColumn(
                name: "is_canonical",
                table: "tags");

            migrationBuilder.DropColumn(
                name: "merger_id",
                table: "tags");

            migrationBuilder.DropColumn(
                name: "relationship_key",
                table: "tags");
        }
    }
}
