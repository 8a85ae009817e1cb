using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Tests.Execution;

public sealed class ToleranceTests
{
    private static readonly Tolerance Loose = new(1e-2, 1e-3);

    [Fact]
    public void Finite_elements_are_held_to_atol_plus_rtol_times_the_expected_magnitude()
    {
        // Bound at expected 100: 1e-3 + 1e-2·100 = 1.001.
        Assert.True(Loose.Accepts(100, 101));
        Assert.True(Loose.Accepts(100, 98.9995));
        Assert.False(Loose.Accepts(100, 101.002));
        // Near zero only atol is left.
        Assert.True(Loose.Accepts(0, 0.001));
        Assert.False(Loose.Accepts(0, 0.0011));
    }

    [Fact]
    public void NaN_matches_only_NaN()
    {
        Assert.True(Loose.Accepts(double.NaN, double.NaN));
        Assert.False(Loose.Accepts(double.NaN, 0));
        Assert.False(Loose.Accepts(0, double.NaN));
        Assert.False(Loose.Accepts(double.NaN, double.PositiveInfinity));
    }

    [Fact]
    public void An_infinity_matches_only_the_same_infinity_however_loose_the_tolerance()
    {
        var huge = new Tolerance(10, 1e300);
        Assert.True(huge.Accepts(double.PositiveInfinity, double.PositiveInfinity));
        Assert.True(huge.Accepts(double.NegativeInfinity, double.NegativeInfinity));
        Assert.False(huge.Accepts(double.PositiveInfinity, double.NegativeInfinity));
        Assert.False(huge.Accepts(double.PositiveInfinity, double.MaxValue));
        Assert.False(huge.Accepts(double.MaxValue, double.PositiveInfinity));
    }

    [Fact]
    public void Coarse_element_types_are_widened_only_when_asked()
    {
        Assert.Same(Tolerance.Float32, Tolerance.Float32.For(DataType.Float16));
        var widened = Tolerance.Float32 with { WidenForCoarseTypes = true };
        Assert.Equal((1e-3, 1e-3), (widened.For(DataType.Float16).Relative, widened.For(DataType.Float16).Absolute));
        Assert.Equal((1e-2, 1e-2), (widened.For(DataType.BFloat16).Relative, widened.For(DataType.BFloat16).Absolute));
        Assert.Equal((1e-4, 1e-5), (widened.For(DataType.Float).Relative, widened.For(DataType.Float).Absolute));
        Assert.True(Tolerance.OnnxDefault.WidenForCoarseTypes);
        Assert.Equal("rtol 0.0001, atol 1e-05", Tolerance.Float32.ToString());
    }
}
