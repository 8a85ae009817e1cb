using System.Buffers;
using System.Runtime.CompilerServices;

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

    /// <summary>Example indices by decreasing score, ties by increasing index (no score may be NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a few calls per evaluation: optimized from the first
    public static int[] Of(ReadOnlySpan<double> scores)
    {
        int n = scores.Length;
        // The keys are scratch, rented: evaluation ranks one column per class, and fresh arrays each time only feed the collector.
        var rented = ArrayPool<ulong>.Shared.Rent(2 * n);
        try
        {
            var keys = rented.AsSpan(0, n);
            var nextKeys = rented.AsSpan(n, n);
            var order = new int[n];
            for (int i = 0; i < n; i++)
            {
                keys[i] = ~Ascending(scores[i]); // larger scores get smaller keys
                order[i] = i;
            }
            var nextOrder = new int[n];
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
                    nextOrder[at] = order[i];
                }
                var swapped = keys;
                keys = nextKeys;
                nextKeys = swapped;
                (order, nextOrder) = (nextOrder, order);
            }
            return order;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rented);
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
