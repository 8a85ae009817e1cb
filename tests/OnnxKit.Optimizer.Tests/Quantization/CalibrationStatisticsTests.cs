using OnnxKit.Ir;
using OnnxKit.Optimizer.Quantization.Calibration;
using OnnxKit.Optimizer.Quantization.Numerics;

namespace OnnxKit.Optimizer.Tests.Quantization;

/// <summary>The streamed statistics and the range each calibration method derives from them, on distributions whose answers are known.</summary>
public sealed class CalibrationStatisticsTests
{
    private static readonly QuantizedType UInt8 = QuantizedType.For(DataType.UInt8);

    [Fact]
    public void A_growing_histogram_keeps_every_count_and_covers_every_value()
    {
        var histogram = new Histogram(16);
        histogram.Add([0.5f, -0.25f, 1f]);
        histogram.Add([3.5f, -7f, 0f, float.NaN]);

        Assert.Equal(6, histogram.Total);
        Assert.Equal(6, histogram.Counts.Sum());
        Assert.Equal(8, histogram.Radius);          // 1 doubled three times to hold -7
        Assert.Equal(1, histogram.Counts[1]);       // -7 in [-7, -6)
        Assert.Equal(1, histogram.Counts[11]);      // 3.5 in [3, 4)
    }

    [Fact]
    public void Batches_update_extremes_and_moving_averages()
    {
        var statistics = new TensorStatistics(averagingConstant: 0.5);
        statistics.Add([-1f, 2f]);
        statistics.Add([-3f, 0f]);

        Assert.Equal((-3.0, 2.0), (statistics.Min, statistics.Max));
        Assert.Equal((-2.0, 1.0), (statistics.AverageMin, statistics.AverageMax));
        Assert.Equal(-0.5, statistics.Mean, 12);
    }

    [Fact]
    public void Percentile_keeps_that_share_of_the_values()
    {
        var statistics = Observe(Enumerable.Range(0, 10_000).Select(i => (float)i / 10_000), CalibrationMethod.Parse("percentile:99"));

        var range = RangeEstimator.Estimate(statistics, CalibrationMethod.Parse("percentile:99"), UInt8, symmetric: false);

        Assert.Equal(0, range.Min);                 // a tensor that is never negative keeps 0 as its lower end
        Assert.InRange(range.Max, 0.989, 0.991);    // 99 % of magnitudes, to a bin
    }

    [Theory]
    [InlineData("entropy")]
    [InlineData("percentile:99.9")]
    public void Entropy_and_percentile_clip_a_rare_outlier_that_minmax_keeps(string method)
    {
        var values = GaussianWithOutlier();
        var parsed = CalibrationMethod.Parse(method);
        var statistics = Observe(values, parsed);

        var clipped = RangeEstimator.Estimate(statistics, parsed, UInt8, symmetric: false);
        var minmax = RangeEstimator.Estimate(statistics, CalibrationMethod.MinMax, UInt8, symmetric: false);

        Assert.Equal(60, minmax.Max, 3);
        Assert.InRange(clipped.Max, 2.5, 12);        // the bulk (|x| ≲ 4.5) kept, the outlier at 60 clipped
        Assert.InRange(-clipped.Min, 2.5, 12);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Distribution_chooses_a_range_whose_real_squared_error_is_least(bool heavyTailed)
    {
        var random = new Random(8);
        var values = heavyTailed
            ? Enumerable.Range(0, 50_000).Select(_ => (float)(Math.Log(1 - random.NextDouble()) * (random.Next(2) * 2 - 1))).ToArray() // Laplace
            : GaussianWithOutlier();
        var method = CalibrationMethod.Parse("distribution");
        var statistics = Observe(values, method);

        var chosen = RangeEstimator.Estimate(statistics, method, UInt8, symmetric: false);

        double error = SquaredError(values, chosen);
        foreach (double t in new[] { 1.0, 2, 4, 6, 8, 12, 20, 40, 60 })
        {
            var other = new TensorRange(Math.Max(statistics.Min, -t), Math.Min(statistics.Max, t));
            Assert.True(error <= SquaredError(values, other) * 1.02, $"range {chosen}: squared error {error}, but {other} gives {SquaredError(values, other)}");
        }
    }

    /// <summary>The summed squared error of quantizing <paramref name="values"/> to uint8 over <paramref name="range"/>, computed on the values themselves.</summary>
    private static double SquaredError(float[] values, TensorRange range)
    {
        var (scale, zero) = RangeParameters.For(range.Min, range.Max, UInt8, false);
        var parameters = new QuantizationParameters(UInt8, new ParameterLayout([], Granularity.PerTensor), [scale], [zero]);
        return values.Sum(v => Math.Pow(v - parameters.Dequantize(parameters.Quantize(v, 0), 0), 2));
    }

    private static float[] GaussianWithOutlier()
    {
        var random = new Random(3);
        return Enumerable.Range(0, 50_000).Select(_ => (float)Gaussian(random)).Append(60f).ToArray();
    }

    [Theory]
    [InlineData("entropy", "entropy")]
    [InlineData("percentile", "percentile:99.999")]
    [InlineData("PERCENTILE:99.5", "percentile:99.5")]
    [InlineData("minmax", "minmax")]
    public void Methods_parse_from_the_command_line(string text, string expected) => Assert.Equal(expected, CalibrationMethod.Parse(text).ToString());

    [Theory]
    [InlineData("kl")]
    [InlineData("percentile:101")]
    [InlineData("percentile:x")]
    public void Unknown_methods_are_refused(string text) => Assert.Throws<FormatException>(() => CalibrationMethod.Parse(text));

    private static TensorStatistics Observe(IEnumerable<float> values, CalibrationMethod method)
    {
        var statistics = new TensorStatistics(method.Bins);
        foreach (var batch in values.Chunk(997)) statistics.Add(batch);
        return statistics;
    }

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
