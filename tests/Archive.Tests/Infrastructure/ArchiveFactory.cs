using System.Collections.Concurrent;
using Archive.Web.Database;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Archive.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel (a loopback port, as in production, so responses are what a browser gets), on a fresh
/// PostgreSQL database of its own (one per test class).
/// </summary>
public class ArchiveFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public ArchiveFactory() => UseKestrel(0);

    public string ConnectionString { get; protected set; } = "";
    protected virtual bool KeepRateLimits => false;
    /// <summary>Where this app's email goes: a folder of .eml files, one per test class.</summary>
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), $"archive-mail-{Guid.NewGuid():N}");

    /// <summary>Everything the app logged as an error or worse: what an operator reading its log would take for trouble.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>Everything the app logged as a warning: trouble it worked around (Redis away).</summary>
    public ConcurrentQueue<string> Warnings { get; } = new();

    /// <summary>The warnings among them from EF Core (with their event names): a query it calls unpredictable or slow.</summary>
    public ConcurrentQueue<string> DatabaseWarnings { get; } = new();

    /// <summary>How many database commands the last request to each path (with its query string) sent.</summary>
    public ConcurrentDictionary<string, int> Queries { get; } = new();

    /// <summary>The app on a database that already exists (restored, or made by an earlier version), which it migrates as it starts.</summary>
    public static ArchiveFactory On(string connectionString) => new() { ConnectionString = connectionString };

    public virtual async Task InitializeAsync()
    {
        if (ConnectionString.Length == 0) ConnectionString = await TestPostgres.CreateDatabaseAsync();
    }

    /// <summary>
    /// Another instance of the app on the same database, with these settings changed: a second server on its own port,
    /// as a second machine would be. (WithWebHostBuilder would give an in-memory server instead.)
    /// </summary>
    public ArchiveFactory Variant(params (string Key, string Value)[] settings) => new VariantFactory(this, settings);

    sealed class VariantFactory : ArchiveFactory
    {
        readonly (string Key, string Value)[] settings;
        public VariantFactory(ArchiveFactory parent, (string Key, string Value)[] settings)
        {
            this.settings = settings;
            ConnectionString = parent.ConnectionString;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Archive", ConnectionString);
        builder.UseEnvironment("Production");
        builder.UseSetting("Archive:Mail:Folder", MailFolder);
        // Test visitors sign up and carry on, as on a small private archive; confirming by email has its own test.
        builder.UseSetting("Archive:Accounts:ConfirmEmail", "false");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new CountQueries(Queries)));
        builder.ConfigureLogging(logging => logging.AddProvider(new ErrorLog(Errors, Warnings, DatabaseWarnings)));
        // Test clients all share one address; rate limits have their own tests at the real values.
        if (!KeepRateLimits)
        {
            builder.UseSetting("Archive:Limits:CommentsPerMinutePerUser", "1000");
            builder.UseSetting("Archive:Limits:CommentsPerMinutePerAddress", "1000");
            builder.UseSetting("Archive:Limits:SearchesPerMinutePerAddress", "100000");
            builder.UseSetting("Archive:Limits:ConversionsPerMinutePerAddress", "1000");
        }
    }

    /// <summary>A visitor with their own cookies, who does not follow redirects by themselves.</summary>
    public ArchiveClient NewVisitor() => VisitorOf(this);

    /// <summary>A visitor of this app, or of a variant of it made with WithWebHostBuilder.</summary>
    public static ArchiveClient VisitorOf(WebApplicationFactory<Program> factory) => VisitorAt(AddressOf(factory), new System.Net.CookieContainer());

    /// <summary>A visitor of the archive at this address with these cookies: the same reader sent to another instance, as a load balancer would.</summary>
    public static ArchiveClient VisitorAt(string site, System.Net.CookieContainer cookies) =>
        new(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = new Uri(site) }, cookies);

    /// <summary>Where this app listens, as it writes links to itself: http://127.0.0.1:PORT.</summary>
    public string Site => AddressOf(this);

    static string AddressOf(WebApplicationFactory<Program> factory)
    {
        // The port is chosen when the server starts.
        factory.StartServer();
        return factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
    }

    /// <summary>Direct database access for checking what was stored, never for arranging what a user would do.</summary>
    public ArchiveDbContext Database()
    {
        var options = new DbContextOptionsBuilder<ArchiveDbContext>();
        ArchiveDbContext.Configure(options, ConnectionString);
        return new ArchiveDbContext(options.Options);
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    // Through the virtual DisposeAsync, so a factory with servers of its own (ReplicatedArchive) stops them too.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    sealed class ErrorLog(ConcurrentQueue<string> errors, ConcurrentQueue<string> warnings, ConcurrentQueue<string> databaseWarnings) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            if (logLevel < LogLevel.Error && eventId.Name?.StartsWith("Microsoft.EntityFrameworkCore") == true) databaseWarnings.Enqueue($"{eventId.Name}: {formatter(state, exception)}");
            (logLevel >= LogLevel.Error ? errors : warnings).Enqueue(formatter(state, exception) + (exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})"));
        }
        public void Dispose() { }
    }

    /// <summary>Counts each request's database commands (the app's EF interceptor adds to the request's <see cref="QueryCount"/>).</summary>
    sealed class CountQueries(ConcurrentDictionary<string, int> log) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, following) =>
            {
                var path = context.Request.Path + context.Request.QueryString;
                var count = new QueryCount();
                context.Features.Set(count);
                // Also as the response starts: the client can read the whole response, and a test look at the log, before
                // the code after `following` has run.
                context.Response.OnStarting(() =>
                {
                    log[path] = count.Value;
                    return Task.CompletedTask;
                });
                await following(context);
                log[path] = count.Value;
            });
            next(app);
        };
    }
}
