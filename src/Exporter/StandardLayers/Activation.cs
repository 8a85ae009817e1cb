using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>Applies an activation as its own layer (Keras's <c>Activation('relu')</c>).</summary>
public sealed class Activation(ActivationFunction function, string? name = null) : Layer(name)
{
    /// <summary>The activation.</summary>
    public ActivationFunction Function { get; } = function ?? throw new ArgumentNullException(nameof(function));

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes) => [inputShapes[0]];

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs) =>
        [Function.IsLinear ? builder.Identity(inputs[0]) : Function.Apply(builder, inputs[0], call.Inputs[0].Rank)];
}
