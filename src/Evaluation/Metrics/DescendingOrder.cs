using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OnnxKit.Evaluation.Metrics;

/// <summary>
/// The order of scores from highest to lowest, equal scores in example order: a stable least-significant-digit
/// radix sort on the scores' bits (11 bits a pass, passes where every key agrees skipped). Hand-written because
/// .NET's <see cref="Array.Sort(Array, Array)"/> is an unstable comparison sort, which then needs a second pass
/// over tied runs, and takes several times as long on the 10,000-example columns evaluation ranks once per class.
/// Scores that are all single-precision values widened to double (a float model's outputs, as evaluation
/// gathers them) are sorted by <see cref="TryRankSingles"/> on their 32 float bits, each packed with its example
/// index into one 64-bit item: three passes over one array instead of up to six over two.
/// </summary>
internal static class DescendingOrder
{
    private const int DigitBits = 11;
    private const int Digits = 1 << DigitBits;

    /// <summary>
    /// Writes example indices by decreasing score, ties by increasing index, into <paramref name="order"/> (no score may be NaN),
    /// sorting the scores' 64-bit keys: for scores that are all floats, <see cref="TryRankSingles"/> is the faster way.
    /// </summary>
    /// <param name="scores">The scores.</param>
    /// <param name="order">As long as <paramref name="scores"/>; receives the ranking.</param>
    public static void Of(ReadOnlySpan<double> scores, Span<int> order)
    {
        if (order.Length != scores.Length) throw new ArgumentException($"{order.Length} places for {scores.Length} scores.", nameof(order));
        OfDoubles(scores, order);
    }

    /// <summary>
    /// When every score is exactly a float (and there are at least two), writes the ranking as items into
    /// <paramref name="items"/>, highest score first, ties by increasing index: each item holds the score's
    /// 32-bit key (read back with <see cref="ScoreOf"/>, compared with <see cref="SameScore"/>) and the example's
    /// index (<see cref="ExampleOf"/>), so a caller walking the ranking reads both without going back to the scores.
    /// </summary>
    /// <returns>False when a score is not a float, NaN included, or there are fewer than two: use <see cref="Of"/>. The items then hold nothing usable.</returns>
    public static bool TryRankSingles(ReadOnlySpan<double> scores, Span<ulong> items)
    {
        if (items.Length != scores.Length) throw new ArgumentException($"{items.Length} places for {scores.Length} scores.", nameof(items));
        return scores.Length >= 2 && SortSingles(scores, items);
    }

    /// <summary>The example an item of <see cref="TryRankSingles"/> ranks.</summary>
    public static int ExampleOf(ulong item) => (int)(uint)item;

    /// <summary>Whether two items of <see cref="TryRankSingles"/> hold equal scores (−0 and +0 are equal).</summary>
    public static bool SameScore(ulong a, ulong b) => (a >> 32) == (b >> 32);

    /// <summary>The score an item of <see cref="TryRankSingles"/> holds (a −0 score reads back as +0).</summary>
    public static double ScoreOf(ulong item)
    {
        uint ascending = ~(uint)(item >> 32);
        uint bits = (ascending & 0x8000_0000U) != 0 ? ascending & 0x7FFF_FFFFU : ~ascending;
        return BitConverter.UInt32BitsToSingle(bits);
    }

    /// <summary>Radix passes over the 32-bit keys of <see cref="TryRankSingles"/>.</summary>
    private const int SinglePasses = (32 + DigitBits - 1) / DigitBits;

