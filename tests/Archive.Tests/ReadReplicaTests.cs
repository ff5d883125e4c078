using System.Net;
using Archive.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Archive.Tests;

/// <summary>The archive on a primary with a streaming standby (ConnectionStrings:ArchiveReplicas), both real.</summary>
public sealed class ReplicatedArchive : ArchiveFactory
{
    public TestReplica Servers { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Servers = TestReplica.Start();
        ConnectionString = Servers.PrimaryConnectionString;
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:ArchiveReplicas", Servers.StandbyConnectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Servers?.Dispose();
    }
}

public class ReadReplicaTests(ReplicatedArchive app) : IClassFixture<ReplicatedArchive>
{
    async Task<string> HealthAsync() => await app.NewVisitor().Http.GetStringAsync("/healthz");

    async Task WaitUntilUpToDateAsync()
    {
        for (var tries = 0; tries < 100 && await HealthAsync() != "ok; replica up to date"; tries++) await Task.Delay(100);
        Assert.Equal("ok; replica up to date", await HealthAsync());
    }

    [Fact]
    public async Task Listings_come_from_the_standby_yet_a_new_work_shows_at_once_while_it_lags()
    {
        var author = await app.NewVisitor().SignUpAsync();
        var id = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Kept Twice", ["Fandoms"] = "Replica Fandom" }));
        await WaitUntilUpToDateAsync();

        // Changed on the primary behind the archive's back, with the standby paused: a page read from the standby
        // can't see it, and the API's first read of the work still has the old title.
        await app.Servers.PauseReplayAsync();
        await app.Servers.OnPrimaryAsync($"UPDATE works SET title = 'Changed Unseen' WHERE id = {id}");
        Assert.Contains("\"title\":\"Kept Twice\"", await app.NewVisitor().Http.GetStringAsync($"/api/works/{id}"));

        // A work posted through the archive while the standby lags: its pages go to the primary until the standby has it.
        var posted = ArchiveClient.WorkId(await author.PostWorkAsync(new() { ["Title"] = "Posted During Lag", ["Fandoms"] = "Replica Fandom" }));
        Assert.Equal("ok; replica catching up: reads go to the primary meanwhile", await HealthAsync());
        var listing = await app.NewVisitor().GetAsync("/tags/Replica Fandom/works");
        Assert.Contains("Posted During Lag", listing.Text);
        Assert.Contains("Changed Unseen", listing.Text);
        Assert.Contains("Posted During Lag", (await author.GetAsync("/works")).Text);
        Assert.Contains("\"title\":\"Posted During Lag\"", await app.NewVisitor().Http.GetStringAsync($"/api/works/{posted}"));

        await app.Servers.ResumeReplayAsync();
        await WaitUntilUpToDateAsync();
        Assert.Contains("Posted During Lag", (await app.NewVisitor().GetAsync("/tags/Replica Fandom/works?sort=title")).Text);
    }

    [Fact]
    public async Task While_the_standby_is_down_listings_come_from_the_primary()
    {
        var author = await app.NewVisitor().SignUpAsync();
        await author.PostWorkAsync(new() { ["Title"] = "Outlasting The Standby", ["Fandoms"] = "Standby Down Fandom" });
        await WaitUntilUpToDateAsync();

        app.Servers.StopStandby();
        try
        {
            for (var tries = 0; tries < 50 && !(await HealthAsync()).Contains("replica unreachable"); tries++) await Task.Delay(100);
            Assert.Equal("ok; replica unreachable: reads go to the primary", await HealthAsync());

            var listing = await app.NewVisitor().GetAsync("/tags/Standby Down Fandom/works?sort=title");
            Assert.Equal(HttpStatusCode.OK, listing.Status);
            Assert.Contains("Outlasting The Standby", listing.Text);
            Assert.Contains("Outlasting The Standby", (await app.NewVisitor().GetAsync("/works/search?q=Outlasting")).Text);
            Assert.Empty(app.Errors);
        }
        finally
        {
            app.Servers.StartStandby();
        }
        await WaitUntilUpToDateAsync();
    }
}
