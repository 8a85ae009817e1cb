using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Rules.Patterns;

/// <summary>
/// Replaces x·Tanh(Softplus(x)) (Mish's own definition, as exporters and <c>convert</c> below opset 18
/// write it) by Mish (opset 18+).
/// </summary>
/// <remarks>Every intermediate must feed only the pattern.</remarks>
public sealed class MishFusionPass : PatternRewritePass
{
    /// <inheritdoc/>
    public override string Name => "fuse-mish";

    /// <inheritdoc/>
    public override string Description => "Replace x·Tanh(Softplus(x)) by Mish (opset 18+).";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.All;

    /// <inheritdoc/>
    protected override IReadOnlyList<RewriteRule> Rules { get; } =
    [
        new("mish")
        {
            Patterns =
            [
                Pattern.Of(p =>
                {
                    var x = p.Var("x");
                    return x * p.Tanh(p.Op("Softplus", [x]));
                }),
            ],
            Precondition = graph => graph.Opset < 18 ? "Mish needs opset 18" : null,
            Replacement = (b, m) => b.Op("Mish", [m["x"]]),
        },
    ];
}
