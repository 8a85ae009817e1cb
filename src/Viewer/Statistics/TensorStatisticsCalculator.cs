using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using OnnxKit.Ir;
using ITensor = OnnxKit.Ir.ITensor;

namespace OnnxKit.Viewer.Statistics;

/// <summary>
/// Computes <see cref="TensorStatistics"/> in bounded work: elements are converted to float32 one
/// block at a time (so memory stays constant whatever the tensor's size), reduced with
/// <see cref="TensorPrimitives"/>, and merged with Chan's pairwise update for the variance.
/// Tensors over the element budget are read as evenly spaced blocks.
/// </summary>
public static class TensorStatisticsCalculator
{
    /// <summary>Default cap on the elements read from one tensor.</summary>
    public const int DefaultElementBudget = 4 << 20;

    /// <summary>Bins of the histogram.</summary>
    public const int HistogramBins = 32;

    private const int BlockSize = 1 << 16;

    /// <summary>
    /// The statistics of <paramref name="tensor"/>, or null for element types without an order
    /// (strings, complex numbers) and for empty tensors.
    /// </summary>
    /// <param name="tensor">The tensor; external and generated tensors are streamed block by block, never loaded whole.</param>
    /// <param name="elementBudget">Most elements to read; larger tensors are sampled in blocks.</param>
    public static TensorStatistics? Compute(ITensor tensor, int elementBudget = DefaultElementBudget)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(elementBudget, 1);
        if (!IsSupported(tensor.DataType) || tensor.ElementCount == 0) return null;

        long count = tensor.ElementCount;
        var blocks = PlanBlocks(count, elementBudget);
        var bytes = new byte[tensor.DataType.ByteCount(BlockSize)];
        var buffer = new float[BlockSize];
        var scratch = new float[BlockSize];
        var moments = new Moments();
        using (var reader = new BlockReader(tensor))
        {
            foreach (var (start, length) in blocks) moments.Add(Decode(tensor.DataType, reader.Read(start, length, bytes), length, buffer), scratch);
        }

        var histogram = new long[HistogramBins];
        if (moments.FiniteCount > 0)
        {
            using var reader = new BlockReader(tensor);
            foreach (var (start, length) in blocks)
            {
                AddToHistogram(Decode(tensor.DataType, reader.Read(start, length, bytes), length, buffer), moments.Min, moments.Max, histogram);
            }
        }

        long sampled = blocks.Sum(b => (long)b.Length);
        bool any = moments.FiniteCount > 0;
        return new TensorStatistics(
            count,
            sampled,
            any ? moments.Min : double.NaN,
            any ? moments.Max : double.NaN,
            any ? moments.Mean : double.NaN,
            any ? Math.Sqrt(moments.M2 / moments.FiniteCount) : double.NaN,
            (double)moments.Zeros / sampled,
            moments.NonFinite,
            histogram);
    }

    /// <summary>True for the element types statistics are computed for: real numbers and booleans.</summary>
    public static bool IsSupported(DataType type) =>
        type.IsFloatingPoint() || type.IsInteger() || type == DataType.Bool;

    /// <summary>The blocks to read: all of the tensor, or evenly spaced blocks totalling about the budget.</summary>
    private static List<(long Start, int Length)> PlanBlocks(long count, int budget)
    {
        var blocks = new List<(long, int)>();
        if (count <= budget)
        {
            for (long start = 0; start < count; start += BlockSize) blocks.Add((start, (int)Math.Min(BlockSize, count - start)));
            return blocks;
        }

        int length = Math.Min(BlockSize, budget);
        long blockCount = Math.Max(1, budget / length);
        long stride = (count - length) / Math.Max(1, blockCount - 1);
        for (long i = 0; i < blockCount; i++) blocks.Add((i * stride / 8 * 8, length)); // starts on a byte boundary for sub-byte types
        return blocks;
    }

    /// <summary>The first <paramref name="length"/> elements of <paramref name="raw"/> as float32, reusing <paramref name="buffer"/> unless no conversion is needed.</summary>
    private static ReadOnlySpan<float> Decode(DataType type, ReadOnlySpan<byte> raw, int length, float[] buffer)
    {
        switch (type)
        {
            case DataType.Float:
                return MemoryMarshal.Cast<byte, float>(raw[..(length * 4)]);
            case DataType.Float16:
                TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(raw[..(length * 2)]), buffer);
                return buffer.AsSpan(0, length);
            default:
                for (int i = 0; i < length; i++) buffer[i] = (float)ElementDecoder.ReadAsDouble(type, raw, i);
                return buffer.AsSpan(0, length);
        }
    }

    private static void AddToHistogram(ReadOnlySpan<float> values, double min, double max, long[] histogram)
    {
        double width = max - min;
        foreach (float v in values)
        {
            if (!float.IsFinite(v)) continue;
            int bin = width > 0 ? (int)((v - min) / width * HistogramBins) : 0;
            histogram[Math.Clamp(bin, 0, HistogramBins - 1)]++;
        }
    }

    /// <summary>Running count, extremes, mean and sum of squared deviations over finite values.</summary>
    private sealed class Moments
    {
        public long FiniteCount { get; private set; }
        public long NonFinite { get; private set; }
        public long Zeros { get; private set; }
        public double Min { get; private set; } = double.PositiveInfinity;
        public double Max { get; private set; } = double.NegativeInfinity;
        public double Mean { get; private set; }
        public double M2 { get; private set; }

        public void Add(ReadOnlySpan<float> values, float[] scratch)
        {
            Zeros += CountZeros(values);
            float sum = TensorPrimitives.Sum(values);
            if (float.IsFinite(sum))
            {
                Merge(values.Length, TensorPrimitives.Min(values), TensorPrimitives.Max(values), sum, values, scratch);
                return;
            }

            // Some element is NaN or infinite (or the float sum overflowed): keep only the finite ones.
            int kept = 0;
            foreach (float v in values)
            {
                if (float.IsFinite(v)) scratch[kept++] = v;
            }

            NonFinite += values.Length - kept;
            if (kept == 0) return;
            var finite = scratch.AsSpan(0, kept).ToArray();
            double finiteSum = 0;
            foreach (float v in finite) finiteSum += v;
            Merge(kept, TensorPrimitives.Min<float>(finite), TensorPrimitives.Max<float>(finite), finiteSum, finite, scratch);
        }

        private static int CountZeros(ReadOnlySpan<float> values)
        {
            int zeros = 0;
            foreach (float v in values)
            {
                if (v == 0f) zeros++;
            }

            return zeros;
        }

        /// <summary>Chan et al.'s update: combine this summary with one block's count, mean and squared deviations.</summary>
        private void Merge(int n, float min, float max, double sum, ReadOnlySpan<float> values, float[] scratch)
        {
            double blockMean = sum / n;
            var deviations = scratch.AsSpan(0, n);
            TensorPrimitives.Subtract(values, (float)blockMean, deviations);
            double blockM2 = TensorPrimitives.SumOfSquares<float>(deviations);

            long total = FiniteCount + n;
            double delta = blockMean - Mean;
            Mean += delta * n / total;
            M2 += blockM2 + delta * delta * FiniteCount * n / total;
            FiniteCount = total;
            Min = Math.Min(Min, min);
            Max = Math.Max(Max, max);
        }
    }
}
