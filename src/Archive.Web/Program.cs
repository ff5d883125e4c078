using Archive.Web;
using Archive.Web.Accounts;
using Archive.Web.Caching;
using Archive.Web.Commands;
using Archive.Web.Database;
using Archive.Web.Hosting;
using Archive.Web.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = WebRoot.Find(), ContentRootPath = WebRoot.ContentRoot() });
var command = CommandLine.Parse(args);
if (command is { Known: false })
{
    Console.Error.WriteLine(command.Error);
    return 2;
}
// Asking which version this is, or for help, needs no database.
if (command is { NeedsDatabase: false }) return command.RunWithoutDatabase();

// A command's standard output is its result (JSON lines for import), so its logs go to stderr, and only problems.
if (command is not null)
{
    builder.Logging.ClearProviders();
    builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
    builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(null, LogLevel.Warning);
}

// A mistyped proxy is one line and a failing exit, before anything starts.
Microsoft.AspNetCore.Builder.ForwardedHeadersOptions? forwarded;
try { forwarded = Archive.Web.Hosting.KnownProxies.FromConfiguration(builder.Configuration); }
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

// With no connection string the archive runs its own PostgreSQL in a local folder.
PrivatePostgres? privateServer = null;
if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Archive")))
{
    try
    {
        privateServer = PrivatePostgres.FromConfiguration(builder.Configuration);
        privateServer.Start();
    }
    catch (PrivatePostgresException e)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
    builder.Configuration["ConnectionStrings:Archive"] = privateServer.ConnectionString();
}

