using System.Net;
using Archive.Tests.Infrastructure;
using Archive.Web.Challenges;
using Microsoft.EntityFrameworkCore;

namespace Archive.Tests;

public class ChallengeTests(ArchiveFactory app) : IClassFixture<ArchiveFactory>
{
    static async Task<string> CreateCollectionAsync(ArchiveClient owner, string title, Dictionary<string, string>? settings = null)
    {
        var name = $"c_{Guid.NewGuid():N}"[..14];
        var fields = new Dictionary<string, string> { ["Name"] = name, ["Title"] = title };
        foreach (var (key, value) in settings ?? []) fields[key] = value;
        Assert.Equal($"/collections/{name}", (await owner.SubmitAsync("/collections/new", "/collections/new", fields)).Url);
        return name;
    }

    static Task<Page> SignUpAsync(ArchiveClient person, string collection, string requestFandom, string offerFandom, string details = "") =>
        person.SubmitAsync($"/collections/{collection}/sign-up", $"/collections/{collection}/sign-up", new Dictionary<string, string>
        {
            ["Requests[0].Fandoms"] = requestFandom, ["Requests[0].Description"] = details, ["Offers[0].Fandoms"] = offerFandom,
        });

    static async Task<Page> ForgedPostAsync(ArchiveClient person, string url) => await person.PostAsync(url, [new("__RequestVerificationToken", await person.TokenAsync())]);

