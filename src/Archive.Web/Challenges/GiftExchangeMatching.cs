namespace Archive.Web.Challenges;

/// <summary>A request's or offer's tags by type (canonical ids, each array sorted).</summary>
public sealed record PromptTags(int[] Fandoms, int[] Characters, int[] Relationships);

/// <summary>One sign-up as matching sees it.</summary>
public sealed record Participant(int SignUpId, int UserId, List<PromptTags> Requests, List<PromptTags> Offers);

/// <summary>At least this many tags of each type in common between an offer and a request.</summary>
public sealed record MatchRules(int Fandoms, int Characters, int Relationships);

/// <summary>Who writes for whom (recipient's sign-up → writer's), and why the rest could not be matched.</summary>
public sealed record MatchResult(Dictionary<int, int> WriterFor, Dictionary<int, string> UnmatchedRecipients, Dictionary<int, string> UnmatchedWriters, int PossiblePairs);

/// <summary>
/// Matches a gift exchange: as many people as the sign-ups allow get one person to write for and one writer, nobody
/// writes for themselves, and every pair shares what the rules ask of an offer and a request. A maximum matching in the
/// graph of who could write for whom (Hopcroft–Karp: about a second's work for thousands of sign-ups, however many of
/// them could write for each other); candidates are tried in a random order, so two runs may pair people differently.
/// </summary>
public static class GiftExchangeMatching
{
    public static bool CanWriteFor(Participant writer, Participant recipient, MatchRules rules) =>
        writer.UserId != recipient.UserId && writer.Offers.Any(offer => recipient.Requests.Any(request => Matches(offer, request, rules)));

    public static bool Matches(PromptTags offer, PromptTags request, MatchRules rules) =>
        Common(offer.Fandoms, request.Fandoms) >= rules.Fandoms && Common(offer.Characters, request.Characters) >= rules.Characters
        && Common(offer.Relationships, request.Relationships) >= rules.Relationships;

    static int Common(int[] a, int[] b)
    {
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { n++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return n;
    }

    /// <param name="kept">Pairs to start from (recipient → writer): kept as they are, and the rest matched around them.</param>
    public static MatchResult Match(IReadOnlyList<Participant> people, MatchRules rules, IReadOnlyDictionary<int, int>? kept = null, Random? random = null)
    {
        random ??= Random.Shared;
        var n = people.Count;
        var index = new Dictionary<int, int>(n);
        for (var i = 0; i < n; i++) index[people[i].SignUpId] = i;

        // Kept pairs stay exactly as they are: their writers and recipients are out of the rest of the matching.
        var recipientOf = new int[n];
        var writerOf = new int[n];
        Array.Fill(recipientOf, -1);
        Array.Fill(writerOf, -1);
        var fixedWriter = new bool[n];
        var fixedRecipient = new bool[n];
        foreach (var (recipient, writer) in kept ?? new Dictionary<int, int>())
            if (index.TryGetValue(recipient, out var r) && index.TryGetValue(writer, out var w) && recipientOf[w] < 0 && writerOf[r] < 0)
            {
                (recipientOf[w], writerOf[r]) = (r, w);
                (fixedWriter[w], fixedRecipient[r]) = (true, true);
            }

        // Who each writer (left) could write for (right), by index, in a random order.
        var canWriteFor = new int[n][];
        var writersFor = new int[n];
        var candidates = new int[n];
        var pairs = 0;
        for (var w = 0; w < n; w++)
        {
            var list = new List<int>();
            for (var r = 0; r < n; r++)
                if (w != r && CanWriteFor(people[w], people[r], rules))
                {
                    writersFor[r]++;
                    candidates[w]++;
                    if (!fixedWriter[w] && !fixedRecipient[r]) list.Add(r);
                }
            var shuffled = list.ToArray();
            random.Shuffle(shuffled);
            canWriteFor[w] = shuffled;
            pairs += candidates[w];
        }

        // Hopcroft–Karp: breadth-first layers from the free writers, then disjoint shortest augmenting paths along them.
        var distance = new int[n];
        var queue = new int[n];
        bool Layer()
        {
            int head = 0, tail = 0;
            var found = false;
            for (var w = 0; w < n; w++)
            {
                if (recipientOf[w] < 0 && canWriteFor[w].Length > 0) { distance[w] = 0; queue[tail++] = w; }
                else distance[w] = int.MaxValue;
            }
            while (head < tail)
            {
                var w = queue[head++];
                foreach (var r in canWriteFor[w])
                {
                    var next = writerOf[r];
                    if (next < 0) found = true;
                    else if (distance[next] == int.MaxValue) { distance[next] = distance[w] + 1; queue[tail++] = next; }
                }
            }
            return found;
        }
        // Iterative depth-first search (thousands of sign-ups would make a deep recursion).
        var position = new int[n];
        var path = new Stack<int>();
        bool Augment(int start)
        {
            path.Clear();
            path.Push(start);
            while (path.Count > 0)
            {
                var w = path.Peek();
                var advanced = false;
                while (position[w] < canWriteFor[w].Length)
                {
                    var r = canWriteFor[w][position[w]++];
                    var next = writerOf[r];
                    if (next < 0)
                    {
                        // Flip the path: each writer on it takes the recipient it reached.
                        var take = r;
                        foreach (var onPath in path)
                        {
                            var had = recipientOf[onPath];
                            (recipientOf[onPath], writerOf[take]) = (take, onPath);
                            take = had;
                        }
                        return true;
                    }
                    if (distance[next] == distance[w] + 1) { path.Push(next); advanced = true; break; }
                }
                if (!advanced) { distance[w] = int.MaxValue; path.Pop(); }
            }
            return false;
        }
        while (Layer())
        {
            Array.Clear(position);
            for (var w = 0; w < n; w++)
                if (recipientOf[w] < 0 && distance[w] == 0) Augment(w);
        }

        var writerFor = new Dictionary<int, int>();
        var unmatchedRecipients = new Dictionary<int, string>();
        var unmatchedWriters = new Dictionary<int, string>();
        for (var i = 0; i < n; i++)
        {
            if (writerOf[i] >= 0) writerFor[people[i].SignUpId] = people[writerOf[i]].SignUpId;
            else unmatchedRecipients[people[i].SignUpId] = writersFor[i] == 0
                ? "No one's offer matches their requests."
                : $"Everyone whose offer matches their requests ({writersFor[i]}) is writing for someone else.";
            if (recipientOf[i] < 0) unmatchedWriters[people[i].SignUpId] = candidates[i] == 0
                ? "Their offers match no one's requests."
                : $"Everyone their offers match ({candidates[i]}) has a writer already.";
        }
        return new MatchResult(writerFor, unmatchedRecipients, unmatchedWriters, pairs);
    }
}
