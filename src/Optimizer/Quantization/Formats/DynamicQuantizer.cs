using OnnxKit.Ir;
using OnnxKit.Optimizer.Float16;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Quantization.Numerics;
using OnnxKit.Optimizer.Quantization.Placement;
using OnnxKit.Optimizer.Quantization.Reporting;
using OnnxKit.Optimizer.Rewriting;
using OnnxKit.ShapeInference;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Quantization.Formats;

/// <summary>
/// Dynamic quantization (opset 11+): weights are quantized ahead of time, activations at run time.
/// Each float input x of a quantized MatMul, Gemm or Conv passes once through DynamicQuantizeLinear
/// (uint8, range measured per run), and the node becomes
/// <c>Cast(MatMulInteger(x_q, W_q, x_zp, W_zp), float) · (x_scale · W_scale) [+ bias]</c>
/// (ConvInteger for Conv), exactly the float product of the dequantized operands. MatMul and Gemm
/// weights are int8 (or uint8) per output column; Gemm's transB is applied to the stored weights and
/// alpha folded into their scales. ONNX Runtime's ConvInteger takes uint8 weights with one zero point,
/// so Conv weights are uint8, symmetric around 128 per output channel (or asymmetric per tensor when
/// per-channel is off). ONNX Runtime fuses the MatMul chain into DynamicQuantizeMatMul.
/// </summary>
public static class DynamicQuantizer
{
    private static readonly HashSet<string> WeightedOps = new(StringComparer.Ordinal) { "Conv", "MatMul", "Gemm" };

    /// <summary>Quantizes <paramref name="model"/> in place; returns the records and the nodes left in float.</summary>
    /// <exception cref="OnnxKitException">The model's opset is below 11.</exception>
    public static (List<TensorQuantization> Records, List<KeptNode> Kept) Apply(Model model, QuantizeOptions options)
    {
        ShapeInferer.Infer(model, new ShapeInferenceOptions { WriteValueInfo = false });
        var records = new List<TensorQuantization>();
        var kept = new List<KeptNode>();
        foreach (var graph in new ModelContext(model, new PassContext(), "quantize-dynamic").Graphs())
        {
            if (graph.Opset < 11) throw new OnnxKitException($"Dynamic quantization needs DynamicQuantizeLinear (opset 11); the model imports opset {graph.Opset}.");
            var rewriter = new GraphRewriter(graph, options);
            foreach (var node in graph.Graph.Nodes.ToList())
            {
                if (!node.IsDefaultDomain || !WeightedOps.Contains(node.OpType)) continue;
                string? reason = ScopeFilter.Excluded(node, options) ?? rewriter.Check(node);
                if (reason is null) rewriter.Rewrite(node);
                else kept.Add(new KeptNode(Float16Converter.NodeKey(node), node.OpType, reason));
            }
            records.AddRange(rewriter.Records);
        }
        return (records, kept);
    }

    /// <summary>The rewrite within one graph, sharing each activation's DynamicQuantizeLinear.</summary>
    private sealed class GraphRewriter(GraphContext graph, QuantizeOptions options)
    {
        private readonly Dictionary<Value, (Value Quantized, Value Scale, Value ZeroPoint)> dynamic = new(ReferenceEqualityComparer.Instance);

        public List<TensorQuantization> Records { get; } = [];

        public string? Check(Node node)
        {
            if (node.Inputs.Count < 2 || node.Inputs[0] is not { } x || node.Inputs[1] is not { } w) return "an input is missing";
            if (graph.TryGetConstant(x, out _)) return "its first input is a constant (fold it first)";
            if (ShapeFacts.ElementTypeOf(x) is not DataType.Float) return $"input '{x.Name}' is not known to be float32";
            if (!graph.TryGetConstant(w, out var weights) || weights.DataType != DataType.Float) return "its weights are not a float32 constant";
            if (node.OpType == "MatMul" && weights.Dims.Count != 2) return "MatMul weights of rank other than 2";
            if (node.OpType == "Gemm" && node.Attributes.GetInt("transA", 0) != 0) return "Gemm with transA";
            if (node.Inputs.Count > 2 && node.Inputs[2] is { } b && !graph.TryGetConstant(b, out _)) return "its bias is not a constant";
            return null;
        }