    [Fact]
    public async Task A_gift_exchange_runs_from_sign_ups_through_matching_assignments_defaults_and_pinch_hits_to_posted_gifts_revealed_on_time()
    {
        var owner = await app.NewVisitor().SignUpAsync();
        var name = await CreateCollectionAsync(owner, "Winter Exchange", new() { ["IsAnonymous"] = "true", ["IsUnrevealed"] = "true" });
        var future = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-ddTHH:mm");
        var settings = await owner.SubmitAsync($"/collections/{name}/challenge", $"/collections/{name}/challenge", new Dictionary<string, string>
        {
            ["Kind"] = "GiftExchange", ["SignUpsOpen"] = "true", ["SignUpsCloseAt"] = future, ["AssignmentsDueAt"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-ddTHH:mm"),
            ["TimeZone"] = "America/New_York", ["MatchFandoms"] = "1",
        });
        Assert.True(settings.Find(".notice")?.TextContent == "The challenge's settings are saved.", settings.Url + string.Join("|", settings.FindAll(".field-error, .errors").Select(e => e.TextContent)));
        Assert.Contains("(America/New_York)", settings.Find(".challenge")?.TextContent);
        await owner.SubmitAsync($"/collections/{name}/tag-set", $"/collections/{name}/tag-set", [new("type", "Fandom"), new("names", "Smallville, Due South, Stargate Atlantis")]);

        // A participant nominates; the nomination waits for a maintainer.
        var a = await app.NewVisitor().SignUpAsync();
        var nominated = await a.SubmitAsync($"/collections/{name}/tag-set", $"/collections/{name}/tag-set", [new("type", "Fandom"), new("names", "Sherlock (TV)")]);
        Assert.Equal("Thank you: your nominations wait for a maintainer's approval.", nominated.Find(".notice")?.TextContent);
        Assert.DoesNotContain("Sherlock (TV)", nominated.Find("main")!.TextContent.Split("Nominate tags")[0]);
        var review = await owner.GetAsync($"/collections/{name}/tag-set");
        Assert.Contains($"(nominated by {a.UserName})", review.Text);
        var approve = review.FindAll("form[action$='/approve']").Single().GetAttribute("action")!;
        Assert.Equal(HttpStatusCode.Forbidden, (await ForgedPostAsync(a, approve)).Status);
        await owner.SubmitAsync($"/collections/{name}/tag-set", approve, []);

        // A request outside the tag set is refused, and what was typed stays.
        var refused = await SignUpAsync(a, name, "Smallville", "Doctor Who", "Clark and Lex, road trip");
        Assert.Equal("“Doctor Who” isn't in this challenge's fandoms; choose from its tag set.", refused.ErrorFor("Offers[0].Fandoms"));
        Assert.Equal("Clark and Lex, road trip", refused.Value("Requests[0].Description"));
        Assert.Equal("You are signed up.", (await SignUpAsync(a, name, "Smallville", "Due South", "Clark and Lex, road trip")).Find(".notice")?.TextContent);
        var b = await app.NewVisitor().SignUpAsync();
        var c = await app.NewVisitor().SignUpAsync();
        var f = await app.NewVisitor().SignUpAsync();
        await SignUpAsync(b, name, "Due South", "Stargate Atlantis");
        await SignUpAsync(c, name, "Stargate Atlantis", "Smallville");
        // Nobody offers what F asks for, and nobody asks for what F offers.
        await SignUpAsync(f, name, "Sherlock (TV)", "Sherlock (TV)");
        // Someone signs up and thinks better of it.
        var quitter = await app.NewVisitor().SignUpAsync();
        await SignUpAsync(quitter, name, "Smallville", "Smallville");
        Assert.Equal("Your sign-up is withdrawn.", (await quitter.SubmitAsync($"/collections/{name}/sign-up", $"/collections/{name}/sign-up/withdraw", [])).Find(".notice")?.TextContent);
        // Editing keeps one sign-up.
        Assert.Equal("Your sign-up is updated.", (await SignUpAsync(a, name, "Smallville", "Due South", "Clark and Lex, road trip, snow")).Find(".notice")?.TextContent);

        // Sign-ups, matching and assignments are the maintainers' alone.
        foreach (var url in new[] { $"/collections/{name}/matching", $"/collections/{name}/assignments", $"/collections/{name}/sign-ups.csv" })
            Assert.Equal(HttpStatusCode.Forbidden, (await a.GetAsync(url)).Status);
        foreach (var url in new[] { $"/collections/{name}/matching/generate", $"/collections/{name}/assignments/send" })
            Assert.Equal(HttpStatusCode.Forbidden, (await ForgedPostAsync(b, url)).Status);

        var matched = await owner.SubmitAsync($"/collections/{name}/matching", $"/collections/{name}/matching/generate", []);
        Assert.Equal("Matched 3 of 4 sign-ups.", matched.Find(".notice")?.TextContent);
        string WriterOf(Page page, ArchiveClient recipient) => page.FindAll("table.matching tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Contains(recipient.UserName!)).QuerySelector(".writer")!.TextContent;
        Assert.Contains(c.UserName!, WriterOf(matched, a));
        Assert.Contains(a.UserName!, WriterOf(matched, b));
        Assert.Contains(b.UserName!, WriterOf(matched, c));
        Assert.Equal("—", WriterOf(matched, f));
        var fRow = matched.FindAll("table.matching tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Contains(f.UserName!));
        Assert.Equal("Has no writer: No one's offer matches their requests. Writes for nobody: Their offers match no one's requests.", fRow.QuerySelector(".reason")!.TextContent);

        // By hand: nobody writes for themselves; another writer for A is looked for among the free ones.
        var aRecipient = await SignUpIdAsync(a, name);
        Assert.Equal("Nobody writes for themselves: choose someone else.",
            (await owner.SubmitAsync($"/collections/{name}/matching", $"/collections/{name}/matching/{aRecipient}/writer", [new("writer", a.UserName!)])).Find(".notice")?.TextContent);
        Assert.Equal("No other writer who is free matches their requests: choose one by hand.",
            (await owner.SubmitAsync($"/collections/{name}/matching", $"/collections/{name}/matching/{aRecipient}/regenerate", [])).Find(".notice")?.TextContent);

        // A writer set by hand (whatever the rules say), and set back.
        Assert.Equal($"{f.UserName} writes for them now.",
            (await owner.SubmitAsync($"/collections/{name}/matching", $"/collections/{name}/matching/{aRecipient}/writer", [new("writer", f.UserName!)])).Find(".notice")?.TextContent);
        var byHand = await owner.GetAsync($"/collections/{name}/matching");
        Assert.Contains(f.UserName!, WriterOf(byHand, a));
        Assert.Equal("—", WriterOf(byHand, f));
        await owner.SubmitAsync($"/collections/{name}/matching", $"/collections/{name}/matching/{aRecipient}/writer", [new("writer", c.UserName!)]);
        Assert.Contains(c.UserName!, WriterOf(await owner.GetAsync($"/collections/{name}/matching"), a));

        var sent = await owner.SubmitAsync($"/collections/{name}/matching", $"/collections/{name}/assignments/send", []);
        Assert.Equal("Sent 3 assignments.", sent.Find(".notice")?.TextContent);
        Assert.Equal("1 gift exchange assignment to write", (await a.GetAsync("/inbox")).FindAll(".news a").Select(x => x.TextContent).Single(t => t.Contains("assignment")));
        var mine = await a.GetAsync("/assignments");
        var assignmentUrl = mine.Find("li.assignment a")!.GetAttribute("href")!;
        Assert.Contains($"For {b.UserName}", mine.Find("li.assignment")!.TextContent);
        var assignment = await a.GetAsync(assignmentUrl);
        Assert.Contains("Due South", assignment.Find(".request")?.TextContent);
        // Nobody else reads A's assignment.
        Assert.Equal(HttpStatusCode.Forbidden, (await b.GetAsync(assignmentUrl)).Status);
        var mail = Directory.GetFiles(app.MailFolder, "*.eml").Select(File.ReadAllText).Where(m => m.Contains($"Hello {a.UserName},")).ToList();
        Assert.Contains($"You are writing for {b.UserName} ({b.UserName}) in Winter Exchange.", Assert.Single(mail));

        // B can't write after all; a pinch-hitter takes it.
        var bAssignment = (await b.GetAsync("/assignments")).Find("li.assignment form[action$='/default']")!.GetAttribute("action")!;
        Assert.Equal(HttpStatusCode.Forbidden, (await ForgedPostAsync(a, bAssignment)).Status);
        await b.SubmitAsync("/assignments", bAssignment, []);
        var dashboard = await owner.GetAsync($"/collections/{name}/assignments");
        Assert.Equal("1", dashboard.Find("dd.defaulted")?.TextContent);
        var pinch = await app.NewVisitor().SignUpAsync();
        var pinchForm = dashboard.FindAll("table.assignments tr.defaulted form").Single().GetAttribute("action")!;
        var pinched = await owner.SubmitAsync($"/collections/{name}/assignments", pinchForm, [new("userName", pinch.UserName!)]);
        Assert.Equal($"{pinch.UserName} is pinch-hitting and has been sent the assignment.", pinched.Find(".notice")?.TextContent);
        Assert.Contains($"For {c.UserName}", (await pinch.GetAsync("/assignments")).Find("li.assignment")?.TextContent);
        Assert.Empty((await b.GetAsync("/assignments")).FindAll("li.assignment form"));

        // Posting to the collection fulfils the assignment and makes the work a gift, told to its recipient at the reveal.
        var posted = await a.PostWorkAsync(new() { ["Title"] = "Snowed In", ["Fandoms"] = "Due South", ["Collections"] = name });
        var workId = ArchiveClient.WorkId(posted);
        Assert.Equal([b.UserName!], posted.FindAll(".preface .gifts li").Select(li => li.TextContent));
        Assert.Equal("posted", (await a.GetAsync("/assignments")).Find("li.assignment .status")?.TextContent);
        Assert.DoesNotContain((await b.GetAsync("/inbox")).FindAll(".news a"), x => x.TextContent.Contains("gift"));
        Assert.Contains("Mystery work", (await b.GetAsync($"/works/{workId}")).Text);
        dashboard = await owner.GetAsync($"/collections/{name}/assignments");
        Assert.Equal(("4", "3", "1", "0"), (dashboard.Find("dd.sign-ups")!.TextContent, dashboard.Find("dd.sent")!.TextContent, dashboard.Find("dd.posted")!.TextContent, dashboard.Find("dd.defaulted")!.TextContent));

        var csv = await owner.Http.GetStringAsync($"/collections/{name}/sign-ups.csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("user,pseud,signed up,kind,number,fandoms,relationships,characters,description", lines[0]);
        Assert.Equal(8, lines.Length - 1);
        Assert.Contains(lines, l => l.StartsWith($"{a.UserName},{a.UserName},") && l.EndsWith(",request,1,Smallville,,,\"Clark and Lex, road trip, snow\""));

        // Sign-ups close: nobody can change or withdraw theirs.
        await owner.SubmitAsync($"/collections/{name}/challenge", $"/collections/{name}/challenge", [new("SignUpsOpen", "false")]);
        var late = await SignUpAsync(f, name, "Smallville", "Smallville");
        Assert.Contains("Sign-ups are closed", late.Find(".errors")?.TextContent);
        var fSignUp = await SignUpIdAsync(f, name);
        await using (var db = app.Database())
        {
            var sherlock = await db.Tags.Where(t => t.Name == "Sherlock (TV)").Select(t => t.Id).SingleAsync();
            Assert.Equal(2, await db.Prompts.CountAsync(p => p.SignUpId == fSignUp && p.TagIds.Contains(sherlock)));
        }

        await owner.SubmitAsync($"/collections/{name}", $"/collections/{name}/reveal", []);
        Assert.Equal("1 new gift for you", (await b.GetAsync("/inbox")).FindAll(".news a").Select(x => x.TextContent).Single(t => t.Contains("gift")));
        Assert.Contains(a.UserName!, (await app.NewVisitor().GetAsync($"/works/{workId}")).Find(".preface .byline")?.TextContent);
    }

    async Task<int> SignUpIdAsync(ArchiveClient person, string collection)
    {
        await using var db = app.Database();
        return await db.SignUps.Where(s => db.Users.Any(u => u.Id == s.UserId && u.UserName == person.UserName)
            && db.Challenges.Any(c => c.Id == s.ChallengeId && db.Collections.Any(col => col.Id == c.CollectionId && col.Name == collection))).Select(s => s.Id).SingleAsync();
    }

    [Fact]
    public async Task A_prompt_meme_shows_anonymous_prompts_their_claims_and_the_fills_that_answer_them()
    {
        var owner = await app.NewVisitor().SignUpAsync();
        // An anonymous meme: fills are by "Anonymous", and so are those who claimed the prompts they fill.
        var name = await CreateCollectionAsync(owner, "Kink Meme", new() { ["IsAnonymous"] = "true" });
        await owner.SubmitAsync($"/collections/{name}/challenge", $"/collections/{name}/challenge", new Dictionary<string, string>
        {
            ["Kind"] = "PromptMeme", ["SignUpsOpen"] = "true", ["RequestsMin"] = "1", ["RequestsMax"] = "2", ["OffersMin"] = "0", ["OffersMax"] = "0",
            ["FandomsMin"] = "1", ["FandomsMax"] = "1", ["MatchFandoms"] = "0",
        });
        var asker = await app.NewVisitor().SignUpAsync();
        var posted = await asker.SubmitAsync($"/collections/{name}/sign-up", $"/collections/{name}/sign-up", new Dictionary<string, string>
        {
            ["Requests[0].Fandoms"] = "Smallville", ["Requests[0].Title"] = "Snow day", ["Requests[0].Description"] = "Clark builds a snow fort.", ["Requests[0].IsAnonymous"] = "true",
        });
        Assert.Equal("You are signed up.", posted.Find(".notice")?.TextContent);

        var guest = app.NewVisitor();
        var prompts = await guest.GetAsync($"/collections/{name}/prompts");
        var prompt = prompts.Find("article.prompt")!;
        Assert.Equal("Snow day by Anonymous", string.Join(" ", prompt.QuerySelector("h2")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.DoesNotContain(asker.UserName!, prompts.Html);
        Assert.Equal("Unclaimed.", prompt.QuerySelector(".claims")?.TextContent);

        var writer = await app.NewVisitor().SignUpAsync();
        var claim = (await writer.GetAsync($"/collections/{name}/prompts")).Find("article.prompt form[action$='/claim']")!.GetAttribute("action")!;
        Assert.StartsWith("/login", (await guest.PostAsync(claim, [new("__RequestVerificationToken", await guest.TokenAsync())])).Url);
        var claimed = await writer.SubmitAsync($"/collections/{name}/prompts", claim, []);
        Assert.Equal($"Claimed by {writer.UserName}.", claimed.Find("article.prompt .claims")?.TextContent);
        var fillLink = claimed.Find("article.prompt a[href*='fills=']")!.GetAttribute("href")!;
        var form = await writer.GetAsync(fillLink);
        Assert.Equal(name, form.Value("Collections"));
        var fill = await writer.SubmitAsync(fillLink, "/works/new", new Dictionary<string, string>
        {
            ["Title"] = "The Fort", ["Fandoms"] = "Smallville", ["Warnings"] = "No Archive Warnings Apply", ["Rating"] = "General Audiences", ["Body"] = "Snow everywhere.", ["ExpectedChapters"] = "1",
        });
        var fillId = ArchiveClient.WorkId(fill);
        Assert.Equal("In response to “Snow day” by Anonymous in Kink Meme.", fill.Find(".preface .fills")?.TextContent);
        Assert.Equal("Kink Meme", fill.Find("dd.collections a")?.TextContent);
        var filled = await guest.GetAsync($"/collections/{name}/prompts");
        Assert.Equal($"/works/{fillId}", filled.Find("article.prompt .fills a")?.GetAttribute("href"));
        Assert.Equal("Claimed by Anonymous.", filled.Find("article.prompt .claims")?.TextContent);
        Assert.DoesNotContain(writer.UserName!, filled.Html);
        Assert.Contains("Anonymous", fill.Find(".preface .byline")?.TextContent);

        // The asker edits their prompt; its claim and fill stay with it.
        await asker.SubmitAsync($"/collections/{name}/sign-up", $"/collections/{name}/sign-up", [new("Requests[0].Description", "Clark builds a snow fort. Lex helps.")]);
        var after = (await guest.GetAsync($"/collections/{name}/prompts")).Find("article.prompt")!;
        Assert.Contains("Lex helps.", after.TextContent);
        Assert.Equal("The Fort", after.QuerySelector(".fills a")?.TextContent);
        Assert.Equal("You have posted a fill for this prompt, so your claim stays.",
            (await writer.SubmitAsync($"/collections/{name}/prompts", claim.Replace("/claim", "/unclaim"), [])).Find(".notice")?.TextContent);
    }

    [Fact]
    public void Matching_finds_a_writer_for_everyone_it_can_never_pairs_anyone_with_themselves_and_only_pairs_offers_with_requests_they_share()
    {
        // Taking the first match for each writer would leave one person out here; a maximum matching leaves nobody.
        static PromptTags Fandom(params int[] ids) => new([.. ids.Order()], [], []);
        var people = new List<Participant>
        {
            new(1, 101, [Fandom(1)], [Fandom(2, 3)]),   // can write for 2 or 3
            new(2, 102, [Fandom(2)], [Fandom(1)]),      // can write for 1 or 4
            new(3, 103, [Fandom(3)], [Fandom(4)]),      // can write for 4
            new(4, 104, [Fandom(1, 4)], [Fandom(2)]),   // can write for 2
        };
        var rules = new MatchRules(1, 0, 0);
        for (var seed = 0; seed < 20; seed++)
            Assert.Equal(new Dictionary<int, int> { [1] = 2, [2] = 4, [3] = 1, [4] = 3 }, GiftExchangeMatching.Match(people, rules, random: new Random(seed)).WriterFor);

        var random = new Random(7);
        var many = Enumerable.Range(1, 400).Select(i => new Participant(i, i % 390 + 1000, // a few people signed up twice under one account
            [Fandom(random.Next(1, 30))], [Fandom(random.Next(1, 30), random.Next(1, 30))])).ToList();
        var matched = GiftExchangeMatching.Match(many, rules);
        Assert.Equal(matched.WriterFor.Count, matched.WriterFor.Values.Distinct().Count());
        foreach (var (recipient, writer) in matched.WriterFor)
        {
            var (r, w) = (many.Single(p => p.SignUpId == recipient), many.Single(p => p.SignUpId == writer));
            Assert.NotEqual(r.UserId, w.UserId);
            Assert.True(GiftExchangeMatching.CanWriteFor(w, r, rules));
        }
        Assert.Equal(400, matched.WriterFor.Count + matched.UnmatchedRecipients.Count);
        // Pairs a maintainer set by hand are kept exactly.
        var kept = new Dictionary<int, int> { [5] = 6 };
        Assert.Equal(6, GiftExchangeMatching.Match(many, rules, kept).WriterFor[5]);
    }
}