    /// <summary>
    /// Sorts items whose high 32 bits are the descending key of a float score and whose low 32 bits are the
    /// example's index: the passes sort on the key digits only, so equal keys keep index order. The items are
    /// built, and every pass's digits counted, in one pass over the scores, which stops at the first score that is
    /// not a float.
    /// </summary>
    /// <returns>False when a score is not exactly a float.</returns>
    private static bool SortSingles(ReadOnlySpan<double> scores, Span<ulong> result)
    {
        int n = scores.Length;
        Span<int> starts = stackalloc int[SinglePasses * Digits];
        starts.Clear();
        for (int i = 0; i < n; i++)
        {
            double score = scores[i];
            float single = (float)score;
            if (single != score) return false; // also NaN, which equals nothing
            uint key = ~Ascending(single); // larger scores get smaller keys
            result[i] = ((ulong)key << 32) | (uint)i;
            for (int p = 0; p < SinglePasses; p++) starts[p * Digits + (int)((key >> (p * DigitBits)) & (Digits - 1))]++;
        }
        // Scratch, rented: evaluation ranks one column per class, and fresh arrays each time would only feed the collector.
        var rented = ArrayPool<ulong>.Shared.Rent(n);
        try
        {
            Span<ulong> items = result, next = rented.AsSpan(0, n);
            for (int p = 0; p < SinglePasses; p++)
            {
                int shift = 32 + p * DigitBits;
                var start = starts.Slice(p * Digits, Digits);
                if (start[Digit(items[0], shift)] == n) continue; // every key has this digit: the pass would not move anything
                for (int d = 0, sum = 0; d < Digits; d++) (start[d], sum) = (sum, sum + start[d]);
                Scatter(items, next, start, shift);
                var swapped = items;
                items = next;
                next = swapped;
            }
            if (items != result) items.CopyTo(result); // an odd number of passes ends in the scratch
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rented);
        }
        return true;
    }

    /// <summary>
    /// One stable counting-sort pass: each item goes to the next place of its digit, <paramref name="start"/> holding
    /// where each digit's items begin (the digits' counts summed, so every place is below the items' count). Indexed
    /// without bounds checks, as this loop is most of a ranking's time: a digit is masked to the table's size, and the
    /// places were counted from these very items.
    /// </summary>
    private static void Scatter(ReadOnlySpan<ulong> items, Span<ulong> next, Span<int> start, int shift)
    {
        ref int places = ref MemoryMarshal.GetReference(start);
        ref ulong destination = ref MemoryMarshal.GetReference(next);
        foreach (ulong item in items)
        {
            ref int place = ref Unsafe.Add(ref places, Digit(item, shift));
            Unsafe.Add(ref destination, place++) = item;
        }
    }

    /// <summary>Sorts the scores' 64-bit keys, carrying the example indices alongside.</summary>
    private static void OfDoubles(ReadOnlySpan<double> scores, Span<int> order)
    {
        int n = scores.Length;
        var rentedKeys = ArrayPool<ulong>.Shared.Rent(2 * n);
        var rentedOrder = ArrayPool<int>.Shared.Rent(n);
        try
        {
            var keys = rentedKeys.AsSpan(0, n);
            var nextKeys = rentedKeys.AsSpan(n, n);
            Span<int> current = order, next = rentedOrder.AsSpan(0, n);
            for (int i = 0; i < n; i++)
            {
                keys[i] = ~Ascending(scores[i]); // larger scores get smaller keys
                current[i] = i;
            }
            Span<int> start = stackalloc int[Digits];
            for (int shift = 0; shift < 64 && n > 1; shift += DigitBits)
            {
                start.Clear();
                foreach (ulong key in keys) start[Digit(key, shift)]++;
                if (start[Digit(keys[0], shift)] == n) continue; // every key has this digit: the pass would not move anything
                for (int d = 0, sum = 0; d < Digits; d++) (start[d], sum) = (sum, sum + start[d]);
                for (int i = 0; i < n; i++)
                {
                    int at = start[Digit(keys[i], shift)]++;
                    nextKeys[at] = keys[i];
                    next[at] = current[i];
                }
                var swappedKeys = keys;
                keys = nextKeys;
                nextKeys = swappedKeys;
                var swappedOrder = current;
                current = next;
                next = swappedOrder;
            }
            if (current != order) current.CopyTo(order); // an odd number of passes ends in the scratch
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rentedOrder);
            ArrayPool<ulong>.Shared.Return(rentedKeys);
        }
    }

    /// <summary>The score's bits as an unsigned number that orders as the scores do (−0 as +0, so they tie as they compare).</summary>
    private static ulong Ascending(double score)
    {
        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(score == 0 ? 0.0 : score);
        return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
    }

    /// <summary>The float's bits as an unsigned number that orders as the floats do (−0 as +0).</summary>
    private static uint Ascending(float score)
    {
        uint bits = BitConverter.SingleToUInt32Bits(score == 0 ? 0f : score);
        return (bits & 0x8000_0000U) != 0 ? ~bits : bits | 0x8000_0000U;
    }

    private static int Digit(ulong key, int shift) => (int)((key >> shift) & (Digits - 1));
}
