namespace OnnxKit.Exporter.Networks;

/// <summary>
/// A model defined by its inputs and outputs (Keras's functional <c>Model(inputs, outputs)</c>):
/// any graph of layer calls, with several inputs or outputs, shared layers and skip
/// connections. The graph is checked when the model is created.
/// </summary>
public sealed class FunctionalModel : Network
{
    private readonly SymbolicTensor[] inputs;
    private readonly SymbolicTensor[] outputs;

    /// <summary>A model with one input and one output.</summary>
    public FunctionalModel(SymbolicTensor input, SymbolicTensor output, string? name = null) : this([input], [output], name)
    {
    }

    /// <summary>A model with any number of inputs and outputs.</summary>
    public FunctionalModel(IReadOnlyList<SymbolicTensor> inputs, IReadOnlyList<SymbolicTensor> outputs, string? name = null) : base(name)
    {
        this.inputs = inputs.ToArray();
        this.outputs = outputs.ToArray();
        _ = Graph;
    }

    /// <inheritdoc/>
    public override string TypeName => "Functional";

    /// <inheritdoc/>
    protected override string NamePrefix => "model";

    /// <inheritdoc/>
    public override IReadOnlyList<SymbolicTensor> Inputs => inputs;

    /// <inheritdoc/>
    public override IReadOnlyList<SymbolicTensor> Outputs => outputs;
}
