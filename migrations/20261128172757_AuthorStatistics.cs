using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class AuthorStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "work_hit_days",
                columns: table => new
                {
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    hits = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_hit_days", x => new { x.work_id, x.day });
                    table.ForeignKey(
                        name: "fk_work_hit_days_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_kind_target_id",
                table: "subscriptions",
                columns: new[] { "kind", "target_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "work_hit_days");

            migrationBuilder.DropIndex(
                name: "ix_subscriptions_kind_target_id",
                table: "subscriptions");
        }
    }
}
