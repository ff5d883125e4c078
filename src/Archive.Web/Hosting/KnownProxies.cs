using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Archive.Web.Hosting;

/// <summary>
/// The proxies in front of the archive ("Archive:KnownProxies": addresses or networks, separated by commas), whose
/// X-Forwarded-For and X-Forwarded-Proto it believes: behind nginx every guest would otherwise have nginx's address
/// (one comment limit, one kudos and one hit for all of them) and every link plain http. With none configured it
/// believes no one, so a visitor can't choose their own address by sending the header themselves.
/// </summary>
public static class KnownProxies
{
    public const string Setting = "Archive:KnownProxies";

    /// <summary>What the forwarded-headers middleware should believe, or null when no proxy is configured.</summary>
    /// <exception cref="FormatException">An entry that is neither an address nor a network, in one line for the operator.</exception>
    public static ForwardedHeadersOptions? FromConfiguration(IConfiguration configuration)
    {
        var entries = (configuration[Setting] ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (entries.Length == 0) return null;
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // A chain of known proxies (a CDN, then nginx) is walked back to the first address that isn't one: the visitor.
            ForwardLimit = null,
        };
        // Only the proxies named: ASP.NET Core would otherwise also believe anything sent from this machine.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in entries)
        {
            if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var network)) options.KnownIPNetworks.Add(network);
            else if (!entry.Contains('/') && IPAddress.TryParse(entry, out var address)) options.KnownProxies.Add(address);
            else throw new FormatException($"{Setting.Replace(":", "__")} has '{entry}', which is neither an address (10.0.0.5) nor a network (10.0.0.0/8); give the proxies in front of the archive, separated by commas.");
        }
        return options;
    }
}
