using System.Runtime.CompilerServices;
using OnnxKit.Exporter.Initialization;
using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter;

/// <summary>
/// The base of every layer. Calling a layer on symbolic tensors (<see cref="Call(SymbolicTensor[])"/>)
/// checks their shapes, builds the layer's weights on the first call (from the input
/// shapes), infers the output shapes and records the call; a layer called again reuses
/// its weights. At export, each recorded call is lowered to ONNX nodes.
/// </summary>
/// <remarks>
/// A new layer implements <see cref="InferOutputShapes"/> (validate and infer),
/// <see cref="Build"/> (create weights with <see cref="AddWeight"/>) when it has weights,
/// and <see cref="Lower"/> (emit nodes through the opset-aware <see cref="OnnxGraphBuilder"/>).
/// See docs/writing-a-layer.md.
/// </remarks>
public abstract class Layer
{
    private readonly List<Weight> weights = [];
    private readonly List<LayerCall> calls = [];
    private long[]? declaredInputShape;

    /// <summary>Creates a layer named <paramref name="name"/>, or automatically (<c>dense</c>, <c>dense_1</c>, ...).</summary>
    protected Layer(string? name)
    {
        if (name is not null && (name.Length == 0 || name.Contains('/')))
            throw new ArgumentException($"Layer name '{name}' must be non-empty and contain no '/'.", nameof(name));
        Name = name ?? LayerNames.Next(NamePrefix, NumberFromOne);
    }

    /// <summary>The layer's name, unique within a model.</summary>
    public string Name { get; private set; }

    /// <summary>Renames a layer that has not been called yet (names are fixed once they appear in a graph).</summary>
    protected void SetName(string name)
    {
        if (calls.Count > 0) throw new InvalidOperationException($"Layer '{Name}' cannot be renamed after it has been called.");
        if (name.Length == 0 || name.Contains('/')) throw new ArgumentException($"Layer name '{name}' must be non-empty and contain no '/'.", nameof(name));
        Name = name;
    }

    /// <summary>The class name shown in summaries (Keras's class name: <c>Dense</c>, <c>InputLayer</c>).</summary>
    public virtual string TypeName => GetType().Name;

    /// <summary>The prefix of automatic names; by default the snake_case of <see cref="TypeName"/>.</summary>
    protected virtual string NamePrefix => LayerNames.ToSnakeCase(TypeName);

    /// <summary>Whether automatic names count from 1 (<c>input_1</c>) rather than leaving the first bare.</summary>
    protected virtual bool NumberFromOne => false;

    /// <summary>
    /// Whether the layer's weights are trained. A frozen layer's weights count as
    /// non-trainable parameters; export is unaffected.
    /// </summary>
    public virtual bool Trainable { get; set; } = true;

    /// <summary>The weights, in creation order; empty until the layer is built.</summary>
    public virtual IReadOnlyList<Weight> Weights => weights;

    /// <summary>True once the weights exist (after the first call).</summary>
    public bool IsBuilt { get; private set; }

    /// <summary>The calls of this layer, in order.</summary>
    public IReadOnlyList<LayerCall> Calls => calls;

    /// <summary>The per-example input shape declared for the first layer of a Sequential model (Keras's <c>input_shape</c>).</summary>
    public IReadOnlyList<long>? DeclaredInputShape => declaredInputShape;

    /// <summary>The output of the layer's only call (Keras's <c>layer.output</c>).</summary>
    public SymbolicTensor Output => calls.Count == 1 && calls[0].Outputs.Count == 1
        ? calls[0].Outputs[0]
        : throw new InvalidOperationException($"Layer '{Name}' has {calls.Count} calls; Output needs exactly one call with one output.");

    /// <summary>The total number of scalar parameters.</summary>
    public long ParameterCount => Weights.Sum(w => w.ElementCount);

    /// <summary>The number of trainable scalar parameters.</summary>
    public long TrainableParameterCount => Weights.Where(w => w.IsTrainable).Sum(w => w.ElementCount);

    /// <summary>The number of non-trainable scalar parameters (BatchNormalization statistics, frozen layers).</summary>
    public long NonTrainableParameterCount => ParameterCount - TrainableParameterCount;

    /// <summary>Declares the per-example input shape, for the first layer of a Sequential model.</summary>
    public Layer WithInputShape(params long[] shape)
    {
        if (shape.Any(d => d <= 0)) throw new ArgumentException($"Input shape {ShapeText.Format(shape)} must have positive dimensions.", nameof(shape));
        declaredInputShape = (long[])shape.Clone();
        return this;
    }

