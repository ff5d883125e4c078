using System.Buffers;
using System.Security.Cryptography;

namespace Archive.Web.Caching;

/// <summary>
/// A cached page shared by many visitors holds slots (letters, digits and dashes, which HTML encoding leaves alone) where
/// each visitor's own values go (their form token, their name) as the page goes out.
/// </summary>
public static class PageSlots
{
    // Chosen when the process starts, so no story, summary or comment can hold a slot: one written into a story would
    // otherwise put each reader's form token in a link of the author's choosing. Pages holding slots are cached in this
    // process only (or under keys naming it).
    static readonly string Secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();

    /// <summary>The slot for one kind of value.</summary>
    public static string Named(string what) => $"archive-{what}-slot-{Secret}";

    /// <summary>The page with each slot's value wherever that slot stood, in a pooled buffer the caller returns.</summary>
    public static (byte[] Buffer, int Length) Fill(ReadOnlySpan<byte> page, params ReadOnlySpan<(byte[] Slot, byte[] Value)> slots)
    {
        // Where each slot next stands from the current point (-1: no more), found again only once passed.
        Span<int> next = stackalloc int[slots.Length];
        var length = page.Length;
        for (var i = 0; i < slots.Length; i++)
        {
            var (slot, value) = slots[i];
            for (var rest = page; rest.IndexOf(slot) is var at and >= 0; rest = rest[(at + slot.Length)..]) length += value.Length - slot.Length;
            next[i] = page.IndexOf(slot);
        }
        var filled = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        int from = 0, to = 0;
        while (true)
        {
            var first = -1;
            for (var i = 0; i < slots.Length; i++)
                if (next[i] >= 0 && (first < 0 || next[i] < next[first])) first = i;
            if (first < 0) break;
            var (slot, value) = slots[first];
            var at = next[first];
            page[from..at].CopyTo(filled.AsSpan(to));
            to += at - from;
            value.CopyTo(filled.AsSpan(to));
            to += value.Length;
            from = at + slot.Length;
            for (var i = 0; i < slots.Length; i++)
                if (next[i] >= 0 && next[i] < from) next[i] = page[from..].IndexOf(slots[i].Slot) is var found and >= 0 ? from + found : -1;
        }
        page[from..].CopyTo(filled.AsSpan(to));
        return (filled, length);
    }
}