        public void Rewrite(Node node)
        {
            var (xq, xScale, xZero) = Quantized(node.Inputs[0]!);
            graph.TryGetConstant(node.Inputs[1], out var tensor);
            var weights = node.OpType == "Gemm" && node.Attributes.GetInt("transB", 0) != 0 ? Transposed(tensor) : tensor;
            bool conv = node.OpType == "Conv";
            var type = conv ? QuantizedType.For(DataType.UInt8) : QuantizedType.For(options.WeightType is DataType.UInt8 ? DataType.UInt8 : DataType.Int8, options.SymmetricWeights, options.ReduceRange);
            bool perChannel = options.PerChannel;
            var granularity = perChannel ? Granularity.PerAxis(conv ? 0 : 1) : Granularity.PerTensor;
            bool symmetric = conv ? perChannel || options.SymmetricWeights : options.SymmetricWeights;
            var floats = weights.ToArray<float>();
            var quantized = TensorQuantizer.Quantize(floats, weights.Dims.ToArray(), type, granularity, symmetric);
            Records.Add(QdqBuilder.Record(node.Inputs[1]!.Name, TensorRole.Weight, node, quantized, floats));

            string name = Float16Converter.NodeKey(node);
            var stored = graph.AddConstant(quantized.ToTensor(node.Inputs[1]!.Name + "_quantized"), node.Inputs[1]!.Name + "_quantized", node);
            var zeroPoints = quantized.Parameters.ZeroPoints;
            var weightZero = graph.AddConstant(zeroPoints.Distinct().Count() == 1 || conv
                ? QuantizedTensors.Pack(type.DataType, [zeroPoints[0]], [], null)
                : quantized.Parameters.ZeroPointTensor(node.Inputs[1]!.Name + "_zero_point"), node.Inputs[1]!.Name + "_zero_point", node);
            float alpha = node.OpType == "Gemm" ? node.Attributes.GetFloat("alpha", 1) : 1;
            var scales = quantized.Parameters.Scales.Select(s => s * alpha).ToArray();
            long[] scaleDims = !perChannel ? [] : conv ? [scales.Length, .. Enumerable.Repeat(1L, Math.Max(0, weights.Dims.Count - 2))] : [scales.Length];
            var weightScale = graph.AddConstant(DenseTensor.FromFloats(scales, scaleDims), node.Inputs[1]!.Name + "_scale", node);

            var integer = conv
                ? graph.InsertBefore(node, "ConvInteger", [xq, stored, xZero, weightZero], name + "_integer",
                    node.Attributes.ToList(), new TensorType(DataType.Int32, null), name + "_ConvInteger")
                : graph.InsertBefore(node, "MatMulInteger", [xq, stored, xZero, weightZero], name + "_integer", null, new TensorType(DataType.Int32, null), name + "_MatMulInteger");
            var asFloat = graph.InsertBefore(node, "Cast", [integer.Outputs[0]], name + "_float", [IrAttribute.Int("to", (long)DataType.Float)], new TensorType(DataType.Float, null));
            var scale = graph.InsertBefore(node, "Mul", [xScale, weightScale], name + "_output_scale", null, new TensorType(DataType.Float, null));
            var result = graph.InsertBefore(node, "Mul", [asFloat.Outputs[0], scale.Outputs[0]], name + "_scaled", null, new TensorType(DataType.Float, node.Outputs[0].TensorType?.Shape));
            if (node.Inputs.Count > 2 && node.Inputs[2] is { } bias)
            {
                graph.TryGetConstant(bias, out var biasTensor);
                var biasValue = conv || node.Attributes.GetFloat("beta", 1) != 1 ? graph.AddConstant(Bias(node, biasTensor, weights.Dims.Count), bias.Name + "_reshaped", node) : bias;
                result = graph.InsertBefore(node, "Add", [result.Outputs[0], biasValue], name + "_biased", null, new TensorType(DataType.Float, node.Outputs[0].TensorType?.Shape));
            }
            graph.Replace(node.Outputs[0], result.Outputs[0]);
            graph.Graph.Nodes.Remove(node);
        }

        /// <summary>The DynamicQuantizeLinear of <paramref name="x"/>, made once and placed after its producer.</summary>
        private (Value, Value, Value) Quantized(Value x)
        {
            if (dynamic.TryGetValue(x, out var known)) return known;
            string hint = x.Name;
            var outputs = new[]
            {
                new Value(graph.Model.Names.Fresh(hint + "_quantized"), new TensorType(DataType.UInt8, x.TensorType?.Shape)),
                new Value(graph.Model.Names.Fresh(hint + "_scale"), new TensorType(DataType.Float, Shape.Of([]))),
                new Value(graph.Model.Names.Fresh(hint + "_zero_point"), new TensorType(DataType.UInt8, Shape.Of([]))),
            };
            var node = new Node("", "DynamicQuantizeLinear", [x], outputs, null, graph.Model.Names.Fresh(hint + "_DynamicQuantizeLinear"));
            if (x.Producer is { } producer && producer.Graph == graph.Graph) graph.Graph.Nodes.InsertAfter(producer, node);
            else graph.Graph.Nodes.InsertBefore(graph.Graph.Nodes.First!, node);
            return dynamic[x] = (outputs[0], outputs[1], outputs[2]);
        }

        /// <summary>A 2-D tensor's transpose.</summary>
        private static DenseTensor Transposed(ITensor tensor)
        {
            var values = tensor.ToArray<float>();
            long rows = tensor.Dims[0], columns = tensor.Dims[1];
            var result = new float[values.Length];
            for (long r = 0; r < rows; r++)
            {
                for (long c = 0; c < columns; c++) result[c * rows + r] = values[r * columns + c];
            }
            return DenseTensor.FromFloats(result, [columns, rows]);
        }

        /// <summary>The bias scaled by Gemm's beta, or a Conv bias shaped [M, 1, ...] to broadcast over the spatial dims.</summary>
        private static DenseTensor Bias(Node node, ITensor bias, int weightRank)
        {
            var values = bias.ToDoubleArray();
            float beta = node.OpType == "Gemm" ? node.Attributes.GetFloat("beta", 1) : 1;
            var dims = node.OpType == "Conv" ? [bias.ElementCount, .. Enumerable.Repeat(1L, weightRank - 2)] : bias.Dims.ToArray();
            return DenseTensor.FromFloats(values.Select(v => (float)(v * beta)).ToArray(), dims);
        }
    }
}
