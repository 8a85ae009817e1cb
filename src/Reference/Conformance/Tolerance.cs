using OnnxKit.Ir;

namespace OnnxKit.Reference.Conformance;

/// <summary>
/// How close an actual float element must be to the expected one: |actual − expected| ≤
/// <see cref="Absolute"/> + <see cref="Relative"/> · |expected| (NumPy's <c>assert_allclose</c> rule,
/// which ONNX's backend test runner uses). Integers, bools and strings must match exactly.
/// </summary>
/// <param name="Relative">The relative tolerance.</param>
/// <param name="Absolute">The absolute tolerance.</param>
public sealed record Tolerance(double Relative, double Absolute)
{
    /// <summary>ONNX's default for its node tests: rtol 1e-3, atol 1e-7.</summary>
    public static Tolerance OnnxDefault { get; } = new(1e-3, 1e-7);

    /// <summary>
    /// The tolerance for outputs of <paramref name="type"/> given the case's float32 tolerance:
    /// float16 allows an absolute 1e-3 more (one float16 step near 1), bfloat16 1e-2 relative and
    /// absolute (its steps are 8 times coarser); other types use the case's tolerance.
    /// </summary>
    public Tolerance For(DataType type) => type switch
    {
        DataType.Float16 => new(Math.Max(Relative, 1e-3), Math.Max(Absolute, 1e-3)),
        DataType.BFloat16 => new(Math.Max(Relative, 1e-2), Math.Max(Absolute, 1e-2)),
        _ => this,
    };

    /// <summary>True when <paramref name="actual"/> is within tolerance of <paramref name="expected"/> (NaN matches NaN, infinities must match exactly).</summary>
    public bool Accepts(double expected, double actual)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual)) return double.IsNaN(expected) && double.IsNaN(actual);
        if (double.IsInfinity(expected) || double.IsInfinity(actual)) return expected == actual;
        return Math.Abs(actual - expected) <= Absolute + Relative * Math.Abs(expected);
    }
}
