using System.Diagnostics;
using Archive.Web.Challenges;
using Archive.Web.Database;
using Microsoft.EntityFrameworkCore;

namespace Archive.Web.Commands;

/// <summary>
/// `exchange-bench N`: makes a gift exchange with N sign-ups (users exchange_N, two requests and two offers each, fandoms
/// long-tailed over 60 and characters over 300, in set-based SQL), then matches it as the maintainers' "Generate matches"
/// does (<see cref="GiftExchange.MatchAsync"/>: read the sign-ups, match, save the assignments) and prints how long each
/// part took. For bench/matching.sh; each run makes a new exchange beside any there are.
/// </summary>
public static class ExchangeBenchCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        if (args is not [var count] || !int.TryParse(count, out var n) || n < 2 || n > 100_000)
        {
            errors.WriteLine("Usage: exchange-bench N (2 to 100,000 sign-ups)");
            return 2;
        }
        var db = services.GetRequiredService<ArchiveDbContext>();
        var now = DateTimeOffset.UtcNow;
        var run = Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO tags (name, normalized_name, type, is_canonical, created_at)
                SELECT 'Exchange Fandom ' || f, upper('Exchange Fandom ' || f), 3, true, {now} FROM generate_series(1, 60) f
                UNION ALL SELECT 'Exchange Character ' || c, upper('Exchange Character ' || c), 5, true, {now} FROM generate_series(1, 300) c
                ON CONFLICT (normalized_name) DO NOTHING;
                INSERT INTO tags (name, normalized_name, type, is_canonical, created_at)
                VALUES ({"*collection*exchange_" + run}, {("*collection*exchange_" + run).ToUpperInvariant()}, 7, true, {now});
                INSERT INTO collections (name, title, description_source, description_html, tag_id, is_open, is_moderated, is_anonymous, is_unrevealed, created_at)
                SELECT {"exchange_" + run}, 'Bench Exchange', '', '', id, true, false, true, true, {now} FROM tags WHERE normalized_name = {("*collection*exchange_" + run).ToUpperInvariant()};
                INSERT INTO challenges (collection_id, kind, sign_ups_open, time_zone, requests_min, requests_max, offers_min, offers_max, fandoms_min, fandoms_max,
                    characters_min, characters_max, relationships_min, relationships_max, match_fandoms, match_characters, match_relationships)
                SELECT id, 0, true, 'UTC', 1, 2, 1, 2, 1, 2, 0, 3, 0, 1, 1, 0, 0 FROM collections WHERE name = {"exchange_" + run};
                INSERT INTO challenge_tags (challenge_id, tag_id, is_approved)
                SELECT ch.id, t.id, true FROM challenges ch JOIN collections c ON c.id = ch.collection_id, tags t
                WHERE c.name = {"exchange_" + run} AND (t.name LIKE 'Exchange Fandom %' OR t.name LIKE 'Exchange Character %');
                INSERT INTO users (user_name, normalized_user_name, email, normalized_email, email_confirmed, security_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, created_at)
                SELECT {"exchange_" + run + "_"} || i, upper({"exchange_" + run + "_"} || i), 'x' || i || '@example.invalid', upper('x' || i || '@example.invalid'), true, md5(i::text), false, false, true, 0, {now}
                FROM generate_series(1, {n}) i;
                INSERT INTO pseuds (user_id, name, normalized_name, is_default, created_at)
                SELECT id, user_name, normalized_user_name, true, {now} FROM users WHERE user_name LIKE {"exchange_" + run + "_%"};
                INSERT INTO sign_ups (challenge_id, user_id, pseud_id, created_at, updated_at)
                SELECT ch.id, u.id, p.id, {now}, {now} FROM users u JOIN pseuds p ON p.user_id = u.id, challenges ch JOIN collections c ON c.id = ch.collection_id
                WHERE c.name = {"exchange_" + run} AND u.user_name LIKE {"exchange_" + run + "_%"};
                -- Two requests and two offers each: a fandom drawn long-tailed (most people in a few big fandoms), and up to three characters.
                INSERT INTO prompts (sign_up_id, challenge_id, kind, position, title, description, tag_ids, is_anonymous, created_at)
                SELECT s.id, s.challenge_id, k.kind, k.position, '', '', ARRAY(SELECT DISTINCT x FROM unnest(ARRAY[tf.id, c1.id, c2.id]) x ORDER BY x), false, {now}
                FROM sign_ups s JOIN challenges ch ON ch.id = s.challenge_id JOIN collections c ON c.id = ch.collection_id
                CROSS JOIN (VALUES (0, 0), (0, 1), (1, 0), (1, 1)) AS k(kind, position)
                -- Drawn per prompt (the sign-up's id in it keeps PostgreSQL from drawing once for all).
                CROSS JOIN LATERAL (SELECT (1 + floor(60 * power(random(), 2.5)) + 0 * s.id)::int AS f, (1 + floor(300 * random()) + 0 * k.kind)::int AS a,
                                           (1 + floor(300 * random()) + 0 * k.position)::int AS b) r
                JOIN tags tf ON tf.name = 'Exchange Fandom ' || r.f
                JOIN tags c1 ON c1.name = 'Exchange Character ' || r.a
                JOIN tags c2 ON c2.name = 'Exchange Character ' || r.b
                WHERE c.name = {"exchange_" + run};
                """);
            await transaction.CommitAsync();
        }
        output.WriteLine($"Made exchange_{run} with {n:N0} sign-ups in {clock.Elapsed.TotalSeconds:F1} s.");

        var exchange = services.GetRequiredService<GiftExchange>();
        var challenge = await db.Challenges.AsNoTracking().SingleAsync(c => db.Collections.Any(col => col.Id == c.CollectionId && col.Name == "exchange_" + run));
        clock.Restart();
        var people = await exchange.ParticipantsAsync(challenge.Id);
        var reading = clock.Elapsed;
        clock.Restart();
        var result = GiftExchangeMatching.Match(people, GiftExchange.RulesOf(challenge));
        var matching = clock.Elapsed;
        clock.Restart();
        // The whole of what the button does, reading and saving included.
        var whole = Stopwatch.StartNew();
        var saved = await exchange.MatchAsync(challenge, keepCurrent: false);
        whole.Stop();
        output.WriteLine($"Matching alone: read {reading.TotalSeconds:F2} s, matched {matching.TotalSeconds:F2} s ({result.PossiblePairs:N0} possible pairs).");
        output.WriteLine($"Generate matches (read, match, save): {whole.Elapsed.TotalSeconds:F2} s; matched {saved.WriterFor.Count:N0} of {n:N0}, " +
            $"{saved.UnmatchedRecipients.Count:N0} without a writer, {saved.UnmatchedWriters.Count:N0} writing for nobody.");
        return 0;
    }
}
