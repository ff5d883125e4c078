using System.Net;
using System.Security.Cryptography;
using Archive.Tests.Infrastructure;
using Archive.Web.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Tests;

public class TwoFactorSignInTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    /// <summary>What an authenticator app shows now for this key (RFC 6238: HMAC-SHA1, 30-second steps, six digits).</summary>
    static string Code(string sharedKey)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(sharedKey.Replace(" ", "").ToUpperInvariant().TrimEnd('=').Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        var key = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
        var step = BitConverter.GetBytes(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian) Array.Reverse(step);
        var hash = HMACSHA1.HashData(key, step);
        var offset = hash[^1] & 0xf;
        var number = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (number % 1_000_000).ToString("D6");
    }

    static Task<Page> LogInAsync(ArchiveClient visitor, string login) =>
        visitor.SubmitAsync("/login", "/login", [new("Login", login), new("Password", "correct horse battery")]);

    /// <summary>Turns two-factor sign-in on through the settings page; returns the shared key and the recovery codes.</summary>
    static async Task<(string Key, List<string> RecoveryCodes)> TurnOnAsync(ArchiveClient person)
    {
        var setup = await person.GetAsync("/settings/two-factor");
        var key = setup.Find(".shared-key")!.TextContent;
        Assert.Contains($"secret={key.Replace(" ", "").ToUpperInvariant()}", setup.Find(".authenticator-uri")?.TextContent);
        var wrong = await person.SubmitAsync("/settings/two-factor", "/settings/two-factor", [new("code", "000000")]);
        Assert.Equal("That code isn't the one your app shows now; type the six digits it shows, before they change.", wrong.ErrorFor("code"));
        var on = await person.SubmitAsync("/settings/two-factor", "/settings/two-factor", [new("code", Code(key))]);
        Assert.Equal("Two-factor sign-in is on.", on.Find(".notice")?.TextContent);
        return (key, on.FindAll(".recovery-codes code").Select(c => c.TextContent).ToList());
    }

    [Fact]
    public async Task A_reader_turns_on_two_factor_sign_in_and_logs_in_with_a_code_or_a_single_use_recovery_code()
    {
        var reader = await app.NewVisitor().SignUpAsync();
        var (key, recovery) = await TurnOnAsync(reader);
        Assert.Equal(10, recovery.Count);

        var again = app.NewVisitor();
        var asked = await LogInAsync(again, reader.UserName!);
        Assert.StartsWith("/login/two-factor", asked.Url);
        // The password alone signs nobody in.
        Assert.StartsWith("/login", (await again.GetAsync("/settings")).Url);
        Assert.Equal("That code is wrong or has expired.", (await again.SubmitAsync(asked.Url, "/login/two-factor", [new("code", "123456")])).ErrorFor("code"));
        Assert.Equal("/", (await again.SubmitAsync(asked.Url, "/login/two-factor", [new("code", Code(key))])).Url);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/settings")).Status);

        // Without the app: a recovery code, once.
        var lost = app.NewVisitor();
        var step = await LogInAsync(lost, reader.UserName!);
        Assert.Equal("/", (await lost.SubmitAsync(step.Url, "/login/two-factor", [new("recoveryCode", recovery[0])])).Url);
        var thief = app.NewVisitor();
        step = await LogInAsync(thief, reader.UserName!);
        Assert.Equal("That code is wrong or has expired.", (await thief.SubmitAsync(step.Url, "/login/two-factor", [new("recoveryCode", recovery[0])])).ErrorFor("code"));
        Assert.Contains("You have 9 recovery codes left.", (await lost.GetAsync("/settings/two-factor")).Text);
        // The second step can't be reached without the first.
        Assert.Equal("/login", (await app.NewVisitor().GetAsync("/login/two-factor")).Url);

        Assert.Equal("That isn't your password.", (await lost.SubmitAsync("/settings/two-factor", "/settings/two-factor/disable", [new("password", "nope")])).ErrorFor("password"));
        await lost.SubmitAsync("/settings/two-factor", "/settings/two-factor/disable", [new("password", "correct horse battery")]);
        Assert.Equal("/", (await LogInAsync(app.NewVisitor(), reader.UserName!)).Url);
    }

    [Fact]
    public async Task A_moderator_on_an_archive_that_requires_it_reaches_the_moderation_pages_only_after_a_two_factor_sign_in()
    {
        await using var archive = app.Variant(("Archive:Accounts:StaffNeedTwoFactor", "true"));
        var moderator = await ArchiveFactory.VisitorOf(archive).SignUpAsync();
        await using (var scope = archive.Services.CreateAsyncScope())
            await AdminCommand.RunAsync(scope.ServiceProvider, ["grant", moderator.UserName!, "moderator"], TextWriter.Null, TextWriter.Null);
        var signedIn = ArchiveFactory.VisitorOf(archive);
        await LogInAsync(signedIn, moderator.UserName!);
        var sent = await signedIn.GetAsync("/moderation");
        Assert.Equal("/settings/two-factor?required=1", sent.Url);
        Assert.Contains("Moderators and admins on this archive sign in with a second factor", sent.Text);
        var (key, _) = await TurnOnAsync(signedIn);
        // Turning it on doesn't make this sign-in a two-factor one.
        Assert.Equal("/settings/two-factor?required=1", (await signedIn.GetAsync("/moderation")).Url);

        var twice = ArchiveFactory.VisitorOf(archive);
        var step = await LogInAsync(twice, moderator.UserName!);
        await twice.SubmitAsync(step.Url, "/login/two-factor", [new("code", Code(key))]);
        var moderation = await twice.GetAsync("/moderation");
        Assert.Equal(HttpStatusCode.OK, moderation.Status);
        Assert.Equal("/moderation", moderation.Url);
        // Readers aren't asked.
        var reader = await ArchiveFactory.VisitorOf(archive).SignUpAsync();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/works")).Status);
    }
}
