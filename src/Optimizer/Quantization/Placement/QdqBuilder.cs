using OnnxKit.Ir;
using OnnxKit.Optimizer.Float16;
using OnnxKit.Optimizer.Quantization.Numerics;
using OnnxKit.Optimizer.Quantization.Reporting;
using OnnxKit.Optimizer.Rewriting;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Quantization.Placement;

/// <summary>
/// Adds quantization nodes and constants to one graph: parameter initializers (shared by every
/// node using the same parameters), QuantizeLinear and DequantizeLinear with the axis and block
/// attributes their granularity needs, and dequantized constants (a constant quantized once, stored
/// as integers, and read through one DequantizeLinear per consumer), each recorded for the report.
/// </summary>
public sealed class QdqBuilder
{
    private readonly GraphContext graph;
    private readonly Dictionary<QuantizationParameters, (Value Scale, Value ZeroPoint)> parameterValues = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(Value, bool, Granularity, DataType), QuantizedTensor> constants = [];
    private readonly Dictionary<(Value, bool, Granularity, DataType), Value> storedConstants = [];

    /// <summary>Builds into <paramref name="graph"/>.</summary>
    public QdqBuilder(GraphContext graph) => this.graph = graph;

    /// <summary>The graph built into.</summary>
    public GraphContext Graph => graph;

    /// <summary>Records of the constants quantized so far.</summary>
    public List<TensorQuantization> Records { get; } = [];

    /// <summary>The scale and zero-point initializers of <paramref name="parameters"/>, made once.</summary>
    public (Value Scale, Value ZeroPoint) Parameters(QuantizationParameters parameters, string hint, Node before)
    {
        if (parameterValues.TryGetValue(parameters, out var existing)) return existing;
        var scale = graph.AddConstant(parameters.ScaleTensor(hint + "_scale"), hint + "_scale", before);
        var zeroPoint = graph.AddConstant(parameters.ZeroPointTensor(hint + "_zero_point"), hint + "_zero_point", before);
        return parameterValues[parameters] = (scale, zeroPoint);
    }

    /// <summary>A QuantizeLinear of <paramref name="input"/> placed after its producer (or first, for a graph input).</summary>
    public Value Quantize(Value input, QuantizationParameters parameters)
    {
        var first = graph.Graph.Nodes.First!;
        var (scale, zeroPoint) = Parameters(parameters, input.Name, first);
        var output = new Value(graph.Model.Names.Fresh(input.Name + "_quantized"), new TensorType(parameters.Type.DataType, input.TensorType?.Shape));
        var node = new Node("", "QuantizeLinear", [input, scale, zeroPoint], [output], Attributes(parameters), graph.Model.Names.Fresh(input.Name + "_QuantizeLinear"));
        if (input.Producer is { } producer && producer.Graph == graph.Graph) graph.Graph.Nodes.InsertAfter(producer, node);
        else graph.Graph.Nodes.InsertBefore(first, node);
        return output;
    }

    /// <summary>A DequantizeLinear of <paramref name="quantized"/> placed right after its producer.</summary>
    public Value Dequantize(Value quantized, QuantizationParameters parameters, string hint, Shape? shape)
    {
        var producer = quantized.Producer!;
        var (scale, zeroPoint) = Parameters(parameters, hint, producer);
        var output = new Value(graph.Model.Names.Fresh(hint + "_dequantized"), new TensorType(DataType.Float, shape));
        var node = new Node("", "DequantizeLinear", [quantized, scale, zeroPoint], [output], Attributes(parameters), graph.Model.Names.Fresh(hint + "_DequantizeLinear"));
        graph.Graph.Nodes.InsertAfter(producer, node);
        return output;
    }

