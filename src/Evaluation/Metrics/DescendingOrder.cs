using System.Buffers;

namespace OnnxKit.Evaluation.Metrics;

/// <summary>
/// The order of scores from highest to lowest, equal scores in example order: a stable least-significant-digit
/// radix sort on the scores' bits (11 bits a pass, passes where every key agrees skipped). Hand-written because
/// .NET's <see cref="Array.Sort(Array, Array)"/> is an unstable comparison sort, which then needs a second pass
/// over tied runs, and takes several times as long on the 10,000-example columns evaluation ranks once per class.
/// </summary>
internal static class DescendingOrder
{
    private const int DigitBits = 11;
    private const int Digits = 1 << DigitBits;

    /// <summary>Writes example indices by decreasing score, ties by increasing index, into <paramref name="order"/> (no score may be NaN).</summary>
    /// <param name="scores">The scores.</param>
    /// <param name="order">As long as <paramref name="scores"/>; receives the ranking.</param>
    public static void Of(ReadOnlySpan<double> scores, Span<int> order)
    {
        int n = scores.Length;
        if (order.Length != n) throw new ArgumentException($"{order.Length} places for {n} scores.", nameof(order));
        // The keys and the second order are scratch, rented: evaluation ranks one column per class, and fresh arrays each
        // time would only feed the garbage collector.
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

    private static int Digit(ulong key, int shift) => (int)((key >> shift) & (Digits - 1));
}
