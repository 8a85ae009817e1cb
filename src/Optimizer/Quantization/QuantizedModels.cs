using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Quantization.Numerics;
using OnnxKit.Optimizer.Rewriting;
using OnnxKit.Optimizer.Rules.Cleanup;

namespace OnnxKit.Optimizer.Quantization;

/// <summary>
/// Recognises models that are already quantized, and turns QDQ-form ones back into float for
/// requantization: each DequantizeLinear of a constant becomes the float constant it computes, and
/// each QuantizeLinear → DequantizeLinear pair on an activation becomes a Clip to the range the pair
/// represents, [(qmin − zero point)·scale, (qmax − zero point)·scale], since its saturation may be
/// doing a ReLU's work (a folded ReLU is a pair whose range starts at 0).
/// </summary>
public static class QuantizedModels
{
    private static readonly HashSet<string> IntegerOps = new(StringComparer.Ordinal)
    {
        "QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear", "QLinearConv", "QLinearMatMul", "MatMulInteger", "ConvInteger",
    };

    /// <summary>The first quantization operator in <paramref name="model"/> (any graph), e.g. <c>QLinearConv 'conv1'</c>, or null for a float model.</summary>
    public static string? FindQuantizedNode(Model model)
    {
        foreach (var graph in model.AllGraphs())
        {
            foreach (var node in graph.Nodes)
            {
                bool quantized = node.IsDefaultDomain ? IntegerOps.Contains(node.OpType)
                    : node.Domain == "com.microsoft" && (node.OpType.StartsWith("QLinear", StringComparison.Ordinal) || node.OpType is "QGemm" or "DynamicQuantizeMatMul" or "MatMulIntegerToFloat" or "MatMulNBits");
                if (quantized) return node.Name is { Length: > 0 } name ? $"{node.OpType} '{name}'" : node.OpType;
            }
        }
        return null;
    }

    /// <summary>
    /// A float copy of a QDQ model: dequantized constants folded to float32, Q/DQ pairs on activations removed.
    /// </summary>
    /// <exception cref="OnnxKitException">The model holds integer operators other than QuantizeLinear/DequantizeLinear (QOperator or dynamic form).</exception>
    public static Model ToFloat(Model model)
    {
        var copy = model.Clone();
        var context = new ModelContext(copy, new PassContext(), "dequantize");
        foreach (var graph in context.Graphs())
        {
            foreach (var node in graph.Graph.Nodes.ToList())
            {
                if (node.Graph != graph.Graph || !node.IsDefaultDomain || node.OpType != "DequantizeLinear") continue;
                if (graph.TryGetConstant(node.Inputs[0], out var data))
                {
                    graph.Replace(node.Outputs[0], graph.AddConstant(Dequantize(node, data, graph), node.Outputs[0].Name + "_float", node));
                    graph.Graph.Nodes.Remove(node);
                }
                else if (node.Inputs[0]?.Producer is { OpType: "QuantizeLinear" } q && q.Inputs[0] is { } original && Bounds(q, graph) is { } bounds)
                {
                    var clip = Clip(graph, node, original, bounds);
                    graph.Replace(node.Outputs[0], clip);
                    graph.Graph.Nodes.Remove(node);
                    graph.RemoveIfUnused(q);
                }
            }
        }
        new DeadCodeEliminationPass().Run(copy, new PassContext());
        if (FindQuantizedNode(copy) is { } left)
            throw new OnnxKitException($"--requantize turns QDQ models back into float; this model also holds {left}, which it cannot (quantize the original float model instead).");
        return copy;
    }

    /// <summary>The real range a per-tensor QuantizeLinear saturates to, or null when its parameters are not constant scalars.</summary>
    private static (float Low, float High)? Bounds(Node q, GraphContext graph)
    {
        if (graph.ConstantDoubles(q.Inputs[1]) is not [double scale]) return null;
        var zeroPoint = q.Inputs.Count > 2 && q.Inputs[2] is { } z ? graph.TryGetConstant(z, out var zt) ? zt : null : null;
        if (q.Inputs.Count > 2 && q.Inputs[2] is not null && zeroPoint is not { ElementCount: 1 }) return null;
        var type = QuantizedType.For(zeroPoint?.DataType ?? DataType.UInt8);
        double zero = zeroPoint?.ToDoubleArray()[0] ?? 0;
        return ((float)((type.TypeMin - zero) * scale), (float)((type.TypeMax - zero) * scale));
    }

    /// <summary>A Clip of <paramref name="input"/> to <paramref name="bounds"/>, placed before <paramref name="before"/>.</summary>
    private static Value Clip(GraphContext graph, Node before, Value input, (float Low, float High) bounds)
    {
        if (graph.Opset < 11)
            return graph.InsertBefore(before, "Clip", [input], input.Name + "_clipped",
                [OnnxKit.Ir.Attribute.Float("min", bounds.Low), OnnxKit.Ir.Attribute.Float("max", bounds.High)], input.Type).Outputs[0];
        var low = graph.AddConstant(DenseTensor.FromFloats([bounds.Low], []), input.Name + "_low", before);
        var high = graph.AddConstant(DenseTensor.FromFloats([bounds.High], []), input.Name + "_high", before);
        return graph.InsertBefore(before, "Clip", [input, low, high], input.Name + "_clipped", outputType: input.Type).Outputs[0];
    }

    /// <summary>The float32 values a DequantizeLinear of constants computes.</summary>
    private static DenseTensor Dequantize(Node node, ITensor data, GraphContext graph)
    {
        if (!graph.TryGetConstant(node.Inputs[1], out var scale) || node.Inputs.Count > 2 && node.Inputs[2] is { } z && !graph.TryGetConstant(z, out _))
            throw new OnnxKitException($"DequantizeLinear '{node.Name}' has parameters that are not constants; --requantize cannot fold it.");
        var scales = scale.ToDoubleArray();
        var zeros = node.Inputs.Count > 2 && graph.TryGetConstant(node.Inputs[2], out var zeroPoint) ? zeroPoint.ToDoubleArray() : new double[scales.Length];
        long blockSize = node.Attributes.GetInt("block_size", 0);
        int axis = (int)node.Attributes.GetInt("axis", 1);
        if (axis < 0) axis += data.Dims.Count;
        var granularity = scales.Length == 1 && scale.Dims.Count <= 1 && blockSize == 0 ? Granularity.PerTensor
            : blockSize > 0 ? Granularity.Blocked(axis, (int)blockSize) : Granularity.PerAxis(axis);
        var type = data.DataType == DataType.Int32 ? QuantizedType.Int32 : QuantizedType.For(data.DataType);
        var parameters = new QuantizationParameters(type, new ParameterLayout(data.Dims, granularity), scales.Select(v => (float)v).ToArray(), zeros.Select(v => (long)v).ToArray());
        var result = new QuantizedTensor(data.ToInt64Array(), data.Dims.ToArray(), parameters).Dequantize();
        return DenseTensor.FromFloats(result, data.Dims.ToArray());
    }
}
