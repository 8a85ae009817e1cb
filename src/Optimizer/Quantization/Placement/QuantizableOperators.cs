using OnnxKit.Ir;
using OnnxKit.Optimizer.Quantization.Numerics;

namespace OnnxKit.Optimizer.Quantization.Placement;

/// <summary>
/// The ai.onnx operators static quantization places Q/DQ around, with their <see cref="OperatorRole"/>
/// and the conditions under which ONNX Runtime's CPU provider runs them on integers.
/// </summary>
public static class QuantizableOperators
{
    private static readonly Dictionary<string, OperatorRole> Roles = new(StringComparer.Ordinal)
    {
        ["Conv"] = OperatorRole.Compute, ["MatMul"] = OperatorRole.Compute, ["Gemm"] = OperatorRole.Compute,
        ["Add"] = OperatorRole.Binary, ["Mul"] = OperatorRole.Binary,
        ["AveragePool"] = OperatorRole.Unary, ["GlobalAveragePool"] = OperatorRole.Unary, ["Sigmoid"] = OperatorRole.Unary,
        ["LeakyRelu"] = OperatorRole.Unary, ["Softmax"] = OperatorRole.Unary,
        ["Concat"] = OperatorRole.Variadic,
        ["Where"] = OperatorRole.Select,
        ["MaxPool"] = OperatorRole.Passthrough, ["Resize"] = OperatorRole.Passthrough, ["Reshape"] = OperatorRole.Passthrough,
        ["Flatten"] = OperatorRole.Passthrough, ["Transpose"] = OperatorRole.Passthrough, ["Squeeze"] = OperatorRole.Passthrough,
        ["Unsqueeze"] = OperatorRole.Passthrough, ["Gather"] = OperatorRole.Passthrough, ["Slice"] = OperatorRole.Passthrough,
        ["Expand"] = OperatorRole.Passthrough, ["Tile"] = OperatorRole.Passthrough, ["Split"] = OperatorRole.Passthrough,
    };

    /// <summary>Activations that quantization folds into the range of the value they read (ReLU, Clip with 0 inside its bounds).</summary>
    public static IReadOnlySet<string> FoldableActivations { get; } = new HashSet<string>(StringComparer.Ordinal) { "Relu", "Clip" };

    /// <summary>Every operator type static quantization handles, including the foldable activations.</summary>
    public static IReadOnlyCollection<string> OpTypes => [.. Roles.Keys, .. FoldableActivations];

    /// <summary>The role of <paramref name="opType"/>, or null when static quantization leaves it in float.</summary>
    public static OperatorRole? RoleOf(string opType) => Roles.TryGetValue(opType, out var role) ? role : null;

    /// <summary>
    /// Why <paramref name="node"/> (of role <paramref name="role"/>) cannot be quantized at
    /// <paramref name="opset"/> with activations of <paramref name="activations"/>, or null when it can.
    /// </summary>
    public static string? Unsupported(Node node, OperatorRole role, long opset, QuantizedType activations)
    {
        if (opset < activations.MinOpset) return $"{activations.DataType.OnnxName()} QuantizeLinear needs opset {activations.MinOpset}";
        if (node.OpType == "MaxPool" && opset < 12) return "MaxPool takes 8-bit integers from opset 12";
        if (node.OpType is "MaxPool" or "Resize" && activations.Bits == 16) return $"{node.OpType} has no 16-bit integer kernel";
        if (node.OpType == "Gemm" && node.Attributes.GetInt("transA", 0) != 0) return "Gemm with transA";
        return role == OperatorRole.Passthrough && node.Outputs.Count(o => o.Name.Length > 0) > 1 && node.OpType != "Split"
            ? $"{node.OpType} with several outputs" : null;
    }
}
