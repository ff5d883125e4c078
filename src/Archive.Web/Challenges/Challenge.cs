using Archive.Web.Tags;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Challenges;

public enum ChallengeKind { GiftExchange = 0, PromptMeme = 1 }

/// <summary>
/// What a collection runs: a gift exchange (everyone signs up with requests and offers, is matched to write for one person
/// and written for by one) or a prompt meme (anyone posts prompts; anyone claims and fills them). One per collection.
/// </summary>
public sealed class Challenge
{
    public int Id { get; set; }
    public int CollectionId { get; set; }
    public ChallengeKind Kind { get; set; }

    /// <summary>The maintainers' switch; sign-ups are taken while it is on and the dates allow.</summary>
    public bool SignUpsOpen { get; set; }
    public DateTimeOffset? SignUpsOpenAt { get; set; }
    public DateTimeOffset? SignUpsCloseAt { get; set; }
    public DateTimeOffset? AssignmentsDueAt { get; set; }
    /// <summary>The zone the maintainers wrote the dates in, and in which pages show them.</summary>
    public string TimeZone { get; set; } = "UTC";

    public int RequestsMin { get; set; } = 1;
    public int RequestsMax { get; set; } = 1;
    public int OffersMin { get; set; } = 1;
    public int OffersMax { get; set; } = 1;
    /// <summary>How many tags of each type a request or offer holds, from the challenge's tag set.</summary>
    public int FandomsMin { get; set; } = 1;
    public int FandomsMax { get; set; } = 1;
    public int CharactersMin { get; set; }
    public int CharactersMax { get; set; } = 3;
    public int RelationshipsMin { get; set; }
    public int RelationshipsMax { get; set; } = 1;

    /// <summary>What makes a match: at least this many tags of each type in common between an offer and a request.</summary>
    public int MatchFandoms { get; set; } = 1;
    public int MatchCharacters { get; set; }
    public int MatchRelationships { get; set; }

    public DateTimeOffset? MatchedAt { get; set; }
    public DateTimeOffset? AssignmentsSentAt { get; set; }

    public bool TakesSignUps(DateTimeOffset now) => SignUpsOpen && (SignUpsOpenAt is null || now >= SignUpsOpenAt) && (SignUpsCloseAt is null || now < SignUpsCloseAt);

    public (int Min, int Max) TagsAllowed(TagType type) => type switch
    {
        TagType.Fandom => (FandomsMin, FandomsMax),
        TagType.Character => (CharactersMin, CharactersMax),
        _ => (RelationshipsMin, RelationshipsMax),
    };

    public static readonly TagType[] PromptTagTypes = [TagType.Fandom, TagType.Relationship, TagType.Character];
}

/// <summary>A tag in a challenge's tag set: what requests and offers may name. Participants' nominations wait for a maintainer.</summary>
public sealed class ChallengeTag
{
    public int ChallengeId { get; set; }
    public int TagId { get; set; }
    public Tag Tag { get; set; } = null!;
    public bool IsApproved { get; set; }
    public int? NominatedByUserId { get; set; }
}

/// <summary>One person's sign-up: their requests and offers (a prompt meme's prompts are requests).</summary>
public sealed class SignUp
{
    public int Id { get; set; }
    public int ChallengeId { get; set; }
    public int UserId { get; set; }
    public int PseudId { get; set; }
    public Accounts.Pseud Pseud { get; set; } = null!;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<Prompt> Prompts { get; set; } = [];
}

public enum PromptKind { Request = 0, Offer = 1 }

