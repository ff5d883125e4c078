using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Bookmarks;

/// <summary>A reader's bookmark of a work: a note, their own tags, private or public, and whether they recommend it. One per reader per work.</summary>
public sealed class Bookmark
{
    public int Id { get; set; }
    public int WorkId { get; set; }
    public int UserId { get; set; }
    public string NotesSource { get; set; } = "";
    public string NotesHtml { get; set; } = "";
    public List<string> Tags { get; set; } = [];
    public bool IsPrivate { get; set; }
    public bool IsRec { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class BookmarkConfiguration : IEntityTypeConfiguration<Bookmark>
{
    public void Configure(EntityTypeBuilder<Bookmark> bookmark)
    {
        bookmark.HasIndex(b => new { b.UserId, b.WorkId }).IsUnique();
        bookmark.HasIndex(b => b.WorkId).HasFilter("NOT is_private");
        // Public bookmark lists (a tag's) read newest first and stop at a page, instead of sorting every public bookmark.
        bookmark.HasIndex(b => new { b.UpdatedAt, b.Id }).IsDescending().HasFilter("NOT is_private");
        bookmark.HasOne<Works.Work>().WithMany().HasForeignKey(b => b.WorkId).OnDelete(DeleteBehavior.Cascade);
        bookmark.HasOne<Accounts.User>().WithMany().HasForeignKey(b => b.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
