using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using Attribute = OnnxKit.Ir.Attribute;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Conversion;

/// <summary>
/// The <see cref="GraphBuilder"/> an adapter writes replacement nodes with: nodes go right before the node
/// being converted, outputs are named from that node's first output (unique in the whole model), and
/// constants become initializers, or Constant nodes where the graph cannot hold initializers. Its
/// <see cref="GraphBuilder.Opset"/> is the opset the new nodes are written for; the helpers below emit the
/// form of that opset (an axes attribute before 13, an axes input from 13), and the converter then carries
/// every new node on to the target opset like the original ones.
/// </summary>
public sealed class ConversionBuilder : GraphBuilder
{
    private readonly GraphContext graph;
    private readonly string outputHint;

    internal ConversionBuilder(GraphContext graph, Node before, long opset)
        : base(graph.Graph, opset, () => graph.Model.Names)
    {
        this.graph = graph;
        InsertionPoint = before;
        outputHint = before.Outputs.FirstOrDefault(o => o.Name.Length > 0)?.Name ?? before.OpType.ToLowerInvariant();
    }

    /// <inheritdoc/>
    public override Value Constant(ITensor tensor, string nameHint = "const") => graph.AddConstant(tensor, nameHint, InsertionPoint!);

    /// <summary>An empty one-dimensional float32 constant (an unused input that an older form requires).</summary>
    public Value EmptyFloats(string nameHint) => Constant(TensorValues.FromDoubles(DataType.Float, [], [0]), nameHint);

    /// <summary>A one-dimensional int64 constant (axes, shapes, pads).</summary>
    public Value Int64s(IReadOnlyList<long> values, string nameHint = "const") => Constant(TensorValues.Int64Vector(values), nameHint);

    /// <summary>A scalar constant of <paramref name="type"/>.</summary>
    public Value Scalar(DataType type, double value, string nameHint = "const") => Constant(TensorValues.Scalar(type, value), nameHint);

    /// <summary><c>Unsqueeze</c> with its axes as an attribute (before opset 13) or an input.</summary>
    public Value Unsqueeze(Value x, IReadOnlyList<long> axes) => AxesOp("Unsqueeze", x, axes, 13);

    /// <summary><c>Squeeze</c> with its axes as an attribute (before opset 13) or an input.</summary>
    public Value Squeeze(Value x, IReadOnlyList<long> axes) => AxesOp("Squeeze", x, axes, 13);

    /// <summary><c>ReduceMean</c> (keepdims) with its axes as an attribute (before opset 18) or an input.</summary>
    public Value ReduceMean(Value x, IReadOnlyList<long> axes) => AxesOp("ReduceMean", x, axes, 18, Attribute.Int("keepdims", 1));

    /// <summary><c>Reshape</c> of <paramref name="x"/> to the shape held by <paramref name="shape"/> (an int64 vector).</summary>
    public Value Reshape(Value x, Value shape) => Op("Reshape", [x, shape]);

    /// <summary><c>Shape</c> of <paramref name="x"/>.</summary>
    public Value Shape(Value x) => Op("Shape", [x]);

    /// <summary><c>Flatten</c> of <paramref name="x"/> at <paramref name="axis"/>.</summary>
    public Value Flatten(Value x, long axis) => Op("Flatten", [x], Attribute.Int("axis", axis));

    private Value AxesOp(string opType, Value x, IReadOnlyList<long> axes, int axesInputSince, params Attribute[] more) =>
        Opset >= axesInputSince
            ? Op(opType, [x, Int64s(axes, "axes")], more)
            : Op(opType, [x], [Attribute.Ints("axes", axes), .. more]);

    /// <inheritdoc/>
    protected override string OutputName(string opType) => Names.Fresh(outputHint);
}
