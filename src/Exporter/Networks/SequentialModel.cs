using OnnxKit.Exporter.StandardLayers;

namespace OnnxKit.Exporter.Networks;

/// <summary>
/// A linear stack of layers (Keras's <c>Sequential</c>), from a list or built with
/// <see cref="Add"/>. The input shape comes from a leading input layer, from the first
/// layer's declared input shape, or from <see cref="Build"/>; once it is known each added
/// layer is called immediately, so shape errors appear at <see cref="Add"/>.
/// </summary>
public sealed class SequentialModel : Network
{
    private readonly List<Layer> layers = [];
    private SymbolicTensor? input;
    private SymbolicTensor? output;

    /// <summary>Creates the model and adds <paramref name="layers"/> in order.</summary>
    public SequentialModel(IEnumerable<Layer>? layers = null, string? name = null) : base(name)
    {
        foreach (var layer in layers ?? []) Add(layer);
    }

    /// <inheritdoc/>
    public override string TypeName => "Sequential";

    /// <inheritdoc/>
    protected override string NamePrefix => "sequential";

    /// <summary>The stacked layers (Keras leaves the input layer out).</summary>
    public override IReadOnlyList<Layer> Sublayers => layers;

    /// <inheritdoc/>
    public override IReadOnlyList<SymbolicTensor> Inputs => [input ?? throw NotBuilt()];

    /// <inheritdoc/>
    public override IReadOnlyList<SymbolicTensor> Outputs => [output ?? throw NotBuilt()];

    /// <summary>Appends a layer (calling it on the current output when the input shape is known).</summary>
    public void Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer is InputLayer inputLayer)
        {
            if (input is not null || layers.Count > 0)
                throw new OnnxKitException($"Sequential model '{Name}': an input layer ('{inputLayer.Name}') can only come first.");
            input = output = inputLayer.Output;
            return;
        }
        if (input is null && layers.Count == 0 && layer.DeclaredInputShape is { } shape)
            input = output = new InputLayer(shape.ToArray(), name: $"{layer.Name}_input").Output;
        if (output is not null) output = layer.Call(output);
        layers.Add(layer);
        InvalidateGraph();
    }

    /// <summary>Sets the per-example input shape of a model whose first layer declared none, and calls every layer.</summary>
    public void Build(params long[] inputShape)
    {
        if (input is not null) throw new OnnxKitException($"Sequential model '{Name}' already has input shape {ShapeText.Format(input.Shape)}.");
        if (layers.Count == 0) throw new OnnxKitException($"Sequential model '{Name}' has no layers to build.");
        input = output = new InputLayer(inputShape, name: $"{layers[0].Name}_input").Output;
        foreach (var layer in layers) output = layer.Call(output);
        InvalidateGraph();
    }

    private OnnxKitException NotBuilt() => new(
        $"Sequential model '{Name}' has no input shape yet: start it with Layers.InputLayer(...), give the first layer .WithInputShape(...), or call Build(shape).");
}
