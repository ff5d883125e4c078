using Archive.Web.Accounts;
using Archive.Web.Database;
using Archive.Web.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Statistics;

public sealed record WorkFigures(int Id, string Title, int Words, int Hits, int Kudos, int Comments, int Bookmarks, int Subscriptions);
public sealed record MonthFigure(DateOnly Month, int Value);
public sealed record StatisticsPage(string UserName, List<WorkFigures> Works, WorkFigures Totals, string Metric, int? WorkId, List<MonthFigure> Months, string Sort);

/// <summary>An author's statistics: each of their works' hits, kudos, comments, bookmarks, subscriptions and words, and one of them month by month.</summary>
[Authorize]
public sealed class StatisticsController(ArchiveDbContext db) : Controller
{
    public static readonly string[] Metrics = ["hits", "kudos", "comments", "bookmarks", "subscriptions"];
    public static readonly string[] Sorts = ["title", "words", .. Metrics];

    /// <summary>What each metric counts per month among the works {0} since {1}: only what readers did that the work page counts.</summary>
    static readonly Dictionary<string, string> Monthly = new()
    {
        ["hits"] = "SELECT date_trunc('month', day)::date AS month, sum(hits)::int AS value FROM work_hit_days WHERE work_id = ANY({0}) AND day >= {1}::date GROUP BY 1",
        ["kudos"] = "SELECT date_trunc('month', created_at AT TIME ZONE 'UTC')::date AS month, count(*)::int AS value FROM kudos WHERE work_id = ANY({0}) AND created_at >= {1} GROUP BY 1",
        ["comments"] = "SELECT date_trunc('month', created_at AT TIME ZONE 'UTC')::date AS month, count(*)::int AS value FROM comments WHERE work_id = ANY({0}) AND NOT is_screened AND NOT is_deleted AND created_at >= {1} GROUP BY 1",
        ["bookmarks"] = "SELECT date_trunc('month', created_at AT TIME ZONE 'UTC')::date AS month, count(*)::int AS value FROM bookmarks WHERE work_id = ANY({0}) AND NOT is_private AND created_at >= {1} GROUP BY 1",
        ["subscriptions"] = "SELECT date_trunc('month', created_at AT TIME ZONE 'UTC')::date AS month, count(*)::int AS value FROM subscriptions WHERE kind = 0 AND target_id = ANY({0}) AND created_at >= {1} GROUP BY 1",
    };

    [HttpGet("/users/{userName}/stats")]
    public async Task<IActionResult> Show(string userName, string? metric, int? work, string? sort)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == Pseud.Normalize(userName)).Select(u => new { u.Id, u.UserName }).SingleOrDefaultAsync();
        if (user is null) return NotFound();
        if (user.Id != User.UserId()) return this.Refuse("Statistics are their author's alone: you can see your own from your user page.");
        metric = Metrics.Contains(metric) ? metric! : "hits";
        sort = Sorts.Contains(sort) ? sort! : "hits";

        // Their own works, hidden, anonymous or for registered users only too: the figures are theirs.
        var works = await db.Database.SqlQuery<WorkFigures>($"""
            SELECT w.id, w.title, w.word_count AS words, s.hits_count AS hits, s.kudos_count AS kudos,
                   (SELECT count(*)::int FROM comments c WHERE c.work_id = w.id AND NOT c.is_screened AND NOT c.is_deleted) AS comments,
                   s.bookmarks_count AS bookmarks,
                   (SELECT count(*)::int FROM subscriptions x WHERE x.kind = 0 AND x.target_id = w.id) AS subscriptions
            FROM works w JOIN work_stats s ON s.work_id = w.id
            WHERE w.id IN (SELECT wc.work_id FROM work_creators wc JOIN pseuds p ON p.id = wc.pseud_id WHERE p.user_id = {user.Id} AND wc.is_accepted)
            ORDER BY w.id DESC LIMIT 2000
            """).ToListAsync();
        if (work is { } only && works.All(w => w.Id != only)) work = null;

        var thisMonth = new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1);
        var since = thisMonth.AddMonths(-11);
        int[] ids = work is { } one ? [one] : [.. works.Select(w => w.Id)];
        var counted = await db.Database.SqlQueryRaw<MonthFigure>(Monthly[metric], ids, new DateTimeOffset(since.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)).ToListAsync();
        var months = Enumerable.Range(0, 12).Select(i => since.AddMonths(i))
            .Select(m => new MonthFigure(m, counted.Where(c => c.Month == m).Sum(c => c.Value))).ToList();

        var totals = new WorkFigures(0, "All works", works.Sum(w => w.Words), works.Sum(w => w.Hits), works.Sum(w => w.Kudos), works.Sum(w => w.Comments),
            works.Sum(w => w.Bookmarks), works.Sum(w => w.Subscriptions));
        var sorted = sort == "title" ? works.OrderBy(w => w.Title, StringComparer.CurrentCultureIgnoreCase).ToList()
            : works.OrderByDescending(w => Value(w, sort)).ThenBy(w => w.Title).ToList();
        return View("Show", new StatisticsPage(user.UserName!, sorted, totals, metric, work, months, sort));
    }

    public static int Value(WorkFigures work, string metric) => metric switch
    {
        "words" => work.Words,
        "hits" => work.Hits,
        "kudos" => work.Kudos,
        "comments" => work.Comments,
        "bookmarks" => work.Bookmarks,
        _ => work.Subscriptions,
    };
}
