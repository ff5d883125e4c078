using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class HitsByDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_work_hits_works_work_id",
                table: "work_hits");

            migrationBuilder.DropPrimaryKey(
                name: "pk_work_hits",
                table: "work_hits");

            // Days before yesterday are never asked again (HitCounter removes them from now on): gone before the key is built.
            migrationBuilder.Sql("DELETE FROM work_hits WHERE day < (now() AT TIME ZONE 'UTC')::date - 1;");

            migrationBuilder.AddPrimaryKey(
                name: "pk_work_hits",
                table: "work_hits",
                columns: new[] { "day", "work_id", "visitor_hash" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_work_hits",
                table: "work_hits");

            migrationBuilder.AddPrimaryKey(
                name: "pk_work_hits",
                table: "work_hits",
                columns: new[] { "work_id", "day", "visitor_hash" });

            migrationBuilder.AddForeignKey(
                name: "fk_work_hits_works_work_id",
                table: "work_hits",
                column: "work_id",
                principalTable: "works",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
