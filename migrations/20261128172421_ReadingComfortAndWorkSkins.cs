using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class ReadingComfortAndWorkSkins : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "skin_css",
                table: "works",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "skin_css_source",
                table: "works",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "skin_css_version",
                table: "works",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "hide_creator_styles",
                table: "users",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "reading_width",
                table: "users",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "site_skin",
                table: "users",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "text_size",
                table: "users",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "skin_css",
                table: "works");

            migrationBuilder.DropColumn(
                name: "skin_css_source",
                table: "works");

            migrationBuilder.DropColumn(
                name: "skin_css_version",
                table: "works");

            migrationBuilder.DropColumn(
                name: "hide_creator_styles",
                table: "users");

            migrationBuilder.DropColumn(
                name: "reading_width",
                table: "users");

            migrationBuilder.DropColumn(
                name: "site_skin",
                table: "users");

            migrationBuilder.DropColumn(
                name: "text_size",
                table: "users");
        }
    }
}
