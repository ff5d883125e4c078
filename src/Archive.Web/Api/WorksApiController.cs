using Archive.Web.Accounts;
using Archive.Web.Caching;
using Archive.Web.Database;
using Archive.Web.Tags;
using Archive.Web.Works;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Api;

[ApiController]
public sealed class WorksApiController(WorkReading reading, Downloads.Calibre calibre) : ControllerBase
{
    [HttpGet("/api/works/{id:int}")]
    [CachedForGuests]
    [ReadsFromReplica]
    public async Task<IActionResult> Get(int id)
    {
        var data = await reading.DataAsync(id, WorkPageData.NoChapters);
        if (data is not { HiddenReason: null } || data.Header.Unrevealed) return NotFound(new { error = $"There is no work {id}." });
        if (data.Header.Restricted && User.UserId() is null) return StatusCode(StatusCodes.Status401Unauthorized, new { error = $"Work {id} is only available to registered users of the Archive." });
        var work = data.Header;
        HttpContext.Shows([CacheTags.Work(id), .. work.Tags.SelectMany(t => new[] { t.Id, t.CanonicalId ?? t.Id }).Distinct().Select(CacheTags.ShowsTag)]);
        var site = $"{Request.Scheme}://{Request.Host}";
        return Ok(new
        {
            work.Id,
            work.Title,
            Creators = work.Creators.Select(c => c.Display),
            // Creators hidden by an anonymous collection until its reveal: "creators" is empty and "external_creators" says "Anonymous".
            work.Anonymous,
            Collections = (work.Collections ?? []).Select(c => c.Name),
            Rating = work.TagsOf(TagType.Rating).FirstOrDefault(),
            Warnings = work.TagsOf(TagType.ArchiveWarning),
            Categories = work.TagsOf(TagType.Category),
            Fandoms = work.CanonicalTagsOf(TagType.Fandom),
            Relationships = work.CanonicalTagsOf(TagType.Relationship),
            Characters = work.CanonicalTagsOf(TagType.Character),
            Freeforms = work.CanonicalTagsOf(TagType.Freeform),
            TagsAsWritten = new
            {
                Fandoms = work.TagsOf(TagType.Fandom),
                Relationships = work.TagsOf(TagType.Relationship),
                Characters = work.TagsOf(TagType.Character),
                Freeforms = work.TagsOf(TagType.Freeform),
            },
            Summary = work.SummaryHtml,
            Notes = work.NotesHtml,
            EndNotes = work.EndNotesHtml,
            work.Language,
            Published = work.PublishedOn,
            Updated = work.UpdatedOn,
            Words = work.WordCount,
            Comments = work.Comments,
            Kudos = work.Kudos,
            Bookmarks = work.Bookmarks,
            Hits = work.Hits,
            Series = data.Series.Select(s => new { Id = s.SeriesId, s.Title, s.Position }),
            // A program can't click through the adult-content notice: asking for an adult work's JSON is asking for it, so its links agree already.
            Downloads = Downloads.DownloadFormat.Offered(calibre).ToDictionary(f => f.Extension, f => site + Downloads.DownloadsController.PathFor(work.Id, work.Title, f.Extension)
                + (AdultContent.IsAdult(work.TagsOf(TagType.Rating)) ? $"?{AdultContent.QueryKey}=true" : "")),
            work.ExpectedChapters,
            Complete = work.IsComplete,
            ExternalCreators = work.ExternalCreators,
            ImportedFrom = work.Import is null ? null : new { Date = work.Import.OriginallyPostedOn, Source = work.Import.Source },
            Gifts = work.Gifts.Select(g => g.Display),
            RelatedWorks = work.RelatedWorks.Select(r => new
            {
                Relation = r.Relation switch { Relation.RemixOf => "remix", Relation.TranslationOf => "translation", _ => "inspiration" },
                r.Title, r.Author, Url = r.WorkId is { } parent ? $"{site}/works/{parent}" : r.Url,
            }),
            Chapters = work.Chapters.Select(c => new { c.Position, c.Title, Words = c.WordCount, Url = $"{site}/works/{id}/chapters/{c.Position}" }),
        });
    }
}
