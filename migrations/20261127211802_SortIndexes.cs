using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class SortIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Sorting by title compares lower-cased titles (WorkFilter.Order), which EF can't describe as an index.
            migrationBuilder.Sql("CREATE INDEX ix_works_title ON works (lower(title), id);");
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

            migrationBuilder.CreateIndex(
                name: "ix_works_posted",
                table: "works",
                columns: new[] { "published_on", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_works_words",
                table: "works",
                columns: new[] { "word_count", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_works_title;");
            migrationBuilder.DropIndex(
                name: "ix_works_bookmarks",
                table: "works");

            migrationBuilder.DropIndex(
                name: "ix_works_hits",
                table: "works");

            migrationBuilder.DropIndex(
                name: "ix_works_kudos",
                table: "works");

            migrationBuilder.DropIndex(
                name: "ix_works_posted",
                table: "works");

            migrationBuilder.DropIndex(
                name: "ix_works_words",
                table: "works");
        }
    }
}
