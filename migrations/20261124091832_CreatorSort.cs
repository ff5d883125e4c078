using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class CreatorSort : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "creator_sort",
                table: "works",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "ix_works_creator_sort",
                table: "works",
                column: "creator_sort");

            migrationBuilder.Sql("""
                UPDATE works SET creator_sort = left(lower(COALESCE((
                    SELECT p.name FROM work_creators wc JOIN pseuds p ON p.id = wc.pseud_id WHERE wc.work_id = works.id AND wc.is_accepted ORDER BY wc.position LIMIT 1),
                    works.external_creators[1], '')), 100);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_works_creator_sort",
                table: "works");

            migrationBuilder.DropColumn(
                name: "creator_sort",
                table: "works");
        }
    }
}
