using System.Text;
using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Subscriptions;

/// <summary>When a reader was last sent a digest, so the next one holds only what is new.</summary>
public sealed class DigestSent
{
    public int UserId { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

public sealed class DigestSentConfiguration : IEntityTypeConfiguration<DigestSent>
{
    public void Configure(EntityTypeBuilder<DigestSent> sent)
    {
        sent.ToTable("digests_sent");
        sent.HasKey(d => d.UserId);
        sent.HasOne<Accounts.User>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// `digest`: emails each subscriber what is new since their last digest (<see cref="Mail.OutgoingMail"/>).
/// </summary>
public static class DigestCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter errors)
    {
        var db = services.GetRequiredService<ArchiveDbContext>();
        // Run by cron on every machine, digests still go out once: one run at a time sends, and a run after it finds
        // them sent. A run killed halfway frees the lock, and the next sends what it hadn't.
        await using var sending = await AdvisoryLock.TryTakeAsync(db.Database.GetConnectionString()!, AdvisoryLock.SendingDigests);
        if (sending is null)
        {
            output.WriteLine("Another digest run is sending now; this one sent nothing.");
            return 0;
        }
        using var mail = new Mail.OutgoingMail(services.GetRequiredService<IConfiguration>());
        var site = mail.Site;

        var readers = await db.Subscriptions.Select(s => s.UserId).Distinct()
            .Join(db.Users, id => id, u => u.Id, (id, u) => new { u.Id, u.UserName, u.Email, Last = db.Set<DigestSent>().Where(d => d.UserId == u.Id).Select(d => (DateTimeOffset?)d.SentAt).FirstOrDefault() })
            .ToListAsync();
        var sent = 0;
        foreach (var reader in readers.Where(r => r.Email is { Length: > 0 }))
        {
            var now = DateTimeOffset.UtcNow;
            var (_, updates) = await SubscriptionUpdates.ForUserAsync(db, reader.Id, reader.Last);
            if (updates.Count == 0) continue;
            var body = new StringBuilder($"Hello {reader.UserName},\n\nNew on the archive since your last digest:\n\n");
            foreach (var update in updates) body.Append($"- {update.Text}\n  {site}{update.Url}\n");
            body.Append($"\nManage your subscriptions: {site}/subscriptions\n");
            await mail.SendAsync(reader.Email!, $"{updates.Count} update{(updates.Count == 1 ? "" : "s")} from your subscriptions", body.ToString());
            await db.Database.ExecuteSqlAsync($"INSERT INTO digests_sent (user_id, sent_at) VALUES ({reader.Id}, {now}) ON CONFLICT (user_id) DO UPDATE SET sent_at = excluded.sent_at");
            sent++;
        }
        output.WriteLine(sent == 0 ? "No digests to send." : $"Sent {sent} digest{(sent == 1 ? "" : "s")}.");
        return 0;
    }
}
