using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Rules.Patterns;

/// <summary>
/// Replaces x·HardSigmoid(x) with α = 1/6 and β = ½ (HardSwish's own definition, as exporters and
/// <c>convert</c> below opset 14 write it) by HardSwish (opset 14+).
/// </summary>
/// <remarks>
/// α and β must equal 1/6 and ½ to a relative 1e-6 (they are stored in float32); the HardSigmoid must
/// feed only the product.
/// </remarks>
public sealed class HardSwishFusionPass : PatternRewritePass
{
    /// <inheritdoc/>
    public override string Name => "fuse-hard-swish";

    /// <inheritdoc/>
    public override string Description => "Replace x·HardSigmoid(x, α=1/6, β=½) by HardSwish (opset 14+).";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.All;

    /// <inheritdoc/>
    protected override IReadOnlyList<RewriteRule> Rules { get; } =
    [
        new("hard-swish")
        {
            Patterns =
            [
                Pattern.Of(p =>
                {
                    var x = p.Var("x");
                    return x * p.Op("HardSigmoid", [x]).Where("alpha", a => Near(a, 1.0 / 6, null)).Where("beta", a => Near(a, 0.5, 0.5));
                }),
            ],
            Precondition = graph => graph.Opset < 14 ? "HardSwish needs opset 14" : null,
            Replacement = (b, m) => b.Op("HardSwish", [m["x"]]),
        },
    ];

    /// <summary>Whether a float attribute (or its default, when absent) is <paramref name="expected"/> to float32 precision.</summary>
    private static bool Near(IrAttribute? attribute, double expected, double? fallback) =>
        (attribute?.Value is float value ? value : fallback) is double actual && Math.Abs(actual - expected) <= 1e-6 * Math.Abs(expected);
}
