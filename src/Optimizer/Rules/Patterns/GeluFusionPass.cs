using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Rules.Patterns;

/// <summary>
/// Replaces the two GELU formulas, as converters spell them out, by the Gelu operator (opset 20+):
/// 0.5·x·(1 + Erf(x/√2)) (Div by √2 or Mul by 1/√2) becomes Gelu(x), and
/// 0.5·x·(1 + Tanh(√(2/π)·(x + 0.044715·x³))) (x³ as Pow(x, 3) or x·x·x) becomes Gelu(x, approximate="tanh").
/// </summary>
/// <remarks>
/// Products and sums may be nested in any order; constants must match to a relative 1e-5 (they
/// are stored in float32); every intermediate must feed only the pattern.
/// </remarks>
public sealed class GeluFusionPass : PatternRewritePass
{
    private static readonly double Sqrt2 = Math.Sqrt(2), Sqrt2OverPi = Math.Sqrt(2 / Math.PI);

    /// <inheritdoc/>
    public override string Name => "fuse-gelu";

    /// <inheritdoc/>
    public override string Description => "Replace the erf and tanh GELU formulas by Gelu (opset 20+).";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.All;

    /// <inheritdoc/>
    protected override IReadOnlyList<RewriteRule> Rules { get; } =
    [
        new("gelu-erf")
        {
            Patterns =
            [
                Pattern.Of(p => Gelu(p, x => p.Erf(x / Sqrt2)), "x/√2"),
                Pattern.Of(p => Gelu(p, x => p.Erf(x * (1 / Sqrt2))), "x·(1/√2)"),
            ],
            Precondition = NeedsOpset20,
            Replacement = (b, m) => b.Gelu(m["x"]),
        },
        new("gelu-tanh")
        {
            Patterns =
            [
                Pattern.Of(p => Gelu(p, x => p.Tanh(Sqrt2OverPi * (x + 0.044715 * p.Pow(x, 3)))), "Pow(x, 3)"),
                Pattern.Of(p => Gelu(p, x => p.Tanh(Sqrt2OverPi * (x + 0.044715 * x * x * x))), "x·x·x"),
            ],
            Precondition = NeedsOpset20,
            Replacement = (b, m) => b.Gelu(m["x"], approximate: "tanh"),
        },
    ];

    /// <summary>0.5·x·(1 + f(x)).</summary>
    private static PatternValue Gelu(PatternBuilder p, Func<PatternValue, PatternValue> f)
    {
        var x = p.Var("x");
        return 0.5 * x * (1 + f(x));
    }

    private static string? NeedsOpset20(GraphContext graph) => graph.Opset < 20 ? "Gelu needs opset 20" : null;
}
