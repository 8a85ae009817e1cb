using OnnxKit.Ir;
using OnnxKit.Training.Graphs;

namespace OnnxKit.Training.Gradients;

/// <summary>
/// What a <see cref="GradientRule"/> sees of one forward node while it writes that node's
/// backward step: the node, the gradients arriving at its outputs, which inputs need a
/// gradient, the inferred shapes of forward values, and an emitter for new nodes.
/// </summary>
internal sealed class GradientContext
{
    private readonly Value?[] outputGradients;
    private readonly bool[] needs;

    public GradientContext(Node node, Value?[] outputGradients, bool[] needs, GraphEmitter emitter)
    {
        Node = node;
        this.outputGradients = outputGradients;
        this.needs = needs;
        Emit = emitter;
    }

    /// <summary>The forward node.</summary>
    public Node Node { get; }

    /// <summary>Writes the backward nodes.</summary>
    public GraphEmitter Emit { get; }

    /// <summary>The forward input <paramref name="index"/> (present: rules ask only for inputs they need).</summary>
    public Value Input(int index) => index < Node.Inputs.Count && Node.Inputs[index] is { } value
        ? value : throw Unsupported($"input {index} is missing");

    /// <summary>Whether input <paramref name="index"/> exists.</summary>
    public bool HasInput(int index) => index < Node.Inputs.Count && Node.Inputs[index] is not null;

    /// <summary>The forward output <paramref name="index"/>.</summary>
    public Value Output(int index = 0) => Node.Outputs[index];

    /// <summary>The gradient of the loss with respect to output <paramref name="index"/>, or null when it has none.</summary>
    public Value? OutputGradient(int index = 0) => index < outputGradients.Length ? outputGradients[index] : null;

    /// <summary>The gradient at output <paramref name="index"/>, which the rule requires.</summary>
    public Value RequiredOutputGradient(int index = 0) => OutputGradient(index) ?? throw Unsupported($"output {index} has no gradient");

    /// <summary>Whether the loss depends on input <paramref name="index"/> through trainable values.</summary>
    public bool NeedsGradient(int index) => index < needs.Length && needs[index];

    /// <summary>The inferred shape of a forward value (its rank must be known).</summary>
    public Shape ShapeOf(Value value) => value.TensorType?.Shape ?? throw Unsupported($"the shape of '{value.Name}' is unknown");

    /// <summary>
    /// The inferred sizes of a forward value from axis <paramref name="fromAxis"/> on, every
    /// one of which must be known (the batch axis, 0, may stay symbolic when it is skipped).
    /// </summary>
    public long[] StaticShape(Value value, int fromAxis = 0)
    {
        var shape = ShapeOf(value);
        var sizes = new long[Math.Max(0, shape.Rank - fromAxis)];
        for (int axis = fromAxis; axis < shape.Rank; axis++)
            sizes[axis - fromAxis] = shape[axis].Value ?? throw Unsupported($"the shape of '{value.Name}' is {shape}, and this gradient needs axis {axis} known");
        return sizes;
    }

    /// <summary>An integer attribute, or <paramref name="fallback"/> when absent.</summary>
    public long Int(string name, long fallback) => Node.Attributes.GetInt(name, fallback);

    /// <summary>A float attribute, or <paramref name="fallback"/> when absent.</summary>
    public float Float(string name, float fallback) => Node.Attributes.GetFloat(name, fallback);

    /// <summary>A string attribute, or <paramref name="fallback"/> when absent.</summary>
    public string String(string name, string fallback) => Node.Attributes.GetString(name, fallback);

    /// <summary>An integer-list attribute, or null when absent.</summary>
    public long[]? Ints(string name) => Node.Attributes.GetInts(name)?.ToArray();

    /// <summary>The values of input <paramref name="index"/>, which must be a constant (Constant node or initializer).</summary>
    public ITensor ConstantInput(int index)
    {
        var value = Input(index);
        if (value.ConstValue is { } tensor) return tensor;
        if (value.Producer is { OpType: "Constant" } constant && constant.Attributes["value"] is { Type: AttributeType.Tensor } attribute)
            return attribute.AsTensor();
        throw Unsupported($"input {index} ('{value.Name}') must be a constant");
    }

    /// <summary>
    /// Reduces <paramref name="gradient"/>, shaped like output 0 (or like
    /// <paramref name="gradientShape"/>), to the shape of <paramref name="input"/> by summing over
    /// the axes along which ONNX's multidirectional broadcasting stretched it (leading axes it
    /// lacks, and axes where it has size 1).
    /// </summary>
    public Value Unbroadcast(Value gradient, Value input, Shape? gradientShape = null)
    {
        var inShape = ShapeOf(input);
        var outShape = gradientShape ?? ShapeOf(Output());
        int offset = outShape.Rank - inShape.Rank;
        var axes = new List<long>();
        for (int axis = 0; axis < outShape.Rank; axis++)
        {
            if (axis < offset) { axes.Add(axis); continue; }
            Dim inDim = inShape[axis - offset], outDim = outShape[axis];
            if (inDim == outDim || outDim.Value == 1) continue;
            if (inDim.Value == 1) { axes.Add(axis); continue; }
            if (inDim.IsKnown && outDim.IsKnown)
                throw Unsupported($"'{input.Name}' of shape {inShape} does not broadcast to {outShape}");
            throw Unsupported($"cannot tell whether '{input.Name}' of shape {inShape} is broadcast to {outShape} along axis {axis}");
        }
        if (axes.Count == 0) return gradient;
        var summed = Emit.ReduceSum(gradient, axes.ToArray(), keepDims: true);
        if (offset == 0) return summed;
        return inShape.IsStatic ? Emit.Reshape(summed, inShape.ToSizes()) : Emit.Reshape(summed, Emit.Shape(input));
    }

    /// <summary>An error naming the node and its operator, for a case this gradient does not handle.</summary>
    public NoGradientException Unsupported(string detail) => new(Node, detail);
}