try
{
    var connectionString = builder.Configuration.GetConnectionString("Archive")!;
    builder.Services.AddOptions<ArchiveLimits>().Bind(builder.Configuration.GetSection(ArchiveLimits.Section));
    Archive.Web.Comments.CommentRateLimits.AddCommentRateLimits(builder.Services,
        builder.Configuration.GetSection(ArchiveLimits.Section).Get<ArchiveLimits>() ?? new ArchiveLimits());
    builder.Services.AddSingleton<QueryCounter>();
    builder.Services.AddSingleton<GuestCommandTimeout>();
    builder.Services.AddSingleton<AddressLimits>();
    // Each route's byte limit (RequestSizes) is the real cap; a single field may be as long as a chapter in any script.
    builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(form => form.ValueLengthLimit = int.MaxValue);
    var replicas = ReplicaReads.Configured(builder.Configuration);
    if (replicas)
    {
        builder.Services.AddSingleton<ReplicaReads>();
        if (command is null) builder.Services.AddHostedService(services => services.GetRequiredService<ReplicaReads>());
        builder.Services.AddSingleton<ReplicaRouting>();
    }
    builder.Services.AddDbContextPool<ArchiveDbContext>((services, options) =>
    {
        ArchiveDbContext.Configure(options, connectionString).AddInterceptors(services.GetRequiredService<QueryCounter>(), services.GetRequiredService<GuestCommandTimeout>());
        if (replicas) options.AddInterceptors(services.GetRequiredService<ReplicaRouting>());
    });
    if (builder.Configuration.GetValue("Archive:MigrateOnStartup", true) && command is null)
        builder.Services.AddHostedService<DatabaseMigrator>();

    builder.Services.AddIdentity<User, IdentityRole<int>>(options =>
        {
            options.User.RequireUniqueEmail = true;
            options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
            options.Password.RequiredLength = 8;
            options.Password.RequireDigit = false;
            options.Password.RequireLowercase = false;
            options.Password.RequireUppercase = false;
            options.Password.RequireNonAlphanumeric = false;
            // New accounts confirm their address by a link before they log in; a small private archive may turn it off.
            options.SignIn.RequireConfirmedEmail = builder.Configuration.GetValue("Archive:Accounts:ConfirmEmail", true);
        })
        .AddEntityFrameworkStores<ArchiveDbContext>()
        .AddDefaultTokenProviders();
    // Links by email (a new password, a new address) work for this long.
    builder.Services.Configure<DataProtectionTokenProviderOptions>(tokens => tokens.TokenLifespan = TimeSpan.FromHours(builder.Configuration.GetValue("Archive:Accounts:LinkHours", 3.0)));
    builder.Services.ConfigureApplicationCookie(cookie =>
    {
        cookie.LoginPath = "/login";
        cookie.LogoutPath = "/logout";
        cookie.AccessDeniedPath = "/errors/403";
        cookie.Cookie.Name = GuestPages.SessionCookie;
        // Identity checks a sign-in's security stamp every ValidationInterval, but resolving its validator builds the user
        // and sign-in managers on every request; resolve it only when a check is due (exactly when it would check).
        cookie.Events.OnValidatePrincipal = context =>
        {
            var interval = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval;
            return context.Properties.IssuedUtc is { } issued && TimeProvider.System.GetUtcNow() - issued <= interval
                ? Task.CompletedTask
                : SecurityStampValidator.ValidatePrincipalAsync(context);
        };
        cookie.Events.OnSignedIn = context => Archive.Web.Skins.ReadingComfortController.OnSignedInAsync(context.HttpContext, context.Principal!);
    });
    builder.Services.PostConfigure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme,
        cookie => cookie.TicketDataFormat = new RememberedSignIns(cookie.TicketDataFormat));
    builder.Services.AddDataProtection().SetApplicationName("Archive").PersistKeysToDbContext<ArchiveDbContext>();

    // Form tokens' cookie is Secure over https like every other (its default is never).
    builder.Services.AddAntiforgery(antiforgery => antiforgery.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest);
    builder.Services.AddControllersWithViews(options => options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()))
        .AddRazorOptions(razor => razor.ViewLocationExpanders.Add(new FeatureFolders()));
    // Redis, when configured: what instances share (whole guest pages among them), connected before the page cache is set up.
    var redisConnection = builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis ? Archive.Web.Hosting.SharedRedis.Connect(redis) : null;
    if (redisConnection is not null)
    {
        builder.Services.AddSingleton(redisConnection);
        builder.Services.AddSingleton<Archive.Web.Hosting.SharedRedis>();
    }
    builder.Services.AddPageCache(builder.Configuration, redisConnection);
    builder.Services.AddSingleton<ArchiveHtmlPolicy>();
    builder.Services.AddSingleton<StoryText>();
    builder.Services.AddScoped<Archive.Web.Works.WorkPosting>();
    builder.Services.AddScoped<Archive.Web.Works.RelatedWorkLinks>();
    builder.Services.AddScoped<Archive.Web.Gifts.GiftRecipients>();
    builder.Services.AddScoped<Archive.Web.Collections.WorkCollections>();
    builder.Services.AddScoped<Archive.Web.Collections.CollectionWorks>();
    builder.Services.AddScoped<Archive.Web.Challenges.GiftExchange>();
    builder.Services.AddScoped<Archive.Web.Works.Orphaning>();
    builder.Services.AddScoped<Archive.Web.Mail.OutgoingMail>();
    if (command is null) builder.Services.AddHostedService<Archive.Web.Collections.CollectionReveals>();
    builder.Services.AddScoped<Archive.Web.Chapters.ChapterPosting>();
    builder.Services.AddScoped<Archive.Web.Comments.InboxCount>();
    builder.Services.AddScoped<Archive.Web.Drafts.DraftPosting>();
    builder.Services.AddSingleton<Archive.Web.Drafts.ScheduledPosting>();
    if (command is null) builder.Services.AddHostedService(services => services.GetRequiredService<Archive.Web.Drafts.ScheduledPosting>());
    builder.Services.AddScoped<Archive.Web.Accounts.Export.AccountExportFile>();
    builder.Services.AddSingleton<Archive.Web.Accounts.Export.ExportNudge>();
    if (command is null) builder.Services.AddHostedService<Archive.Web.Accounts.Export.AccountExports>();
    builder.Services.AddScoped<Archive.Web.Import.WorkImporter>();
    builder.Services.AddScoped<Archive.Web.Tags.TagWrangling>();
    builder.Services.AddScoped<Archive.Web.Tags.WorkListing>();
    builder.Services.AddSingleton<Archive.Web.Tags.TagNames>();
    builder.Services.AddScoped<Archive.Web.Blocklist.ReaderBlocklist>();
    builder.Services.AddScoped<Archive.Web.Comments.Commenting>();
    builder.Services.AddScoped<Archive.Web.Works.WorkReading>();
    builder.Services.AddScoped<Archive.Web.Works.WorkCounts>();
    builder.Services.AddSingleton<Archive.Web.Works.WorkFragments>();
    builder.Services.AddOptions<Archive.Web.Downloads.DownloadOptions>().Bind(builder.Configuration.GetSection(Archive.Web.Downloads.DownloadOptions.Section));
    builder.Services.AddSingleton<Archive.Web.Downloads.Calibre>();
    builder.Services.AddScoped<Archive.Web.Downloads.DownloadCache>();
    builder.Services.AddScoped<Archive.Web.Hosting.SiteAddress>();
    builder.Services.AddScoped<Archive.Web.Downloads.WorkBooks>();
    builder.Services.AddSingleton<Archive.Web.Hits.HitCounter>();
    if (command is null) builder.Services.AddHostedService(services => services.GetRequiredService<Archive.Web.Hits.HitCounter>());
    builder.Services.AddSingleton<Archive.Web.Kudos.KudosCounts>();
    if (command is null) builder.Services.AddHostedService(services => services.GetRequiredService<Archive.Web.Kudos.KudosCounts>());
    builder.Services.AddSingleton<Archive.Web.Tags.TagCounts>();
    if (command is null) builder.Services.AddHostedService(services => services.GetRequiredService<Archive.Web.Tags.TagCounts>());
    builder.Services.AddSingleton<Archive.Web.History.ReadingRecorder>();
    if (command is null) builder.Services.AddHostedService(services => services.GetRequiredService<Archive.Web.History.ReadingRecorder>());
    builder.Services.AddHttpContextAccessor();

    var app = builder.Build();
    if (command is not null) return await command.RunAsync(app.Services);

    // First, so everything after sees the visitor's own address and scheme.
    if (forwarded is not null) app.UseForwardedHeaders(forwarded);
    app.UseSecurityHeaders();
    // Whatever sets a cookie, now or later: no page script reads it, it stays on the archive's pages, over https only https.
    app.UseCookiePolicy(new CookiePolicyOptions
    {
        Secure = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest,
        HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always,
        MinimumSameSitePolicy = SameSiteMode.Lax,
    });
    app.UseHeadAsGet();
    app.UseExceptionHandler("/errors/500");
    app.UseStatusCodePagesWithReExecute("/errors/{0}");
    app.UseNulFreeRequests();
    app.UseRouting();
    app.UseRequestSizes();
    app.UseOldUserNames();
    ReplicaReads.UseReplicaReads(app);
    // Cached pages go out before anything else looks at the request (guests have nothing to authenticate).
    app.UsePageCache();
    app.UseStaticFiles();
    app.UseAuthentication();
    app.UseStaffTwoFactor(app.Configuration);
    app.UseReaderActions();
    app.UseRateLimiter();
    app.UseAuthorization();
    app.MapControllers();
    app.MapGet("/healthz", Health.CheckAsync);
    await app.RunAsync();
    return 0;
}
catch (PreReleaseDatabaseException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
finally
{
    privateServer?.Stop();
}

public partial class Program;
