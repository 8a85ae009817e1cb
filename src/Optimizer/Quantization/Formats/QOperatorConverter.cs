using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Quantization.Placement;
using OnnxKit.Optimizer.Rewriting;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Quantization.Formats;

/// <summary>
/// Turns a QDQ model into the QOperator form with standard ai.onnx integer operators, group by group:
/// <list type="bullet">
/// <item>DQ(x), DQ(w), [DQ(int32 bias)] → Conv → Q becomes QLinearConv.</item>
/// <item>DQ(a), DQ(b) → MatMul → Q becomes QLinearMatMul; without the Q, MatMulInteger → Cast → Mul by a_scale·b_scale.</item>
/// <item>DQ(a), DQ(b), [DQ(int32 bias)] → Gemm (alpha = beta = 1) becomes MatMulInteger (weights stored transposed for
/// transB) → Add of the int32 bias → Cast → Mul by the scales, followed by the Gemm's QuantizeLinear if it had one.</item>
/// <item>DQ → MaxPool, Resize or data movement → Q with equal parameters becomes the operator on the integers.</item>
/// </list>
/// Other quantized nodes (Add, pooling, Concat, ...) have no standard integer operator and stay as DQ → op → Q.
/// Orphaned DequantizeLinear nodes and constants are left for dead-code elimination.
/// </summary>
public static class QOperatorConverter
{
    /// <summary>Converts <paramref name="model"/>'s main graph in place; returns the number of groups converted.</summary>
    public static int Apply(Model model)
    {
        var graph = new ModelContext(model, new PassContext(), "quantize-qoperator").Graphs().First();
        int converted = 0;
        foreach (var node in graph.Graph.Nodes.ToList())
        {
            if (node.Graph != graph.Graph || !node.IsDefaultDomain) continue;
            bool done = node.OpType switch
            {
                "Conv" => ConvertConv(node, graph),
                "MatMul" => ConvertMatMul(node, graph),
                "Gemm" => ConvertGemm(node, graph),
                _ when QuantizableOperators.RoleOf(node.OpType) == OperatorRole.Passthrough => ConvertPassthrough(node, graph),
                _ => false,
            };
            if (done) converted++;
        }
        return converted;
    }

    /// <summary>The DequantizeLinear producing input <paramref name="index"/>, when it has per-tensor (or, for weights, per-axis) parameters.</summary>
    private static Node? Dequantized(Node node, int index) =>
        index < node.Inputs.Count && node.Inputs[index]?.Producer is { OpType: "DequantizeLinear", IsDefaultDomain: true } dq
            && dq.Inputs.Count == 3 && dq.Inputs[2] is not null && dq.Attributes.GetInt("block_size", 0) == 0 ? dq : null;

    /// <summary>The QuantizeLinear that is the only reader of the node's output.</summary>
    private static Node? Quantizer(Node node, GraphContext graph) =>
        node.Outputs[0] is { Uses.Count: 1 } output && !graph.IsOutput(output) && output.Uses[0].Node is { OpType: "QuantizeLinear", IsDefaultDomain: true } q
            && q.Inputs.Count == 3 && q.Inputs[2] is not null ? q : null;

    private static bool ConvertConv(Node conv, GraphContext graph)
    {
        if (Dequantized(conv, 0) is not { } x || Dequantized(conv, 1) is not { } w || Quantizer(conv, graph) is not { } q) return false;
        var bias = conv.Inputs.Count > 2 && conv.Inputs[2] is not null ? Dequantized(conv, 2) : null;
        if (conv.Inputs.Count > 2 && conv.Inputs[2] is not null && bias is null) return false;
        var inputs = new List<Value?> { x.Inputs[0], x.Inputs[1], x.Inputs[2], w.Inputs[0], w.Inputs[1], w.Inputs[2], q.Inputs[1], q.Inputs[2] };
        if (bias is not null) inputs.Add(bias.Inputs[0]);
        Replace(graph, q, "QLinearConv", inputs, conv.Attributes.ToList(), conv);
        graph.Graph.Nodes.Remove(conv);
        return true;
    }

    private static bool ConvertMatMul(Node matMul, GraphContext graph)
    {
        if (Dequantized(matMul, 0) is not { } a || Dequantized(matMul, 1) is not { } b || !PerTensor(a) || !PerColumns(b)) return false;
        if (Quantizer(matMul, graph) is { } q)
        {
            Replace(graph, q, "QLinearMatMul", [a.Inputs[0], a.Inputs[1], a.Inputs[2], b.Inputs[0], b.Inputs[1], b.Inputs[2], q.Inputs[1], q.Inputs[2]], [], matMul);
            graph.Graph.Nodes.Remove(matMul);
            return true;
        }
        var product = graph.InsertBefore(matMul, "MatMulInteger", [a.Inputs[0], b.Inputs[0], a.Inputs[2], b.Inputs[2]], matMul.Outputs[0].Name + "_integer",
            outputType: new TensorType(DataType.Int32, null));
        ScaleToFloat(graph, matMul, product.Outputs[0], a, b);
        return true;
    }

