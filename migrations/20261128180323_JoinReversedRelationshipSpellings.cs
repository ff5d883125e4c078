using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archive.Migrations
{
    /// <inheritdoc />
    public partial class JoinReversedRelationshipSpellings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand-written data fix (no schema change): relationship spellings already on an archive join as new ones
            // do (Tags/WorkTagging.cs JoinSpellingsAsync), and the works carrying a spelling that moved count under
            // its new tag (filter tags as Tags/FilterTags.cs builds them; the works trigger moves the tag counts).
            migrationBuilder.Sql("""
                WITH spelling AS (
                    SELECT t.id, t.relationship_key, t.is_canonical OR COALESCE(m.is_canonical, false) AS wrangled,
                           CASE WHEN t.is_canonical THEN t.id WHEN m.is_canonical THEN m.id END AS canonical_id
                    FROM tags t LEFT JOIN tags m ON m.id = t.merger_id
                    WHERE t.relationship_key IS NOT NULL
                ), joining AS (
                    SELECT relationship_key,
                           COALESCE(min(id) FILTER (WHERE canonical_id = id), min(canonical_id), min(id) FILTER (WHERE NOT wrangled)) AS target
                    FROM spelling GROUP BY relationship_key
                )
                UPDATE tags t SET merger_id = NULLIF(j.target, t.id)
                FROM spelling s JOIN joining j ON j.relationship_key = s.relationship_key
                WHERE t.id = s.id AND NOT s.wrangled AND t.merger_id IS DISTINCT FROM NULLIF(j.target, t.id);

                UPDATE works w SET filter_tag_ids = COALESCE((SELECT array_agg(DISTINCT id ORDER BY id) FROM (
                    SELECT COALESCE(t.merger_id, t.id) AS id FROM work_tags wt JOIN tags t ON t.id = wt.tag_id WHERE wt.work_id = w.id
                    UNION ALL
                    SELECT unnest(ARRAY[c.tag_id, p.tag_id]) FROM collection_items ci JOIN collections c ON c.id = ci.collection_id LEFT JOIN collections p ON p.id = c.parent_id
                    WHERE ci.work_id = w.id AND ci.creator_approval = 1 AND ci.collection_approval = 1) ids WHERE id IS NOT NULL), ARRAY[]::integer[])
                WHERE w.id IN (SELECT wt.work_id FROM work_tags wt JOIN tags t ON t.id = wt.tag_id WHERE t.relationship_key IS NOT NULL AND t.merger_id IS NOT NULL)
                  AND EXISTS (SELECT 1 FROM work_tags wt JOIN tags t ON t.id = wt.tag_id WHERE wt.work_id = w.id AND t.merger_id IS NOT NULL AND NOT w.filter_tag_ids @> ARRAY[t.merger_id]);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Spellings that joined stay joined: a wrangler can make any of them canonical.
        }
    }
}
