using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Rules.Patterns;

/// <summary>
/// Replaces x·HardSigmoid(x) with α = 1/6 and β = ½ (HardSwish's own definition, as exporters and
/// <c>convert</c> below opset 14 write it) by HardSwish (opset 14+). The worked example of docs/writing-a-pass.md.
/// </summary>
/// <remarks>α must equal 1/6 to 1e-6 (it is stored in float32) and β be ½; the HardSigmoid must feed only the product.</remarks>
public sealed class HardSwishFusionPass : PatternRewritePass
{
    /// <inheritdoc/>
    public override string Name => "fuse-hard-swish";

    /// <inheritdoc/>
    public override string Description => "Replace x·HardSigmoid(x) (α = 1/6, β = 0.5) by HardSwish (opset 14+).";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.All;

    /// <inheritdoc/>
    protected override IReadOnlyList<RewriteRule> Rules { get; } =
    [
        new("hard-swish")
        {
            Patterns = [Pattern.Of(p =>
            {
                var x = p.Var("x");
                return x * p.Op("HardSigmoid", [x]).Named("gate");
            })],
            Precondition = graph => graph.Opset < 14 ? "HardSwish needs opset 14" : null,
            Checks =
            [
                new MatchCheck("hard-swish-slope", m =>
                {
                    var gate = m.Node("gate");
                    float alpha = gate.Attributes.GetFloat("alpha", 0.2f), beta = gate.Attributes.GetFloat("beta", 0.5f);
                    return Math.Abs(alpha - 1.0 / 6) < 1e-6 && beta == 0.5f ? null : $"HardSigmoid has α = {alpha}, β = {beta}, not 1/6 and 0.5";
                }),
            ],
            Replacement = (b, m) => b.Op("HardSwish", [m["x"]]),
        },
    ];
}
