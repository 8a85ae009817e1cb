using OnnxKit.Ir;
using OnnxKit.Training.Gradients.Rules;

namespace OnnxKit.Training.Gradients;

/// <summary>The gradient rules, by ai.onnx operator name.</summary>
internal sealed class GradientRegistry
{
    private readonly Dictionary<(string Domain, string OpType), GradientRule> rules = [];

    /// <summary>Every built-in rule.</summary>
    public static GradientRegistry Default { get; } = new(
    [
        new ArithmeticGradient(), new PointwiseGradient(), new ClipGradient(), new SoftmaxGradient(),
        new GemmGradient(), new MatMulGradient(), new ConvGradient(),
        new MaxPoolGradient(), new AveragePoolGradient(), new GlobalAveragePoolGradient(),
        new BatchNormalizationGradient(), new BatchNormalizationTrainingGradient(), new DropoutGradient(), new ReduceGradient(),
        new ReshapeGradient(), new TransposeGradient(), new ConcatGradient(), new SliceGradient(), new PadGradient(),
    ]);

    private GradientRegistry(IEnumerable<GradientRule> all)
    {
        foreach (var rule in all)
        {
            foreach (var op in rule.OpTypes) rules.Add((rule.Domain, op), rule);
        }
    }

    /// <summary>The ai.onnx operators with a gradient, sorted.</summary>
    public IReadOnlyList<string> OpTypes => rules.Keys.Where(k => k.Domain.Length == 0).Select(k => k.OpType).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The rule for <paramref name="node"/>'s operator, or null when there is none.</summary>
    public GradientRule? Find(Node node) => rules.GetValueOrDefault((node.IsDefaultDomain ? "" : node.Domain, node.OpType));
}
