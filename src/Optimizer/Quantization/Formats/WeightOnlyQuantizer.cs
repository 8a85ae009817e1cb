using OnnxKit.Ir;
using OnnxKit.Optimizer.Float16;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Quantization.Numerics;
using OnnxKit.Optimizer.Quantization.Placement;
using OnnxKit.Optimizer.Quantization.Reporting;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Quantization.Formats;

/// <summary>
/// Weight-only quantization: the constant weights of Conv, MatMul and Gemm (in every graph, subgraphs
/// and functions included) are stored as integers and read through DequantizeLinear, so the file
/// shrinks and the computation stays float. 8-bit weights are per output channel from opset 13
/// (per tensor before); 4-bit weights need opset 21 and are blocked along the reduction axis
/// (MatMul's K: axis 0 of [K, N]; Gemm's K; Conv's input channels: axis 1), <see cref="QuantizeOptions.BlockSize"/>
/// elements per block (128 by default), the layout ONNX Runtime turns into MatMulNBits for MatMul.
/// </summary>
public static class WeightOnlyQuantizer
{
    /// <summary>The default block of 4-bit weights.</summary>
    public const int DefaultBlockSize = 128;

    private static readonly HashSet<string> WeightedOps = new(StringComparer.Ordinal) { "Conv", "MatMul", "Gemm" };

    /// <summary>Quantizes <paramref name="model"/>'s weights in place; returns the records and the nodes left alone.</summary>
    /// <exception cref="OnnxKitException">The weight type needs a newer opset than the model imports.</exception>
    public static (List<TensorQuantization> Records, List<KeptNode> Kept) Apply(Model model, QuantizeOptions options)
    {
        var type = QuantizedType.For(options.WeightType, options.SymmetricWeights, options.ReduceRange);
        var records = new List<TensorQuantization>();
        var kept = new List<KeptNode>();
        foreach (var graph in new ModelContext(model, new PassContext(), "quantize-weights").Graphs())
        {
            if (graph.Opset < type.MinOpset)
                throw new OnnxKitException($"{type.DataType.OnnxName()} weights need DequantizeLinear from opset {type.MinOpset}; the model imports opset {graph.Opset}.");
            var builder = new QdqBuilder(graph);
            foreach (var node in graph.Graph.Nodes.ToList())
            {
                if (!node.IsDefaultDomain || !WeightedOps.Contains(node.OpType)) continue;
                string? reason = ScopeFilter.Excluded(node, options);
                ITensor weights = null!;
                if (reason is null && (node.Inputs.Count < 2 || !graph.TryGetConstant(node.Inputs[1], out weights))) reason = "its weights are not a constant";
                else if (reason is null && weights.DataType != DataType.Float) reason = $"its weights are {weights.DataType.OnnxName()}, not float32";
                if (reason is not null)
                {
                    kept.Add(new KeptNode(Float16Converter.NodeKey(node), node.OpType, reason));
                    continue;
                }
                builder.DequantizeConstant(node, 1, type, Granularity(node, weights, options, graph.Opset, type), options.SymmetricWeights, TensorRole.Weight);
            }
            records.AddRange(builder.Records);
        }
        return (records, kept);
    }

    private static Granularity Granularity(Node node, ITensor weights, QuantizeOptions options, long opset, QuantizedType type)
    {
        int blockSize = options.BlockSize > 0 ? options.BlockSize : type.Bits == 4 ? DefaultBlockSize : 0;
        if (blockSize == 0) return QdqNodeRules.WeightGranularity(node, weights, options, opset);
        if (opset < 21) throw new OnnxKitException($"Blocked weights (--block-size) need DequantizeLinear from opset 21; the model imports opset {opset}.");
        int axis = node.OpType switch
        {
            "Conv" => 1,
            "Gemm" => node.Attributes.GetInt("transB", 0) != 0 ? 1 : 0,
            _ => Math.Max(0, weights.Dims.Count - 2),
        };
        return Numerics.Granularity.Blocked(axis, blockSize);
    }
}
