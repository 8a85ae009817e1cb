using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Tests.Rewriting;

/// <summary>
/// The worked example of docs/writing-a-pass.md, kept here so the example compiles and is tested:
/// x · HardSigmoid(x; α = 1/6, β = ½) is HardSwish(x) (opset 14+).
/// </summary>
public sealed class HardSwishFusionPass : PatternRewritePass
{
    public override string Name => "fuse-hard-swish";

    public override string Description => "Replace x·HardSigmoid(x) (α = 1/6, β = 0.5) by HardSwish (opset 14+).";

    public override PassLevel Level => PassLevel.All;

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