    /// <summary>Calls the layer on one or more tensors and returns its single output.</summary>
    public SymbolicTensor Call(params SymbolicTensor[] inputs)
    {
        var outputs = CallMany(inputs);
        if (outputs.Count != 1)
            throw new InvalidOperationException($"Layer '{Name}' has {outputs.Count} outputs; use {nameof(CallMany)}.");
        return outputs[0];
    }

    /// <summary>Calls the layer on tensors and returns all its outputs.</summary>
    public IReadOnlyList<SymbolicTensor> CallMany(params SymbolicTensor[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Any(i => i is null)) throw new ArgumentNullException(nameof(inputs), $"Layer '{Name}' was called on a null tensor.");
        CheckInputCount(inputs.Length);
        var shapes = inputs.Select(i => (long[])i.ShapeArray.Clone()).ToArray();
        var outputShapes = InferOutputShapes(shapes);
        if (!IsBuilt)
        {
            Build(shapes);
            IsBuilt = true;
        }
        var call = new LayerCall(this, calls.Count, inputs);
        var outputTypes = InferOutputTypes(inputs.Select(i => i.DataType).ToArray());
        call.SetOutputs(outputShapes.Select((shape, index) => new SymbolicTensor(call, index, (long[])shape.Clone(), outputTypes[index])).ToArray());
        calls.Add(call);
        return call.Outputs;
    }

    /// <summary>How many inputs a call takes; null means "two or more" (merge layers).</summary>
    protected virtual int? InputCount => 1;

    /// <summary>
    /// Checks the per-example input shapes and returns the per-example output shapes.
    /// Throw with <see cref="ShapeError"/> when the inputs cannot be accepted, including
    /// when they do not fit weights built by an earlier call.
    /// </summary>
    protected abstract IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes);

    /// <summary>The output element types; by default every output has the first input's type.</summary>
    protected virtual IReadOnlyList<DataType> InferOutputTypes(IReadOnlyList<DataType> inputTypes) =>
        Enumerable.Repeat(inputTypes[0], 1).ToArray();

    /// <summary>Creates the weights, once, from the first call's input shapes. The default creates none.</summary>
    protected virtual void Build(IReadOnlyList<long[]> inputShapes)
    {
    }

    /// <summary>
    /// Emits the nodes computing one call of this layer and returns the output values.
    /// <paramref name="inputs"/> are the ONNX values of <paramref name="call"/>'s inputs.
    /// </summary>
    protected internal abstract IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs);

    /// <summary>
    /// Creates a weight; only valid from <see cref="Build"/>. Keep the returned weight in a field
    /// and expose it as a property (Dense's <c>Kernel</c>); nothing looks weights up by name.
    /// </summary>
    /// <param name="name">The weight's name within the layer (<c>kernel</c>, <c>bias</c>).</param>
    /// <param name="shape">The shape, in ONNX's layout (Conv kernels are [out, in/groups, kh, kw]).</param>
    /// <param name="initializer">How the values are generated.</param>
    /// <param name="trainable">False for statistics such as BatchNormalization's moving mean.</param>
    /// <param name="fans">Fan-in and fan-out for variance-scaling initializers; by default derived from the shape (see <see cref="Weight"/>).</param>
    /// <param name="kerasLayout">How Keras stores this weight, for loading Keras-trained arrays.</param>
    protected Weight AddWeight(string name, long[] shape, Initializer initializer, bool trainable = true,
        (long FanIn, long FanOut)? fans = null, KerasLayout? kerasLayout = null)
    {
        if (IsBuilt) throw new InvalidOperationException($"Layer '{Name}' adds weight '{name}' after it was built; weights are created in Build.");
        if (weights.Any(w => w.Name == name)) throw new InvalidOperationException($"Layer '{Name}' already has a weight '{name}'.");
        var weight = new Weight(this, name, shape, initializer, trainable, fans, kerasLayout);
        weights.Add(weight);
        return weight;
    }

    /// <summary>
    /// <paramref name="weight"/> once the layer is built; before its first call, an error naming the
    /// layer (for weight properties: <c>public Weight Kernel => Built(kernel)!;</c>).
    /// </summary>
    protected Weight? Built(Weight? weight, [CallerArgumentExpression(nameof(weight))] string what = "")
    {
        if (!IsBuilt) throw new InvalidOperationException($"Layer '{Name}' has no {what} yet: weights are created on the layer's first call.");
        return weight;
    }

    /// <summary>An error naming this layer, for shapes it cannot accept.</summary>
    protected LayerShapeException ShapeError(string message) => new(this, message);

    private void CheckInputCount(int count)
    {
        if (InputCount is int expected && count != expected)
            throw ShapeError($"expects {expected} input{(expected == 1 ? "" : "s")} but was called on {count}.");
        if (InputCount is null && count < 2)
            throw ShapeError($"merges two or more inputs but was called on {count}.");
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({TypeName})";
}
