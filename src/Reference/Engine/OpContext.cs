using OnnxKit.Ir;

namespace OnnxKit.Reference.Engine;

/// <summary>
/// What a kernel sees of one node execution: its inputs, its attributes (with references to an
/// enclosing function's attributes resolved), the schema version that governs it, and a way to
/// run its subgraphs. The kernel stores its results with <see cref="SetOutput"/>.
/// </summary>
internal sealed class OpContext
{
    private readonly GraphExecutor executor;
    private readonly Step step;
    private readonly Frame frame;
    private readonly RuntimeValue?[] inputs;

    /// <summary>Creates the context of one node execution.</summary>
    public OpContext(GraphExecutor executor, Step step, Frame frame, RuntimeValue?[] inputs)
    {
        this.executor = executor;
        this.step = step;
        this.frame = frame;
        this.inputs = inputs;
        Outputs = new RuntimeValue?[step.Node.Outputs.Count];
    }

    /// <summary>The node being computed.</summary>
    public Node Node => step.Node;

    /// <summary>The operator name.</summary>
    public string OpType => step.Node.OpType;

    /// <summary>The resource limits of the run (loop iterations, tensor bytes).</summary>
    public OnnxKit.Security.ResourceLimits Limits => executor.Limits;

    /// <summary>Stops the run between loop iterations when cancelled.</summary>
    public CancellationToken Cancellation => frame.Cancellation;

    /// <summary>The since-version of the operator schema that governs this node.</summary>
    public int Version => step.SchemaVersion;

    /// <summary>The outputs set so far, by position.</summary>
    public RuntimeValue?[] Outputs { get; }

    /// <summary>The number of inputs the node lists (omitted trailing ones excluded).</summary>
    public int InputCount => inputs.Length;

    /// <summary>The number of outputs the node lists.</summary>
    public int OutputCount => Outputs.Length;

    /// <summary>True when input <paramref name="index"/> is present.</summary>
    public bool HasInput(int index) => index < inputs.Length && inputs[index] is not null;

    /// <summary>Input <paramref name="index"/> of any kind, or null when omitted.</summary>
    public RuntimeValue? Value(int index) => index < inputs.Length ? inputs[index] : null;

    /// <summary>Required tensor input <paramref name="index"/>.</summary>
    public TensorValue Input(int index) => OptionalInput(index)
        ?? throw new OnnxKitException($"required input {index} is missing.");

    /// <summary>Tensor input <paramref name="index"/>, or null when omitted (or an empty tensor name).</summary>
    public TensorValue? OptionalInput(int index) => Value(index) switch
    {
        null => null,
        TensorValue t => t,
        var other => throw new OnnxKitException($"input {index} must be a tensor, got {other.Describe()}."),
    };

    /// <summary>True when output <paramref name="index"/> is requested by the node.</summary>
    public bool HasOutput(int index) => index < Outputs.Length && step.Node.Outputs[index].Name.Length > 0;

    /// <summary>Sets output <paramref name="index"/> (ignored when the node does not request it).</summary>
    public void SetOutput(int index, RuntimeValue value)
    {
        if (index < Outputs.Length) Outputs[index] = value;
    }

    /// <summary>The attribute named <paramref name="name"/>, resolved through function attribute references; null when absent.</summary>
    public Ir.Attribute? Attribute(string name) =>
        step.Node.Attributes[name] is { } attribute ? Resolve(attribute, frame.FunctionAttributes) : null;

    /// <summary>An integer attribute, or <paramref name="fallback"/>.</summary>
    public long Int(string name, long fallback) => Attribute(name)?.AsInt() ?? fallback;

    /// <summary>An integer attribute, or null.</summary>
    public long? IntOrNull(string name) => Attribute(name)?.AsInt();

    /// <summary>A float attribute, or <paramref name="fallback"/>.</summary>
    public float Float(string name, float fallback) => Attribute(name)?.AsFloat() ?? fallback;

    /// <summary>A float attribute, or null.</summary>
    public float? FloatOrNull(string name) => Attribute(name)?.AsFloat();

    /// <summary>A string attribute, or <paramref name="fallback"/>.</summary>
    public string String(string name, string fallback) => Attribute(name)?.AsString() ?? fallback;

    /// <summary>An integer-list attribute, or null.</summary>
    public long[]? Ints(string name) => Attribute(name)?.AsInts().ToArray();

    /// <summary>A float-list attribute, or null.</summary>
    public float[]? Floats(string name) => Attribute(name)?.AsFloats().ToArray();

    /// <summary>A string-list attribute, or null.</summary>
    public string[]? Strings(string name) => Attribute(name)?.AsStrings().ToArray();

    /// <summary>A tensor attribute, or null.</summary>
    public TensorValue? Tensor(string name) => Attribute(name) is { } a ? TensorValue.FromTensor(a.AsTensor()) : null;

    /// <summary>A required graph attribute.</summary>
    public Graph Graph(string name) => Attribute(name)?.AsGraph() ?? throw new OnnxKitException($"attribute '{name}' (a graph) is missing.");

    /// <summary>A required attribute, for kernels that must have it.</summary>
    public Ir.Attribute Required(string name) => Attribute(name) ?? throw new OnnxKitException($"attribute '{name}' is missing.");

    /// <summary>Runs a subgraph of this node with <paramref name="graphInputs"/> bound to its inputs; it reads outer values through this node's frame.</summary>
    public RuntimeValue[] RunSubgraph(Graph graph, IReadOnlyList<RuntimeValue?> graphInputs) =>
        executor.Run(executor.Model.Subgraph(graph), graphInputs, frame, frame.FunctionAttributes, frame.Cancellation);

    /// <summary>
    /// <paramref name="attribute"/> with a function-attribute reference replaced by the caller's value;
    /// null when it refers to an attribute the call does not set.
    /// </summary>
    public static Ir.Attribute? Resolve(Ir.Attribute attribute, IReadOnlyDictionary<string, Ir.Attribute>? functionAttributes)
    {
        if (attribute.RefAttributeName is not { } reference) return attribute;
        if (functionAttributes is null || !functionAttributes.TryGetValue(reference, out var bound)) return null;
        return new Ir.Attribute(attribute.Name, bound.Type, bound.Value);
    }
}
