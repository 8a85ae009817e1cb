using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>
/// Applies an activation as its own layer (Keras's <c>Activation('relu')</c>, written
/// <c>Layers.Activation(Activation.Relu)</c>); summaries call it <c>Activation</c>, as Keras does.
/// </summary>
public sealed class ActivationLayer(Activation function, string? name = null) : Layer(name)
{
    /// <summary>The activation.</summary>
    public Activation Function { get; } = function ?? throw new ArgumentNullException(nameof(function));

    /// <inheritdoc/>
    public override string TypeName => "Activation";

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes) => [inputShapes[0]];

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs) =>
        [Function.IsLinear ? builder.Identity(inputs[0]) : Function.Apply(builder, inputs[0], call.Inputs[0].Rank)];
}
