using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class CollectionBookmarks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "collection_bookmarks",
                columns: table => new
                {
                    collection_id = table.Column<int>(type: "integer", nullable: false),
                    bookmark_id = table.Column<int>(type: "integer", nullable: false),
                    is_approved = table.Column<bool>(type: "boolean", nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collection_bookmarks", x => new { x.collection_id, x.bookmark_id });
                    table.ForeignKey(
                        name: "fk_collection_bookmarks_bookmarks_bookmark_id",
                        column: x => x.bookmark_id,
                        principalTable: "bookmarks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_collection_bookmarks_collections_collection_id",
                        column: x => x.collection_id,
                        principalTable: "collections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_collection_bookmarks_bookmark_id",
                table: "collection_bookmarks",
                column: "bookmark_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "collection_bookmarks");
        }
    }
}
