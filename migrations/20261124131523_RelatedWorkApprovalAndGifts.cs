using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class RelatedWorkApprovalAndGifts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "approval",
                table: "related_works",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "gifts",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    pseud_id = table.Column<int>(type: "integer", nullable: true),
                    recipient_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    refused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gifts", x => x.id);
                    table.CheckConstraint("ck_gifts_recipient", "(pseud_id IS NULL) <> (recipient_name IS NULL)");
                    table.ForeignKey(
                        name: "fk_gifts_pseuds_pseud_id",
                        column: x => x.pseud_id,
                        principalTable: "pseuds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_gifts_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Older rows may hold addresses that aren't web links; keep the title and author, drop the address.
            migrationBuilder.Sql("UPDATE related_works SET url = NULL WHERE url IS NOT NULL AND url !~* '^https?://'");
            // Keep one link per original before the unique index.
            migrationBuilder.Sql("""
                DELETE FROM related_works r USING related_works older
                WHERE r.parent_work_id IS NOT NULL AND older.work_id = r.work_id AND older.parent_work_id = r.parent_work_id AND older.id < r.id
                """);

            migrationBuilder.CreateIndex(
                name: "ix_related_works_work_id_parent_work_id",
                table: "related_works",
                columns: new[] { "work_id", "parent_work_id" },
                unique: true,
                filter: "parent_work_id IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_related_works_url_http",
                table: "related_works",
                sql: "url IS NULL OR url ~* '^https?://'");

            migrationBuilder.CreateIndex(
                name: "ix_gifts_pseud_id",
                table: "gifts",
                column: "pseud_id");

            migrationBuilder.CreateIndex(
                name: "ix_gifts_work_id_pseud_id",
                table: "gifts",
                columns: new[] { "work_id", "pseud_id" },
                unique: true,
                filter: "pseud_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_gifts_work_id_recipient_name",
                table: "gifts",
                columns: new[] { "work_id", "recipient_name" },
                unique: true,
                filter: "recipient_name IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gifts");

            migrationBuilder.DropIndex(
                name: "ix_related_works_work_id_parent_work_id",
                table: "related_works");

            migrationBuilder.DropCheckConstraint(
                name: "ck_related_works_url_http",
                table: "related_works");

            migrationBuilder.DropColumn(
                name: "approval",
                table: "related_works");
        }
    }
}
