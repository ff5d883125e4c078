using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class SearchUserNamesWhole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Works by creators whose user names have underscores carry those names whole (name@user.archive, one word to the
            // parser), as search now asks for them; RecountAsync adds them from now on. Only those works are rewritten.
            migrationBuilder.Sql("""
                UPDATE works SET search_vector = search_vector || names.vector
                FROM (
                    SELECT w.id, setweight(to_tsvector('english', string_agg(c.n || '@user.archive', ' ')), 'A') AS vector
                    FROM works w
                    CROSS JOIN LATERAL (
                        SELECT unnest(w.external_creators) AS n
                        UNION ALL
                        SELECT unnest(ARRAY[p.name, u.user_name]) FROM work_creators wc JOIN pseuds p ON p.id = wc.pseud_id JOIN users u ON u.id = p.user_id
                        WHERE wc.work_id = w.id AND wc.is_accepted) c
                    WHERE c.n ~ '^[A-Za-z0-9_]*_[A-Za-z0-9_]*$'
                    GROUP BY w.id) names
                WHERE works.id = names.id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The names stay in the search text until each work is saved again: harmless to the older code.
        }
    }
}