/// <summary>A request or offer: tags from the tag set, and words.</summary>
public sealed class Prompt
{
    public int Id { get; set; }
    public int SignUpId { get; set; }
    public int ChallengeId { get; set; }
    public PromptKind Kind { get; set; }
    public int Position { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public int[] TagIds { get; set; } = [];
    /// <summary>A prompt meme's prompt posted without its poster's name.</summary>
    public bool IsAnonymous { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Who writes for whom. A writer who defaults is replaced by a pinch-hitter; posting to the collection fulfils it.</summary>
public sealed class Assignment
{
    public int Id { get; set; }
    public int ChallengeId { get; set; }
    public int RecipientSignUpId { get; set; }
    /// <summary>Null while nobody is matched to write for them.</summary>
    public int? WriterSignUpId { get; set; }
    public int? PinchHitterUserId { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? DefaultedAt { get; set; }
    public int? WorkId { get; set; }
    public DateTimeOffset? FulfilledAt { get; set; }
}

/// <summary>Someone writing a prompt meme's prompt; the work that fills it, once posted.</summary>
public sealed class PromptClaim
{
    public int Id { get; set; }
    public int PromptId { get; set; }
    public int UserId { get; set; }
    public DateTimeOffset ClaimedAt { get; set; }
    public int? WorkId { get; set; }
}

public sealed class ChallengeConfiguration : IEntityTypeConfiguration<Challenge>
{
    public void Configure(EntityTypeBuilder<Challenge> challenge)
    {
        challenge.HasIndex(c => c.CollectionId).IsUnique();
        challenge.Property(c => c.TimeZone).HasMaxLength(100);
        challenge.HasOne<Collections.Collection>().WithMany().HasForeignKey(c => c.CollectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ChallengeTagConfiguration : IEntityTypeConfiguration<ChallengeTag>
{
    public void Configure(EntityTypeBuilder<ChallengeTag> tag)
    {
        tag.HasKey(t => new { t.ChallengeId, t.TagId });
        tag.HasOne<Challenge>().WithMany().HasForeignKey(t => t.ChallengeId).OnDelete(DeleteBehavior.Cascade);
        tag.HasOne(t => t.Tag).WithMany().HasForeignKey(t => t.TagId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SignUpConfiguration : IEntityTypeConfiguration<SignUp>
{
    public void Configure(EntityTypeBuilder<SignUp> signUp)
    {
        signUp.ToTable("sign_ups");
        signUp.HasIndex(s => new { s.ChallengeId, s.UserId }).IsUnique();
        signUp.HasIndex(s => s.UserId);
        signUp.HasOne<Challenge>().WithMany().HasForeignKey(s => s.ChallengeId).OnDelete(DeleteBehavior.Cascade);
        signUp.HasOne<Accounts.User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        signUp.HasOne(s => s.Pseud).WithMany().HasForeignKey(s => s.PseudId).OnDelete(DeleteBehavior.Cascade);
        signUp.HasMany(s => s.Prompts).WithOne().HasForeignKey(p => p.SignUpId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PromptConfiguration : IEntityTypeConfiguration<Prompt>
{
    public void Configure(EntityTypeBuilder<Prompt> prompt)
    {
        prompt.Property(p => p.Title).HasMaxLength(255);
        prompt.Property(p => p.Description).HasMaxLength(5000);
        // A prompt meme's page lists its prompts newest first.
        prompt.HasIndex(p => new { p.ChallengeId, p.Id });
        prompt.HasOne<Challenge>().WithMany().HasForeignKey(p => p.ChallengeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> assignment)
    {
        assignment.HasIndex(a => a.ChallengeId);
        // One assignment per recipient; a writer writes for one person.
        assignment.HasIndex(a => a.RecipientSignUpId).IsUnique();
        assignment.HasIndex(a => a.WriterSignUpId).IsUnique();
        assignment.HasIndex(a => a.PinchHitterUserId);
        assignment.HasOne<Challenge>().WithMany().HasForeignKey(a => a.ChallengeId).OnDelete(DeleteBehavior.Cascade);
        assignment.HasOne<SignUp>().WithMany().HasForeignKey(a => a.RecipientSignUpId).OnDelete(DeleteBehavior.Cascade);
        assignment.HasOne<SignUp>().WithMany().HasForeignKey(a => a.WriterSignUpId).OnDelete(DeleteBehavior.SetNull);
        assignment.HasOne<Accounts.User>().WithMany().HasForeignKey(a => a.PinchHitterUserId).OnDelete(DeleteBehavior.SetNull);
        assignment.HasOne<Works.Work>().WithMany().HasForeignKey(a => a.WorkId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class PromptClaimConfiguration : IEntityTypeConfiguration<PromptClaim>
{
    public void Configure(EntityTypeBuilder<PromptClaim> claim)
    {
        claim.HasIndex(c => new { c.PromptId, c.UserId }).IsUnique();
        claim.HasIndex(c => c.UserId);
        claim.HasIndex(c => c.WorkId);
        claim.HasOne<Prompt>().WithMany().HasForeignKey(c => c.PromptId).OnDelete(DeleteBehavior.Cascade);
        claim.HasOne<Accounts.User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        claim.HasOne<Works.Work>().WithMany().HasForeignKey(c => c.WorkId).OnDelete(DeleteBehavior.SetNull);
    }
}
