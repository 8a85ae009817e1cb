using OnnxKit.Ir;
using OnnxKit.Optimizer.Float16;

namespace OnnxKit.Optimizer.Quantization.Placement;

/// <summary>
/// Where static quantization puts QuantizeLinear/DequantizeLinear in one model: the quantized nodes,
/// the activations with their own calibrated range (named by the float model's tensor whose range
/// they take), the activations that reuse another's parameters, the folded activations and the nodes
/// left in float with the reason.
/// </summary>
public sealed class QdqPlan
{
    internal QdqPlan(Model model, IReadOnlyList<NodeQuantization> nodes, IReadOnlyDictionary<Value, string> ownRanges,
        IReadOnlyDictionary<Value, Value> shared, IReadOnlyList<FoldedActivation> folded, IReadOnlyList<KeptNode> kept)
    {
        Model = model;
        Nodes = nodes;
        OwnRanges = ownRanges;
        Shared = shared;
        Folded = folded;
        Kept = kept;
    }

    /// <summary>The model the plan is for (ReLUs and Clips already folded away).</summary>
    public Model Model { get; }

    /// <summary>The quantized nodes, in graph order.</summary>
    public IReadOnlyList<NodeQuantization> Nodes { get; }

    /// <summary>Activations quantized with a calibrated range, and the float model's tensor whose range they take.</summary>
    public IReadOnlyDictionary<Value, string> OwnRanges { get; }

    /// <summary>Activations that reuse the scale and zero point of another (outputs of MaxPool, Reshape, ...), keyed by output.</summary>
    public IReadOnlyDictionary<Value, Value> Shared { get; }

    /// <summary>ReLUs and Clips folded into the range before them.</summary>
    public IReadOnlyList<FoldedActivation> Folded { get; }

    /// <summary>Quantizable nodes left in float, and why.</summary>
    public IReadOnlyList<KeptNode> Kept { get; }

    /// <summary>The tensors of the float model whose ranges calibration must find.</summary>
    public IReadOnlyCollection<string> RangeSources => OwnRanges.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The activation whose parameters <paramref name="value"/> uses (itself unless it shares another's).</summary>
    public Value ParameterSource(Value value)
    {
        while (Shared.TryGetValue(value, out var source)) value = source;
        return value;
    }

    /// <summary>True when <paramref name="value"/> gets a QuantizeLinear.</summary>
    public bool IsQuantized(Value value) => OwnRanges.ContainsKey(value) || Shared.ContainsKey(value);
}
