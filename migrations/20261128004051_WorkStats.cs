using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class WorkStats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "work_stats",
                columns: table => new
                {
                    work_id = table.Column<int>(type: "integer", nullable: false),
                    kudos_count = table.Column<int>(type: "integer", nullable: false),
                    hits_count = table.Column<int>(type: "integer", nullable: false),
                    bookmarks_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_stats", x => x.work_id);
                    table.ForeignKey(
                        name: "fk_work_stats_works_work_id",
                        column: x => x.work_id,
                        principalTable: "works",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Each work's counts move over with it; the indexes are built once the rows are in, and the planner knows the table at once.
            migrationBuilder.Sql("""
                INSERT INTO work_stats (work_id, kudos_count, hits_count, bookmarks_count)
                SELECT id, kudos_count, hits_count, bookmarks_count FROM works ORDER BY id;
                ANALYZE work_stats;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_work_stats_bookmarks",
                table: "work_stats",
                columns: new[] { "bookmarks_count", "work_id" });

            migrationBuilder.CreateIndex(
                name: "ix_work_stats_hits",
                table: "work_stats",
                columns: new[] { "hits_count", "work_id" });

            migrationBuilder.CreateIndex(
                name: "ix_work_stats_kudos",
                table: "work_stats",
                columns: new[] { "kudos_count", "work_id" });

            migrationBuilder.DropIndex(
                name: "ix_works_bookmarks",
                table: "works");

            migrationBuilder.DropIndex(
                name: "ix_works_hits",
                table: "works");

            migrationBuilder.DropIndex(
                name: "ix_works_kudos",
                table: "works");

            migrationBuilder.DropColumn(
                name: "bookmarks_count",
                table: "works");

            migrationBuilder.DropColumn(
                name: "hits_count",
                table: "works");

            migrationBuilder.DropColumn(
                name: "kudos_count",
                table: "works");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "work_stats");

            migrationBuilder.AddColumn<int>(
                name: "bookmarks_count",
                table: "works",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "hits_count",
                table: "works",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "kudos_count",
                table: "works",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_works_bookmarks",
                table: "works",
                columns: new[] { "bookmarks_count", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_works_hits",
                table: "works",
                columns: new[] { "hits_count", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_works_kudos",
                table: "works",
                columns: new[] { "kudos_count", "id" });
        }
    }
}
