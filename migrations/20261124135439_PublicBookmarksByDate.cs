using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class PublicBookmarksByDate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_bookmarks_updated_at_id",
                table: "bookmarks",
                columns: new[] { "updated_at", "id" },
                descending: new bool[0],
                filter: "NOT is_private");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_bookmarks_updated_at_id",
                table: "bookmarks");
        }
    }
}
