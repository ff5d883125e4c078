using Archive.Web.Accounts;
using Archive.Web.Chapters;
using Archive.Web.Tags;
using Archive.Web.Works;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Archive.Web.Database;

public sealed class ArchiveDbContext(DbContextOptions<ArchiveDbContext> options)
    : IdentityDbContext<User, IdentityRole<int>, int>(options), IDataProtectionKeyContext
{
    public DbSet<Pseud> Pseuds => Set<Pseud>();
    public DbSet<Work> Works => Set<Work>();
    public DbSet<WorkStats> WorkStats => Set<WorkStats>();
    public DbSet<WorkCreator> WorkCreators => Set<WorkCreator>();
    public DbSet<Chapter> Chapters => Set<Chapter>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<TagParent> TagParents => Set<TagParent>();
    public DbSet<WorkTag> WorkTags => Set<WorkTag>();
    public DbSet<TagCountChange> TagCountChanges => Set<TagCountChange>();
    public DbSet<Caching.GuestFormKey> GuestFormKeys => Set<Caching.GuestFormKey>();
    public DbSet<RelatedWork> RelatedWorks => Set<RelatedWork>();
    public DbSet<Gifts.Gift> Gifts => Set<Gifts.Gift>();
    public DbSet<Blocklist.BlockedTag> BlockedTags => Set<Blocklist.BlockedTag>();
    public DbSet<Comments.Comment> Comments => Set<Comments.Comment>();
    public DbSet<Comments.CommentRead> CommentReads => Set<Comments.CommentRead>();
    public DbSet<Moderation.Report> Reports => Set<Moderation.Report>();
    public DbSet<UserBlock> UserBlocks => Set<UserBlock>();
    public DbSet<Kudos.Kudo> Kudos => Set<Kudos.Kudo>();
    public DbSet<Downloads.Download> Downloads => Set<Downloads.Download>();
    public DbSet<Series.WorkSeries> Series => Set<Series.WorkSeries>();
    public DbSet<Bookmarks.Bookmark> Bookmarks => Set<Bookmarks.Bookmark>();
    public DbSet<Hits.WorkHit> WorkHits => Set<Hits.WorkHit>();
    public DbSet<Hits.WorkHitDay> WorkHitDays => Set<Hits.WorkHitDay>();
    public DbSet<History.Reading> Readings => Set<History.Reading>();
    public DbSet<Subscriptions.Subscription> Subscriptions => Set<Subscriptions.Subscription>();
    public DbSet<Subscriptions.DigestSent> DigestsSent => Set<Subscriptions.DigestSent>();
    public DbSet<History.HistoryOptOut> HistoryOptOuts => Set<History.HistoryOptOut>();
    public DbSet<Series.SeriesPart> SeriesParts => Set<Series.SeriesPart>();
    public DbSet<UserMute> UserMutes => Set<UserMute>();
    public DbSet<Moderation.ModerationAction> ModerationLog => Set<Moderation.ModerationAction>();
    public DbSet<OldUserName> OldUserNames => Set<OldUserName>();
    public DbSet<Accounts.Export.AccountExport> AccountExports => Set<Accounts.Export.AccountExport>();
    public DbSet<Collections.Collection> Collections => Set<Collections.Collection>();
    public DbSet<Collections.CollectionMaintainer> CollectionMaintainers => Set<Collections.CollectionMaintainer>();
    public DbSet<Collections.CollectionItem> CollectionItems => Set<Collections.CollectionItem>();
    public DbSet<Collections.CollectionBookmark> CollectionBookmarks => Set<Collections.CollectionBookmark>();
    public DbSet<Challenges.Challenge> Challenges => Set<Challenges.Challenge>();
    public DbSet<Challenges.ChallengeTag> ChallengeTags => Set<Challenges.ChallengeTag>();
    public DbSet<Challenges.SignUp> SignUps => Set<Challenges.SignUp>();
    public DbSet<Challenges.Prompt> Prompts => Set<Challenges.Prompt>();
    public DbSet<Challenges.Assignment> Assignments => Set<Challenges.Assignment>();
    public DbSet<Challenges.PromptClaim> PromptClaims => Set<Challenges.PromptClaim>();
    public DbSet<Drafts.Draft> Drafts => Set<Drafts.Draft>();

    /// <summary>Shared by every app instance, so a cookie issued by one is read by the others.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ArchiveDbContext).Assembly);
    }

    /// <summary>
    /// A search's sample is the one row limit without an order, on purpose: it takes the first matches PostgreSQL finds,
    /// a fixed amount of work, where any order (newest first was tried) reads every match or walks the whole archive for
    /// a rare pair of common words (see WorkListing). EF can't be told so for one query, so its warning about it is only
    /// debug output; every other row limit has an order, as a single row meant to be the same each time needs.
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(Prepared(connectionString), npgsql => npgsql.MigrationsHistoryTable("ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .ConfigureWarnings(warnings => warnings.Log((CoreEventId.RowLimitingOperationWithoutOrderByWarning, LogLevel.Debug)));

    /// <summary>
    /// Lets Npgsql prepare the statements a page sends again and again (a work page's one query joins a dozen tables):
    /// PostgreSQL then plans each once per connection instead of on every page. A pooled connection isn't reset on its way
    /// back either (three statements on every page's first query): the archive keeps no session state, only transaction
    /// settings (SET LOCAL). A connection string that says otherwise wins.
    /// </summary>
    public static string Prepared(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) builder.MaxAutoPrepare = 100;
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase)) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }
}
