using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Rules.Patterns;

/// <summary>
/// Replaces the Keras "threshold with gradient flow" construction by Clip(x, min, max):
/// <c>ge = float(x ≥ max); le = float(x ≤ min); y = (1 − ge)·(1 − le)·x + min·le + max·ge</c>.
/// </summary>
/// <remarks>
/// The comparisons may be GreaterOrEqual/LessOrEqual (opset 12+), or their older spellings
/// Not(Less)/Not(Greater) and Or(Greater, Equal)/Or(Less, Equal). Products and sums may be
/// nested in any order. min and max must be uniform constants with min ≤ max, and every
/// intermediate must feed only the pattern. Needs opset 6 (min/max as attributes before 11, inputs
/// from 11). The result equals the original for every finite x (at ±∞ the original gives NaN,
/// since 0·∞ is NaN, and Clip gives min or max).
/// </remarks>
public sealed class ThresholdClipFusionPass : PatternRewritePass
{
    /// <inheritdoc/>
    public override string Name => "fuse-threshold-clip";

    /// <inheritdoc/>
    public override string Description => "Replace the Keras threshold-with-gradient-flow subgraph by Clip.";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.All;

    /// <inheritdoc/>
    protected override IReadOnlyList<RewriteRule> Rules { get; } =
    [
        new("threshold-clip")
        {
            Patterns = [Pattern.Of(p =>
            {
                var x = p.Var("x");
                PatternValue min = p.Scalar("min"), max = p.Scalar("max");
                var below = p.Op("Cast", [p.OneOf(p.LessOrEqual(x, min), p.Not(p.Greater(x, min)), p.Or(p.Less(x, min), p.Equal(x, min)))]);
                var above = p.Op("Cast", [p.OneOf(p.GreaterOrEqual(x, max), p.Not(p.Less(x, max)), p.Or(p.Greater(x, max), p.Equal(x, max)))]);
                return x * (1 - below) * (1 - above) + min * below + max * above;
            })],
            Precondition = graph => graph.Opset < 6 ? "Clip takes min and max from opset 6" : null,
            Checks =
            [
                new("ordered-bounds", m => m.Scalar("min") <= m.Scalar("max") ? null : "the bounds do not clip one value to an interval"),
                new("float-type", m => ElementType(m) is null ? "the element type is unknown or not floating point" : null),
            ],
            Replacement = Clip,
        },
    ];

    /// <summary>Clip(x, min, max): bounds as scalar inputs from opset 11, as attributes before.</summary>
    private static Value Clip(RewriteBuilder b, PatternMatch m)
    {
        double min = m.Scalar("min"), max = m.Scalar("max");
        if (b.Opset < 11) return b.Op("Clip", [m["x"]], IrAttribute.Float("min", (float)min), IrAttribute.Float("max", (float)max));
        var type = ElementType(m)!.Value;
        var low = b.Constant(TensorValues.Scalar(type, min), m.Output.Name + "_min");
        var high = b.Constant(TensorValues.Scalar(type, max), m.Output.Name + "_max");
        return b.Op("Clip", [m["x"], low, high]);
    }

    /// <summary>The (floating-point) element type of the result, from the sum or from x.</summary>
    private static DataType? ElementType(PatternMatch m) =>
        (ShapeFacts.ElementTypeOf(m.Output) ?? ShapeFacts.ElementTypeOf(m["x"])) is { } type && TensorValues.IsFusableFloat(type) ? type : null;
}
