using System.Globalization;
using OnnxKit.Ir;

namespace OnnxKit.Execution;

/// <summary>
/// How close an actual floating-point element must be to the expected one. The one rule, used by
/// every comparison of model outputs in OnnxKit (verification, conformance, the opset matrix, tests):
/// <list type="bullet">
/// <item>finite elements: |actual − expected| ≤ <see cref="Absolute"/> + <see cref="Relative"/> · |expected|
/// (NumPy's <c>assert_allclose</c>, which ONNX's backend test runner uses);</item>
/// <item>NaN matches NaN and nothing else (a NaN where a number was expected is a mismatch, and the reverse);</item>
/// <item>an infinity matches only the same infinity: +∞ is not −∞, and no finite value, however large,
/// is close to an infinity (the relative bound would otherwise be infinite and accept anything).</item>
/// </list>
/// Integers, booleans and strings are not held to a tolerance: they must match exactly
/// (<see cref="OutputComparer"/>).
/// </summary>
/// <param name="Relative">The relative tolerance (rtol).</param>
/// <param name="Absolute">The absolute tolerance (atol).</param>
public sealed record Tolerance(double Relative, double Absolute)
{
    /// <summary>For float32 outputs of rewritten models: rtol 1e-4, atol 1e-5.</summary>
    public static Tolerance Float32 { get; } = new(1e-4, 1e-5);

    /// <summary>For a float16 conversion against its float32 original: rtol 1e-2, atol 1e-3.</summary>
    public static Tolerance Float16 { get; } = new(1e-2, 1e-3);

    /// <summary>ONNX's default for its node tests: rtol 1e-3, atol 1e-7, widened for coarse element types.</summary>
    public static Tolerance OnnxDefault { get; } = new(1e-3, 1e-7) { WidenForCoarseTypes = true };

    /// <summary>
    /// When true, outputs whose element type is coarser than float32 are held to their own
    /// resolution at least: float16 to rtol and atol 1e-3 (one float16 step near 1), bfloat16 to
    /// 1e-2 (its steps are 8 times coarser). See <see cref="For"/>.
    /// </summary>
    public bool WidenForCoarseTypes { get; init; }

    /// <summary>The tolerance for outputs of <paramref name="type"/>: this one, widened for float16 and bfloat16 when <see cref="WidenForCoarseTypes"/> is set.</summary>
    public Tolerance For(DataType type) => !WidenForCoarseTypes ? this : type switch
    {
        DataType.Float16 => this with { Relative = Math.Max(Relative, 1e-3), Absolute = Math.Max(Absolute, 1e-3) },
        DataType.BFloat16 => this with { Relative = Math.Max(Relative, 1e-2), Absolute = Math.Max(Absolute, 1e-2) },
        _ => this,
    };

    /// <summary>True when <paramref name="actual"/> is close enough to <paramref name="expected"/> by the rule above.</summary>
    public bool Accepts(double expected, double actual)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual)) return double.IsNaN(expected) && double.IsNaN(actual);
        if (double.IsInfinity(expected) || double.IsInfinity(actual)) return expected == actual;
        return Math.Abs(actual - expected) <= Absolute + Relative * Math.Abs(expected);
    }

    /// <summary>How far a finite pair is beyond the bound (≤ 0 when accepted); +∞ when a NaN or an infinity is involved.</summary>
    public double Excess(double expected, double actual) => double.IsFinite(expected) && double.IsFinite(actual)
        ? Math.Abs(actual - expected) - Absolute - Relative * Math.Abs(expected)
        : double.PositiveInfinity;

    /// <summary>Formats as <c>rtol 0.0001, atol 1e-05</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"rtol {Relative:g3}, atol {Absolute:g3}");
}
