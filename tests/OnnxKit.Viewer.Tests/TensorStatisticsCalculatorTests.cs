using OnnxKit.Ir;
using OnnxKit.Viewer.Statistics;

namespace OnnxKit.Viewer.Tests;

/// <summary>The weight statistics against a direct double-precision computation over the same elements.</summary>
public sealed class TensorStatisticsCalculatorTests
{
    [Fact]
    public void Matches_a_direct_computation_over_several_blocks()
    {
        var random = new Random(7);
        var values = new float[200_003];
        for (int i = 0; i < values.Length; i++) values[i] = i % 5 == 0 ? 0f : (float)(random.NextDouble() * 6 - 2);

        var stats = TensorStatisticsCalculator.Compute(DenseTensor.FromFloats(values, [values.Length]))!;

        var exact = values.Select(v => (double)v).ToArray();
        double mean = exact.Average();
        double std = Math.Sqrt(exact.Sum(v => (v - mean) * (v - mean)) / exact.Length);
        Assert.Equal(exact.Min(), stats.Min);
        Assert.Equal(exact.Max(), stats.Max);
        // Blocks are summed in float32 around their own mean, then merged in double: relative error stays near float32's epsilon.
        Assert.Equal(mean, stats.Mean, 1e-5);
        Assert.Equal(std, stats.Std, 1e-5);
        Assert.Equal(exact.Count(v => v == 0) / (double)exact.Length, stats.Sparsity);
        Assert.Equal(values.Length, stats.Histogram.Sum());
        Assert.False(stats.IsSampled);
    }

    [Fact]
    public void The_histogram_puts_each_element_in_its_equal_width_bin()
    {
        // 0..31 over 32 bins: one element per bin; the maximum lands in the last bin.
        var values = Enumerable.Range(0, 32).Select(i => (float)i).ToArray();

        var stats = TensorStatisticsCalculator.Compute(DenseTensor.FromFloats(values, [32]))!;

        Assert.All(stats.Histogram, count => Assert.Equal(1, count));
    }

    [Fact]
    public void Non_finite_elements_are_counted_and_left_out()
    {
        float[] values = [1f, float.NaN, 3f, float.PositiveInfinity, 5f, float.NegativeInfinity];

        var stats = TensorStatisticsCalculator.Compute(DenseTensor.FromFloats(values, [6]))!;

        Assert.Equal(3, stats.NonFiniteCount);
        Assert.Equal((1.0, 5.0, 3.0), (stats.Min, stats.Max, stats.Mean));
        Assert.Equal(Math.Sqrt(8.0 / 3), stats.Std, 1e-12);
        Assert.Equal(3, stats.Histogram.Sum());
    }

    [Fact]
    public void Half_precision_and_integer_tensors_are_read_in_their_own_types()
    {
        Half[] halves = [(Half)0.5f, (Half)(-1.25f), (Half)0f, (Half)2f];
        sbyte[] bytes = [-128, 0, 0, 127];

        var half = TensorStatisticsCalculator.Compute(DenseTensor.FromArray(DataType.Float16, halves, [4]))!;
        var int8 = TensorStatisticsCalculator.Compute(DenseTensor.FromArray(DataType.Int8, bytes, [2, 2]))!;

        Assert.Equal((-1.25, 2.0, 0.3125, 0.25), (half.Min, half.Max, half.Mean, half.Sparsity));
        Assert.Equal((-128.0, 127.0, -0.25, 0.5), (int8.Min, int8.Max, int8.Mean, int8.Sparsity));
    }

    [Fact]
    public void A_tensor_over_the_budget_is_sampled_in_blocks_and_says_so()
    {
        var values = Enumerable.Range(0, 1_000_000).Select(i => (float)(i % 1000)).ToArray();

        var stats = TensorStatisticsCalculator.Compute(DenseTensor.FromFloats(values, [values.Length]), elementBudget: 200_000)!;

        Assert.True(stats.IsSampled);
        Assert.InRange(stats.SampledCount, 1, 200_000);
        Assert.Equal(stats.SampledCount, stats.Histogram.Sum());
        Assert.Equal(1_000_000, stats.ElementCount);
    }

    [Fact]
    public void Strings_have_no_statistics_and_short_data_is_an_error()
    {
        Assert.Null(TensorStatisticsCalculator.Compute(StringTensor.FromStrings(["a"], [1])));
        Assert.Throws<InvalidDataException>(() => TensorStatisticsCalculator.Compute(new TruncatedTensor()));
    }

    /// <summary>A float[2] whose data is 6 bytes long, as a damaged file could present it.</summary>
    private sealed class TruncatedTensor : ITensor
    {
        public string? Name => "damaged";
        public DataType DataType => DataType.Float;
        public IReadOnlyList<long> Dims => [2];
        public long ElementCount => 2;
        public long ByteCount => 8;
        public string? DocString => null;
        public ReadOnlyMemory<byte> GetRawData() => new byte[6];
    }
}
