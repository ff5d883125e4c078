using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "works",
                type: "tsvector",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_works_search_vector",
                table: "works",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            // Existing works become searchable by the same text as new ones (see WorkQueries.RecountAsync).
            migrationBuilder.Sql("""
                UPDATE works SET search_vector =
                    setweight(to_tsvector('english', works.title || ' ' || array_to_string(works.external_creators, ' ') || ' ' || COALESCE((
                        SELECT string_agg(p.name || ' ' || u.user_name, ' ') FROM work_creators wc JOIN pseuds p ON p.id = wc.pseud_id JOIN users u ON u.id = p.user_id
                        WHERE wc.work_id = works.id AND wc.is_accepted), '')), 'A')
                    || setweight(to_tsvector('english', COALESCE((
                        SELECT string_agg(translate(t.name || COALESCE(' ' || m.name, ''), '/&', '  '), ' ') FROM work_tags wt JOIN tags t ON t.id = wt.tag_id LEFT JOIN tags m ON m.id = t.merger_id
                        WHERE wt.work_id = works.id), '')), 'B')
                    || setweight(to_tsvector('english', regexp_replace(works.summary_html || ' ' || works.notes_html || ' ' || works.end_notes_html, '<[^>]*>', ' ', 'g')), 'C')
                    || setweight(to_tsvector('english', left(COALESCE((
                        SELECT string_agg(regexp_replace(body_html, '<[^>]*>', ' ', 'g'), ' ' ORDER BY position) FROM chapters WHERE work_id = works.id), ''), 300000)), 'D');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_works_search_vector",
                table: "works");

            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "works");
        }
    }
}
