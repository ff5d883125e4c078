using Archive.Web.Caching;
using Archive.Web.Comments;
using Archive.Web.Database;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Archive.Web.Works;

/// <summary>
/// Builds a work page for a reader from the part every reader shares (cached until the work changes: one query when it
/// isn't) and, for a signed-in reader, the few facts that are theirs (one query).
/// </summary>
public sealed class WorkReading(ArchiveDbContext db, HybridCache parts, CacheGenerations generations, IOptions<PageCacheOptions> options, IOptions<ArchiveLimits> limits)
{
    /// <summary>The shared part: the work with one chapter (by position), all of them, or none (<see cref="WorkPageData.NoChapters"/>).</summary>
    public async Task<WorkPageData?> DataAsync(int id, int position)
    {
        if (!options.Value.Enabled) return await WorkPageData.LoadAsync(db, id, position);
        return await parts.GetOrCreateAsync($"work-page:{id}:{position}:{generations.Of(id)}", (db, id, position),
            static (state, _) => new ValueTask<WorkPageData?>(WorkPageData.LoadAsync(state.db, state.id, state.position)),
            tags: [CacheTags.Work(id), CacheTags.Everything]);
    }

    /// <summary>What a signed-in reader's page of this work knows about them, cached until they next do something (<see cref="ReaderActions"/>).</summary>
    async Task<ReaderFacts> FactsAsync(int userId, int workId)
    {
        if (!options.Value.Enabled) return await ReaderFacts.LoadAsync(db, userId, workId);
        return await parts.GetOrCreateAsync($"reader:{userId}:{workId}:{generations.OfReader(userId)}", (db, userId, workId),
            static (state, _) => new ValueTask<ReaderFacts>(ReaderFacts.LoadAsync(state.db, state.userId, state.workId)),
            tags: [CacheTags.Reader(userId), CacheTags.Everything]);
    }

    /// <param name="commentsPage">Which page of the chapter's comment threads to show.</param>
    /// <param name="showComment">A comment to show: the page with its thread is shown instead.</param>
    public async Task<WorkPage?> PageAsync(int id, int? position, int? userId, CommentForm? form = null, int commentsPage = 1, int? showComment = null)
    {
        // Read before the data, so the data is at least as new as the generation a page built from it is kept under.
        var generation = generations.Of(id);
        var data = await DataAsync(id, position ?? WorkPageData.AllChapters);
        if (data is null) return null;
        var reader = userId is { } me ? await FactsAsync(me, id) : ReaderFacts.Guest;
        var viewer = new CommentViewer(userId, data.IsCreator(userId), reader.IsModerator);
        // A work hidden for review is, to everyone but its creators and moderators, not there.
        if (data.HiddenReason is not null && !viewer.CanModerate) return null;
        // Before the chapter is looked for: which chapters exist would say how long a mystery work is.
        if (data.IsMysteryTo(userId))
            return new WorkPage(data.Header, [], position, false, null, null, false, [], [], reader) { Generation = generation, IsMystery = true };
        // For registered users only: a guest learns no more than its title.
        if (data.Header.Restricted && userId is null)
            return new WorkPage(data.Header, [], position, false, null, null, false, [], [], reader) { Generation = generation, IsLocked = true };
        if (data.Chapters.Count == 0) return null;

        CommentSection? comments = null;
        // One chapter's comments under it; the entire work's page shows every chapter's.
        if (data.Chapters.Count == 1 || position is null)
        {
            var (all, count) = CommentThreads.Build(data.Comments, viewer, reader.Muted);
            // A form sent back with messages is shown where it was: under the comment it replied to.
            var (threads, page, pages) = CommentThreads.Page(data.Comments, all, commentsPage, showComment ?? form?.ParentId, limits.Value.CommentThreadsPerPage);
            var closed = data.CommentPermission switch
            {
                CommentPermission.Nobody => "The creators of this work have turned comments off.",
                CommentPermission.RegisteredUsers when userId is null => "Only registered users can comment on this work. Log in or sign up to comment.",
                _ => null,
            };
            comments = new CommentSection(id, data.Chapters[0].Position, data.CommentPermission, data.ScreenComments, threads, count,
                form ?? new CommentForm(), reader.Pseuds, userId is not null, closed, page, pages)
            {
                FullWork = position is null && data.Chapters.Count > 1,
                SameForPlainReaders = userId is { } signedIn && form is null && !viewer.CanModerate && reader.Pseuds.Count <= 1
                    && !data.Comments.Any(c => c.UserId is { } writer && (writer == signedIn || reader.Muted.Contains(writer))),
            };
        }
        return new WorkPage(data.Header, data.Chapters, position, viewer.IsCreator, comments, data.HiddenReason, viewer.IsModerator, data.Series, data.Inspired, reader)
            { Generation = generation };
    }
}

public sealed record InspiredWork(int WorkId, string Title, List<CreatorLink> Creators, List<string> ExternalCreators, Relation Relation);
