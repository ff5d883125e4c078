using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;

namespace Archive.Web.Caching;

public static class PageCacheSetup
{
    /// <summary>ASP.NET Core's output cache for guests' pages, with the archive's rule, eviction guard and per-guest form tokens. Call after AddControllersWithViews.</summary>
    /// <param name="redis">With Redis, guest pages are kept there, shared by every instance: a page built by one is served by all.</param>
    public static IServiceCollection AddPageCache(this IServiceCollection services, IConfiguration configuration, StackExchange.Redis.IConnectionMultiplexer? redis = null)
    {
        var section = configuration.GetSection(PageCacheOptions.Section);
        services.AddOptions<PageCacheOptions>().Bind(section);
        var options = section.Get<PageCacheOptions>() ?? new PageCacheOptions();
        // First: the output cache only adds its own (in-memory) store when none is registered.
        if (redis is not null)
            services.AddStackExchangeRedisOutputCache(store =>
            {
                store.ConnectionMultiplexerFactory = () => Task.FromResult(redis);
                store.InstanceName = "archive:pages:";
            });
        services.AddOutputCache(cache =>
        {
            cache.AddBasePolicy(new GuestPagePolicy());
            cache.SizeLimit = PageCacheOptions.Bytes(options.SizeLimitMegabytes);
            cache.DefaultExpirationTimeSpan = TimeSpan.FromMinutes(options.PageMinutes);
        });
        services.AddSingleton<EvictionClock>();
        services.AddSingleton<CacheGenerations>();
        // Parts of pages (a work's header, chapters and comments) for signed-in readers' pages, which are built per reader.
        // HybridCache keeps them in the app's memory cache, each entry sized in bytes: bounded, or a million works' parts
        // would fill the machine.
        services.AddMemoryCache(memory => memory.SizeLimit = PageCacheOptions.Bytes(options.PartsSizeLimitMegabytes));
        services.AddHybridCache(hybrid =>
        {
            hybrid.MaximumPayloadBytes = 64 * 1024 * 1024;
            hybrid.DefaultEntryOptions = new() { Expiration = TimeSpan.FromMinutes(options.PageMinutes), LocalCacheExpiration = TimeSpan.FromMinutes(options.PageMinutes) };
        });
        services.AddSingleton<PageCacheEvictions>();
        services.AddSingleton<EvictionBroadcast>();
        services.AddHostedService<EvictionListener>();
        Decorate<IOutputCacheStore>(services, (provider, inner) =>
            new GuardedOutputCacheStore(inner, provider.GetRequiredService<EvictionClock>(), provider.GetRequiredService<IHttpContextAccessor>(),
                provider.GetService<Hosting.SharedRedis>()));
        Decorate<IAntiforgery>(services, (provider, inner) =>
            new GuestFormAntiforgery(inner, provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<AntiforgeryOptions>>()));
        services.AddSingleton(provider => (GuestFormAntiforgery)provider.GetRequiredService<IAntiforgery>());
        services.AddHostedService<GuestFormKeyLoader>();
        Decorate<Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataProvider>(services, (_, inner) => new NoticeTempDataProvider(inner));
        return services;
    }

    /// <summary>After routing (a page says whether it is cached for guests), before anything that builds pages.</summary>
    public static IApplicationBuilder UsePageCache(this IApplicationBuilder app) =>
        app.UseMiddleware<GuestPages>().UseOutputCache();

    /// <summary>After authentication: signed-in readers' actions forget what their pages knew about them.</summary>
    public static IApplicationBuilder UseReaderActions(this IApplicationBuilder app) => app.UseMiddleware<ReaderActions>();

    /// <summary>Wraps the registered singleton <typeparamref name="T"/> in another, built from it.</summary>
    static void Decorate<T>(IServiceCollection services, Func<IServiceProvider, T, T> wrap) where T : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(registered);
        services.AddSingleton(provider =>
        {
            var inner = (T)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!));
            return wrap(provider, inner);
        });
    }
}