    /// <summary>
    /// Replaces input <paramref name="index"/> of <paramref name="consumer"/>, a float constant, with a
    /// DequantizeLinear of its quantized form (the constant is quantized once per type and granularity).
    /// Returns the quantized tensor.
    /// </summary>
    public QuantizedTensor DequantizeConstant(Node consumer, int index, QuantizedType type, Granularity granularity, bool symmetric, TensorRole role)
    {
        var value = consumer.Inputs[index]!;
        graph.TryGetConstant(value, out var tensor);
        var key = (value, symmetric, granularity, type.DataType);
        if (!constants.TryGetValue(key, out var quantized))
        {
            var floats = tensor.DataType == DataType.Float ? tensor.ToArray<float>() : tensor.ToDoubleArray().Select(v => (float)v).ToArray();
            quantized = TensorQuantizer.Quantize(floats, tensor.Dims.ToArray(), type, granularity, symmetric);
            constants[key] = quantized;
            Records.Add(Record(value.Name, role, consumer, quantized, floats));
        }
        ReadThroughDequantize(consumer, index, value, key, quantized);
        return quantized;
    }

    /// <summary>Replaces input <paramref name="index"/> of <paramref name="consumer"/> with a DequantizeLinear of an already quantized tensor (an int32 bias).</summary>
    public void DequantizeConstant(Node consumer, int index, QuantizedTensor quantized, TensorRole role, float[] original)
    {
        var value = consumer.Inputs[index]!;
        var key = (value, true, quantized.Parameters.Layout.Granularity, quantized.Parameters.Type.DataType);
        Records.Add(Record(value.Name, role, consumer, quantized, original));
        ReadThroughDequantize(consumer, index, value, key, quantized);
    }

    private void ReadThroughDequantize(Node consumer, int index, Value value, (Value, bool, Granularity, DataType) key, QuantizedTensor quantized)
    {
        if (!storedConstants.TryGetValue(key, out var stored))
            storedConstants[key] = stored = graph.AddConstant(quantized.ToTensor(value.Name + "_quantized"), value.Name + "_quantized", consumer);
        var (scale, zeroPoint) = Parameters(quantized.Parameters, value.Name, consumer);
        var output = new Value(graph.Model.Names.Fresh(value.Name + "_dequantized"), new TensorType(DataType.Float, Shape.Of(quantized.Dims)));
        graph.Graph.Nodes.InsertBefore(consumer, new Node("", "DequantizeLinear", [stored, scale, zeroPoint], [output],
            Attributes(quantized.Parameters), graph.Model.Names.Fresh(value.Name + "_DequantizeLinear")));
        consumer.ReplaceInput(index, output);
        if (value.Uses.Count == 0 && value.ConstValue is not null && !graph.IsOutput(value) && !graph.Model.IsOverridable(value)) graph.RemoveInitializer(value);
    }

    /// <summary>The axis and block_size attributes a granularity needs (none per tensor).</summary>
    private static List<IrAttribute> Attributes(QuantizationParameters parameters)
    {
        var g = parameters.Layout.Granularity;
        var attributes = new List<IrAttribute>();
        if (g.Axis is int axis) attributes.Add(IrAttribute.Int("axis", axis));
        if (g.BlockSize > 0) attributes.Add(IrAttribute.Int("block_size", g.BlockSize));
        return attributes;
    }

    /// <summary>The report record of a quantized constant, with the SQNR of its dequantized values.</summary>
    public static TensorQuantization Record(string name, TensorRole role, Node node, QuantizedTensor quantized, float[] original)
    {
        var p = quantized.Parameters;
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float v in original)
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        if (min > max) (min, max) = (0, 0);
        return new TensorQuantization
        {
            Name = name,
            Role = role,
            Node = Float16Converter.NodeKey(node),
            OpType = node.OpType,
            Type = p.Type.DataType,
            Granularity = p.Layout.Granularity.ToString(),
            Min = min,
            Max = max,
            ScaleMin = p.Scales.Min(),
            ScaleMax = p.Scales.Max(),
            ZeroPoint = p.ZeroPoints[0],
            WeightSqnr = SignalToNoise.Of(original, quantized.Dequantize()),
            Histogram = HistogramSummary.Of(original),
        };
    }
}
