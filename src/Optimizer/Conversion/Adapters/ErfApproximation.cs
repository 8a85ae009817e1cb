using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// Erf (9) has no exact form in older operators. With <c>--allow-approximate</c> (and only then) it is replaced
/// below opset 9 by Abramowitz and Stegun's formula 7.1.26: erf(x) ≈ sign(x)·(1 − (a₁t + a₂t² + a₃t³ + a₄t⁴ + a₅t⁵)·e^(−x²))
/// with t = 1/(1 + p·|x|), whose absolute error is at most 1.5·10⁻⁷ (below float32's resolution of values near 1).
/// sign(x) is written as (x &gt; 0) − (x &lt; 0), since Sign is also an opset-9 operator. Everything that expands
/// into Erf (exact Gelu) goes below 9 the same way.
/// </summary>
public sealed class ErfApproximation : FunctionExpansionAdapter
{
    private const double P = 0.3275911;

    private static readonly double[] A = [0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429];

    /// <summary>The largest absolute error of the approximation, as its source states it.</summary>
    public const double MaxAbsoluteError = 1.5e-7;

    /// <inheritdoc/>
    protected override string OpType => "Erf";

    /// <inheritdoc/>
    public override int Version => 9;

    /// <inheritdoc/>
    public override string Description => "Erf approximated by Abramowitz–Stegun 7.1.26 (|error| ≤ 1.5e-7; --allow-approximate)";

    /// <inheritdoc/>
    protected override Value?[] Expand(AdapterContext context, ConversionBuilder b, Value x)
    {
        var type = context.RequireElementType(x);
        if (type is not (DataType.Float or DataType.Double or DataType.Float16))
            throw context.Refuse($"its {type.OnnxName()} input has no approximation (float types only)");
        context.Approximate($"erf is approximated by Abramowitz–Stegun 7.1.26, absolute error ≤ {MaxAbsoluteError:G2}");
        var zero = b.Scalar(type, 0);
        var magnitude = b.Abs(x);
        var t = b.Reciprocal(b.Add(b.Scalar(type, 1), b.Mul(b.Scalar(type, P), magnitude)));
        Value polynomial = b.Scalar(type, A[^1]);
        for (int i = A.Length - 2; i >= 0; i--) polynomial = b.Add(b.Scalar(type, A[i]), b.Mul(t, polynomial));
        polynomial = b.Mul(t, polynomial);
        var tail = b.Mul(polynomial, b.Exp(b.Neg(b.Mul(x, x))));
        var sign = b.Sub(b.Cast(b.Greater(x, zero), type), b.Cast(b.Less(x, zero), type));
        return [b.Mul(sign, b.Sub(b.Scalar(type, 1), tail))];
    }
}
