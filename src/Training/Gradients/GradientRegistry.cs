using OnnxKit.Ir;
using OnnxKit.Training.Gradients.Rules;

namespace OnnxKit.Training.Gradients;

/// <summary>The gradient rules, by ai.onnx operator name.</summary>
internal sealed class GradientRegistry
{
    private readonly Dictionary<string, GradientRule> rules = new(StringComparer.Ordinal);

    /// <summary>Every built-in rule.</summary>
    public static GradientRegistry Default { get; } = new(
    [
        new ArithmeticGradient(), new PointwiseGradient(), new ClipGradient(), new SoftmaxGradient(),
        new GemmGradient(), new MatMulGradient(), new ConvGradient(),
        new MaxPoolGradient(), new AveragePoolGradient(), new GlobalAveragePoolGradient(),
        new BatchNormalizationGradient(), new DropoutGradient(), new ReduceGradient(),
        new ReshapeGradient(), new TransposeGradient(), new ConcatGradient(), new SliceGradient(), new PadGradient(),
    ]);

    private GradientRegistry(IEnumerable<GradientRule> all)
    {
        foreach (var rule in all)
        {
            foreach (var op in rule.OpTypes) rules.Add(op, rule);
        }
    }

    /// <summary>The operators with a gradient, sorted.</summary>
    public IReadOnlyList<string> OpTypes => rules.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The rule for <paramref name="node"/>'s operator, or null when there is none.</summary>
    public GradientRule? Find(Node node) => node.IsDefaultDomain && rules.TryGetValue(node.OpType, out var rule) ? rule : null;
}
