using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Tags;

/// <summary>Keeps each work's <see cref="Works.Work.FilterTagIds"/> equal to the canonical tags of its tags.</summary>
public static class FilterTags
{
    public static Task RefreshWorkAsync(this ArchiveDbContext db, int workId) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE works w SET filter_tag_ids = COALESCE((
                SELECT array_agg(DISTINCT COALESCE(t.merger_id, t.id) ORDER BY COALESCE(t.merger_id, t.id))
                FROM work_tags wt JOIN tags t ON t.id = wt.tag_id WHERE wt.work_id = w.id), ARRAY[]::integer[]),
                fandom_count = (SELECT count(DISTINCT COALESCE(t.merger_id, t.id)) FROM work_tags wt JOIN tags t ON t.id = wt.tag_id WHERE wt.work_id = w.id AND t.type = 3)
            WHERE w.id = {workId}
            """);

    /// <summary>After wrangling: every work that uses one of these tags, in one statement.</summary>
    public static Task RefreshWorksTaggedAsync(this ArchiveDbContext db, int[] tagIds) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE works w SET filter_tag_ids = COALESCE((
                SELECT array_agg(DISTINCT COALESCE(t.merger_id, t.id) ORDER BY COALESCE(t.merger_id, t.id))
                FROM work_tags wt JOIN tags t ON t.id = wt.tag_id WHERE wt.work_id = w.id), ARRAY[]::integer[]),
                fandom_count = (SELECT count(DISTINCT COALESCE(t.merger_id, t.id)) FROM work_tags wt JOIN tags t ON t.id = wt.tag_id WHERE wt.work_id = w.id AND t.type = 3)
            WHERE w.id IN (SELECT work_id FROM work_tags WHERE tag_id = ANY({tagIds}))
            """);
}
