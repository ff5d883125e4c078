using System.Security.Cryptography;
using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Archive.Web.Caching;

/// <summary>The secret that signs guests' form tokens; one row, made once, read by every instance.</summary>
public sealed class GuestFormKey
{
    public int Id { get; set; }
    public required byte[] Secret { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class GuestFormKeyConfiguration : IEntityTypeConfiguration<GuestFormKey>
{
    public void Configure(EntityTypeBuilder<GuestFormKey> key)
    {
        key.ToTable("guest_form_keys");
        key.Property(k => k.Id).ValueGeneratedNever();
    }
}

/// <summary>
/// Loads (making it the first time) the key guests' form tokens are signed with, before the app serves pages; until
/// it has one, guests get ASP.NET Core's own tokens.
/// </summary>
public sealed class GuestFormKeyLoader(IServiceScopeFactory scopes, GuestFormAntiforgery antiforgery, ILogger<GuestFormKeyLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ArchiveDbContext>();
            // Instances starting together agree on one key: the first insert wins, the rest read it.
            await db.Database.ExecuteSqlAsync($"INSERT INTO guest_form_keys (id, secret, created_at) VALUES (1, {RandomNumberGenerator.GetBytes(32)}, {DateTimeOffset.UtcNow}) ON CONFLICT (id) DO NOTHING", cancellationToken);
            antiforgery.UseGuestKey(await db.Set<GuestFormKey>().Where(k => k.Id == 1).Select(k => k.Secret).SingleAsync(cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not load the guest form key; guests get ASP.NET Core's anti-forgery tokens meanwhile");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