    private static bool ConvertGemm(Node gemm, GraphContext graph)
    {
        if (gemm.Attributes.GetInt("transA", 0) != 0 || gemm.Attributes.GetFloat("alpha", 1) != 1 || gemm.Attributes.GetFloat("beta", 1) != 1) return false;
        if (Dequantized(gemm, 0) is not { } a || Dequantized(gemm, 1) is not { } b || !PerTensor(a)) return false;
        var bias = gemm.Inputs.Count > 2 && gemm.Inputs[2] is not null ? Dequantized(gemm, 2) : null;
        if (gemm.Inputs.Count > 2 && gemm.Inputs[2] is not null && (bias is null || ShapeFacts.ElementTypeOf(bias.Inputs[0]) != DataType.Int32)) return false;
        var weights = b.Inputs[0]!;
        bool transposed = gemm.Attributes.GetInt("transB", 0) != 0;
        if (!PerTensor(b) && b.Attributes.GetInt("axis", 1) != (transposed ? 0 : 1)) return false;
        if (transposed)
        {
            if (!graph.TryGetConstant(weights, out var stored) || stored.Dims.Count != 2 || stored.DataType.BitWidth() != 8) return false;
            weights = graph.AddConstant(TransposedBytes(stored), weights.Name + "_transposed", gemm);
        }
        var product = graph.InsertBefore(gemm, "MatMulInteger", [a.Inputs[0], weights, a.Inputs[2], b.Inputs[2]], gemm.Outputs[0].Name + "_integer",
            outputType: new TensorType(DataType.Int32, null));
        var accumulated = bias is null ? product.Outputs[0]
            : graph.InsertBefore(gemm, "Add", [product.Outputs[0], bias.Inputs[0]], gemm.Outputs[0].Name + "_biased", outputType: new TensorType(DataType.Int32, null)).Outputs[0];
        ScaleToFloat(graph, gemm, accumulated, a, b);
        return true;
    }

    /// <summary>Replaces <paramref name="node"/>'s output with Cast(int32 → float) · a_scale · b_scale and removes the node.</summary>
    private static void ScaleToFloat(GraphContext graph, Node node, Value integer, Node a, Node b)
    {
        string hint = node.Outputs[0].Name;
        var asFloat = graph.InsertBefore(node, "Cast", [integer], hint + "_float", [IrAttribute.Int("to", (long)DataType.Float)], new TensorType(DataType.Float, null));
        var scale = graph.InsertBefore(node, "Mul", [a.Inputs[1], b.Inputs[1]], hint + "_output_scale", outputType: new TensorType(DataType.Float, null));
        var result = graph.InsertBefore(node, "Mul", [asFloat.Outputs[0], scale.Outputs[0]], hint + "_scaled", outputType: node.Outputs[0].Type);
        graph.Replace(node.Outputs[0], result.Outputs[0]);
        graph.Graph.Nodes.Remove(node);
    }

    private static bool ConvertPassthrough(Node node, GraphContext graph)
    {
        if (node.Outputs.Count != 1 || Dequantized(node, 0) is not { } dq || Quantizer(node, graph) is not { } q || !PerTensor(dq)) return false;
        if (!SameConstant(graph, dq.Inputs[1], q.Inputs[1]) || !SameConstant(graph, dq.Inputs[2], q.Inputs[2])) return false;
        var inputs = node.Inputs.ToList();
        inputs[0] = dq.Inputs[0];
        Replace(graph, q, node.OpType, inputs, node.Attributes.ToList(), node);
        graph.Graph.Nodes.Remove(node);
        return true;
    }

    /// <summary>Puts a new node in place of QuantizeLinear <paramref name="q"/>, producing its output (name and readers kept).</summary>
    private static void Replace(GraphContext graph, Node q, string opType, IEnumerable<Value?> inputs, IEnumerable<IrAttribute> attributes, Node original)
    {
        var integer = graph.InsertBefore(original, opType, inputs, q.Outputs[0].Name + "_" + opType, attributes, q.Outputs[0].Type, original.Name);
        graph.Replace(q.Outputs[0], integer.Outputs[0]);
        graph.Graph.Nodes.Remove(q);
    }

    private static bool PerTensor(Node dq) => ShapeFacts.ShapeOf(dq.Inputs[1]) is { Rank: 0 } || ShapeFacts.StaticSizes(dq.Inputs[1]) is [1];

    /// <summary>True for per-tensor parameters or per-axis ones along the last axis of 2-D data (per column).</summary>
    private static bool PerColumns(Node dq) => PerTensor(dq) || ShapeFacts.RankOf(dq.Inputs[0]) == 2 && dq.Attributes.GetInt("axis", 1) is 1 or -1;

    private static bool SameConstant(GraphContext graph, Value? a, Value? b) =>
        graph.TryGetConstant(a, out var x) && graph.TryGetConstant(b, out var y) && x.DataType == y.DataType
        && x.Dims.SequenceEqual(y.Dims) && x.GetRawData().Span.SequenceEqual(y.GetRawData().Span);

    /// <summary>A 2-D 8-bit tensor's transpose.</summary>
    private static DenseTensor TransposedBytes(ITensor tensor)
    {
        var bytes = tensor.GetRawData().Span;
        long rows = tensor.Dims[0], columns = tensor.Dims[1];
        var result = new byte[bytes.Length];
        for (long r = 0; r < rows; r++)
        {
            for (long c = 0; c < columns; c++) result[c * rows + r] = bytes[(int)(r * columns + c)];
        }
        return new DenseTensor(tensor.DataType, [columns, rows], result);
    }
}
