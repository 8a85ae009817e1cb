namespace OnnxKit.Optimizer.Verification;

/// <summary>
/// How close two outputs must be: every element within |actual − expected| ≤ atol + rtol·|expected|,
/// NaN where the other is NaN, infinities equal. Integer and boolean outputs must match exactly.
/// </summary>
public sealed record Tolerance(double Relative, double Absolute)
{
    /// <summary>The default for float32 rewrites: rtol 1e-4, atol 1e-5.</summary>
    public static Tolerance Float32 { get; } = new(1e-4, 1e-5);

    /// <summary>The default for float16 conversion: rtol 1e-2, atol 1e-3.</summary>
    public static Tolerance Float16 { get; } = new(1e-2, 1e-3);

    /// <summary>True when <paramref name="actual"/> is close enough to <paramref name="expected"/>.</summary>
    public bool Accepts(double expected, double actual)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual)) return double.IsNaN(expected) && double.IsNaN(actual);
        if (expected == actual) return true;
        return Math.Abs(actual - expected) <= Absolute + Relative * Math.Abs(expected);
    }

    /// <inheritdoc/>
    public override string ToString() => $"rtol {Relative:G3}, atol {Absolute:G3}";
}
