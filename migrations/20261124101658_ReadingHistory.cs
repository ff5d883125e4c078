using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class ReadingHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "history_opt_outs",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_history_opt_outs", x => x.user_id);
                    table.ForeignKey(
                        name: "fk_history_opt_outs_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "readings",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    last_visited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    visits = table.Column<int>(type: "integer", nullable: false),
                    marked_for_later = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_readings", x => new { x.user_id, x.work_id });
                    table.ForeignKey(
                        name: "fk_readings_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_readings_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_readings_user_id_last_visited_at",
                table: "readings",
                columns: new[] { "user_id", "last_visited_at" });

            migrationBuilder.CreateIndex(
                name: "ix_readings_work_id",
                table: "readings",
                column: "work_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "history_opt_outs");

            migrationBuilder.DropTable(
                name: "readings");
        }
    }
}
