using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class Collections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_anonymous",
                table: "works",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "is_unrevealed",
                table: "works",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "collections",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    description_source = table.Column<string>(type: "text", nullable: false),
                    description_html = table.Column<string>(type: "text", nullable: false),
                    header_image_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    parent_id = table.Column<int>(type: "integer", nullable: true),
                    tag_id = table.Column<int>(type: "integer", nullable: false),
                    is_open = table.Column<bool>(type: "boolean", nullable: false),
                    is_moderated = table.Column<bool>(type: "boolean", nullable: false),
                    is_anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    is_unrevealed = table.Column<bool>(type: "boolean", nullable: false),
                    reveal_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collections", x => x.id);
                    table.ForeignKey(
                        name: "fk_collections_collections_parent_id",
                        column: x => x.parent_id,
                        principalTable: "collections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_collections_tags_tag_id",
                        column: x => x.tag_id,
                        principalTable: "tags",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "collection_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    collection_id = table.Column<int>(type: "integer", nullable: false),
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    creator_approval = table.Column<int>(type: "integer", nullable: false),
                    collection_approval = table.Column<int>(type: "integer", nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collection_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_collection_items_collections_collection_id",
                        column: x => x.collection_id,
                        principalTable: "collections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_collection_items_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "collection_maintainers",
                columns: table => new
                {
                    collection_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    role = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collection_maintainers", x => new { x.collection_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_collection_maintainers_collections_collection_id",
                        column: x => x.collection_id,
                        principalTable: "collections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_collection_maintainers_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_collection_items_collection_id_work_id",
                table: "collection_items",
                columns: new[] { "collection_id", "work_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_collection_items_work_id",
                table: "collection_items",
                column: "work_id");

            migrationBuilder.CreateIndex(
                name: "ix_collection_maintainers_user_id",
                table: "collection_maintainers",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_collections_name",
                table: "collections",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_collections_parent_id",
                table: "collections",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_collections_reveal_at",
                table: "collections",
                column: "reveal_at",
                filter: "reveal_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_collections_tag_id",
                table: "collections",
                column: "tag_id",
                unique: true);

            // Tags' counts are of works readers can find: an unrevealed work counts once it is revealed, as a hidden one does once shown.
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER works_tag_count_changes ON works;
                CREATE TRIGGER works_tag_count_changes AFTER INSERT OR DELETE OR UPDATE OF filter_tag_ids, hidden_at ON works
                    FOR EACH ROW EXECUTE FUNCTION works_tag_count_changes();
                CREATE OR REPLACE FUNCTION works_tag_count_changes() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    before int[] := CASE WHEN TG_OP <> 'INSERT' AND OLD.hidden_at IS NULL THEN OLD.filter_tag_ids ELSE '{}' END;
                    after int[] := CASE WHEN TG_OP <> 'DELETE' AND NEW.hidden_at IS NULL THEN NEW.filter_tag_ids ELSE '{}' END;
                BEGIN
                    IF before = after OR current_setting('archive.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
                    INSERT INTO tag_count_changes (tag_id, delta)
                    SELECT gone.tag_id, -1 FROM unnest(before) AS gone(tag_id) WHERE NOT gone.tag_id = ANY(after)
                    UNION ALL
                    SELECT came.tag_id, 1 FROM unnest(after) AS came(tag_id) WHERE NOT came.tag_id = ANY(before);
                    RETURN NULL;
                END $$;
                """);

            migrationBuilder.DropTable(
                name: "collection_items");

            migrationBuilder.DropTable(
                name: "collection_maintainers");

            migrationBuilder.DropTable(
                name: "collections");

            migrationBuilder.DropColumn(
                name: "is_anonymous",
                table: "works");

            migrationBuilder.DropColumn(
                name: "is_unrevealed",
                table: "works");
        }
    }
}
