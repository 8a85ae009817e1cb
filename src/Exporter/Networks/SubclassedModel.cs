using OnnxKit.Exporter.StandardLayers;

namespace OnnxKit.Exporter.Networks;

/// <summary>
/// A model written as a class (Keras's subclassed <c>Model</c> with <c>call()</c>): create
/// layers in the constructor and wire them in <see cref="Forward"/>, where a layer may be
/// called more than once to share its weights. The forward pass is traced on symbolic
/// inputs of the given shapes the first time the graph is needed.
/// </summary>
public abstract class SubclassedModel : Network
{
    private readonly long[][] inputShapes;
    private (SymbolicTensor[] Inputs, SymbolicTensor[] Outputs)? traced;

    /// <summary>Creates the model with one input of per-example shape <paramref name="inputShape"/>.</summary>
    protected SubclassedModel(long[] inputShape, string? name = null) : this([inputShape], name)
    {
    }

    /// <summary>Creates the model with several inputs.</summary>
    protected SubclassedModel(IReadOnlyList<long[]> inputShapes, string? name = null) : base(name)
    {
        this.inputShapes = inputShapes.Select(s => (long[])s.Clone()).ToArray();
    }

    /// <summary>The forward pass: the outputs computed from <paramref name="inputs"/>.</summary>
    protected abstract IReadOnlyList<SymbolicTensor> Forward(IReadOnlyList<SymbolicTensor> inputs);

    /// <inheritdoc/>
    public override IReadOnlyList<SymbolicTensor> Inputs => Trace().Inputs;

    /// <inheritdoc/>
    public override IReadOnlyList<SymbolicTensor> Outputs => Trace().Outputs;

    private (SymbolicTensor[] Inputs, SymbolicTensor[] Outputs) Trace()
    {
        if (traced is { } done) return done;
        var inputs = inputShapes.Select(s => new InputLayer(s).Output).ToArray();
        var outputs = Forward(inputs).ToArray();
        traced = (inputs, outputs);
        return traced.Value;
    }
}
