using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class Moderation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "hidden_at",
                table: "works",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "hidden_reason",
                table: "works",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "guest_address_hash",
                table: "comments",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_spam",
                table: "comments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "moderation_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    moderator_user_id = table.Column<int>(type: "integer", nullable: false),
                    action = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    target = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_moderation_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reports",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    comment_id = table.Column<int>(type: "integer", nullable: true),
                    reporter_user_id = table.Column<int>(type: "integer", nullable: true),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_by_user_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_reports_comments_comment_id",
                        column: x => x.comment_id,
                        principalTable: "comments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_reports_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_comments_guest_address_hash",
                table: "comments",
                column: "guest_address_hash");

            migrationBuilder.CreateIndex(
                name: "ix_comments_screened",
                table: "comments",
                column: "id",
                filter: "is_screened AND NOT is_deleted");

            migrationBuilder.CreateIndex(
                name: "ix_moderation_log_created_at",
                table: "moderation_log",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_reports_comment_id",
                table: "reports",
                column: "comment_id");

            migrationBuilder.CreateIndex(
                name: "ix_reports_resolved_at",
                table: "reports",
                column: "resolved_at");

            migrationBuilder.CreateIndex(
                name: "ix_reports_work_id",
                table: "reports",
                column: "work_id");

            // The audit log is append-only for everyone, the app included.
            migrationBuilder.Sql("""
                CREATE FUNCTION moderation_log_is_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'the moderation log cannot be changed or deleted'; END $$ LANGUAGE plpgsql;
                CREATE TRIGGER moderation_log_append_only BEFORE UPDATE OR DELETE ON moderation_log
                    FOR EACH ROW EXECUTE FUNCTION moderation_log_is_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS moderation_log_append_only ON moderation_log; DROP FUNCTION IF EXISTS moderation_log_is_append_only();");

            migrationBuilder.DropTable(
                name: "moderation_log");

            migrationBuilder.DropTable(
                name: "reports");

            migrationBuilder.DropIndex(
                name: "ix_comments_guest_address_hash",
                table: "comments");

            migrationBuilder.DropIndex(
                name: "ix_comments_screened",
                table: "comments");

            migrationBuilder.DropColumn(
                name: "hidden_at",
                table: "works");

            migrationBuilder.DropColumn(
                name: "hidden_reason",
                table: "works");

            migrationBuilder.DropColumn(
                name: "guest_address_hash",
                table: "comments");

            migrationBuilder.DropColumn(
                name: "is_spam",
                table: "comments");
        }
    }
}
