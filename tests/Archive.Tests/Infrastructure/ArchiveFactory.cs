using Archive.Web.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests.Infrastructure;

/// <summary>The real app, in memory, on a fresh PostgreSQL database of its own (one per test class).</summary>
public class ArchiveFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    protected virtual bool KeepRateLimits => false;
    /// <summary>Where this app's email goes: a folder of .eml files, one per test class.</summary>
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), $"archive-mail-{Guid.NewGuid():N}");

    public virtual async Task InitializeAsync() => ConnectionString = await TestPostgres.CreateDatabaseAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Archive", ConnectionString);
        builder.UseEnvironment("Production");
        builder.UseSetting("Archive:Mail:Folder", MailFolder);
        // Test clients all share one address; rate limits have their own tests at the real values.
        if (!KeepRateLimits)
        {
            builder.UseSetting("Archive:Limits:CommentsPerMinutePerUser", "1000");
            builder.UseSetting("Archive:Limits:CommentsPerMinutePerAddress", "1000");
        }
    }

    /// <summary>A visitor with their own cookies, who does not follow redirects by themselves.</summary>
    public ArchiveClient NewVisitor() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = ClientOptions.BaseAddress }));

    /// <summary>Direct database access for checking what was stored, never for arranging what a user would do.</summary>
    public ArchiveDbContext Database()
    {
        var options = new DbContextOptionsBuilder<ArchiveDbContext>();
        ArchiveDbContext.Configure(options, ConnectionString);
        return new ArchiveDbContext(options.Options);
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
