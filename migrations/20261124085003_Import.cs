using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class Import : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "archivist_user_id",
                table: "works",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "external_creators",
                table: "works",
                type: "text[]",
                nullable: false,
                defaultValueSql: "ARRAY[]::text[]");

            migrationBuilder.AddColumn<string>(
                name: "import_key",
                table: "works",
                type: "character varying(600)",
                maxLength: 600,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "import_source",
                table: "works",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "imported_at",
                table: "works",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "originally_posted_on",
                table: "works",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "imported_part",
                table: "chapters",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "related_works",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    relation = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    author = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    parent_work_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_related_works", x => x.id);
                    table.ForeignKey(
                        name: "fk_related_works_works_parent_work_id",
                        column: x => x.parent_work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_related_works_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_works_archivist_user_id",
                table: "works",
                column: "archivist_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_works_import_key",
                table: "works",
                column: "import_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_chapters_work_id_imported_part",
                table: "chapters",
                columns: new[] { "work_id", "imported_part" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_related_works_parent_work_id",
                table: "related_works",
                column: "parent_work_id");

            migrationBuilder.CreateIndex(
                name: "ix_related_works_work_id",
                table: "related_works",
                column: "work_id");

            migrationBuilder.AddForeignKey(
                name: "fk_works_users_archivist_user_id",
                table: "works",
                column: "archivist_user_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_works_users_archivist_user_id",
                table: "works");

            migrationBuilder.DropTable(
                name: "related_works");

            migrationBuilder.DropIndex(
                name: "ix_works_archivist_user_id",
                table: "works");

            migrationBuilder.DropIndex(
                name: "ix_works_import_key",
                table: "works");

            migrationBuilder.DropIndex(
                name: "ix_chapters_work_id_imported_part",
                table: "chapters");

            migrationBuilder.DropColumn(
                name: "archivist_user_id",
                table: "works");

            migrationBuilder.DropColumn(
                name: "external_creators",
                table: "works");

            migrationBuilder.DropColumn(
                name: "import_key",
                table: "works");

            migrationBuilder.DropColumn(
                name: "import_source",
                table: "works");

            migrationBuilder.DropColumn(
                name: "imported_at",
                table: "works");

            migrationBuilder.DropColumn(
                name: "originally_posted_on",
                table: "works");

            migrationBuilder.DropColumn(
                name: "imported_part",
                table: "chapters");
        }
    }
}
