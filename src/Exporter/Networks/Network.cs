using OnnxKit.Exporter.Export;
using OnnxKit.Exporter.StandardLayers;
using OnnxKit.Exporter.Lowering;
using OnnxKit.Inspection;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.Networks;

/// <summary>
/// A model: a graph of layer calls from symbolic inputs to outputs. Models are layers too,
/// so a model can be called inside another (ensembles, composable stems and heads); its
/// weights are shared with every place it is called. Summaries, export and weight loading
/// live here.
/// </summary>
public abstract class Network : Layer
{
    private NetworkGraph? graph;

    /// <summary>Creates a model named <paramref name="name"/> or automatically.</summary>
    protected Network(string? name) : base(name)
    {
    }

    /// <summary>Renames the model (before it is called inside another model); returns it.</summary>
    public Network WithName(string name)
    {
        SetName(name);
        return this;
    }

    /// <summary>The model's input tensors.</summary>
    public abstract IReadOnlyList<SymbolicTensor> Inputs { get; }

    /// <summary>The model's output tensors.</summary>
    public abstract IReadOnlyList<SymbolicTensor> Outputs { get; }

    /// <summary>The layers, in order of first use, input layers included (Keras's <c>model.layers</c>; named so that it does not hide the <see cref="Exporter.Layers"/> factory inside subclassed models).</summary>
    public virtual IReadOnlyList<Layer> Sublayers => Graph.Layers;

    /// <summary>The distinct weights of all layers.</summary>
    public override IReadOnlyList<Weight> Weights => Graph.Layers.SelectMany(l => l.Weights).Distinct().ToArray();

    /// <summary>Freezing or unfreezing a model does the same to every layer in it.</summary>
    public override bool Trainable
    {
        get => base.Trainable;
        set
        {
            base.Trainable = value;
            foreach (var layer in Graph.Layers) layer.Trainable = value;
        }
    }

    internal NetworkGraph Graph => graph ??= NetworkGraph.Trace(Name, Inputs, Outputs);

    /// <summary>Forgets the traced graph (after a Sequential model gains a layer).</summary>
    private protected void InvalidateGraph() => graph = null;

    /// <summary>The layer named <paramref name="name"/>.</summary>
    public Layer GetLayer(string name) => Graph.Layers.FirstOrDefault(l => l.Name == name)
        ?? throw new KeyNotFoundException($"Model '{Name}' has no layer named '{name}'.");

    /// <summary>The Keras-style summary table (layer, output shape, parameters, connections; totals).</summary>
    public string Summary() => SummaryReport().Render();

    /// <summary>The summary as data: rows and parameter totals (the same type <see cref="ModelSummarizer"/> gives for ONNX files).</summary>
    public ModelSummary SummaryReport() => NetworkSummary.Build(this);

    /// <summary>Builds the ONNX model at the options' opset.</summary>
    public Model ToOnnx(ExportOptions? options = null) => ModelExporter.Export(this, options ?? new ExportOptions());

    /// <summary>
    /// Exports to <paramref name="path"/> atomically. Weights go to an external data file
    /// (<c>path.data</c>) when the options ask for it or the model would pass protobuf's 2 GiB
    /// limit; large ones are then generated while they are written, never held in memory.
    /// </summary>
    public ExportedFiles Export(string path, ExportOptions? options = null) => ModelExporter.Save(this, path, options ?? new ExportOptions());

    /// <summary>
    /// Assigns weights from a <c>.npz</c> archive, or a folder of <c>layer/weight.npy</c> files,
    /// keyed by weight name (<c>dense_1/kernel</c>, optionally with Keras's <c>:0</c> suffix).
    /// </summary>
    public WeightLoadResult LoadWeights(string path, WeightLayout layout = WeightLayout.Onnx) => WeightLoader.Load(this, path, layout);

    /// <summary>
    /// Assigns weights from tensors keyed by weight name (<c>dense_1/kernel</c>). The initializers of
    /// an exported model carry these names, so values trained on the exported graph come back this
    /// way. Every tensor must match a weight's name and shape, or nothing is assigned.
    /// </summary>
    public WeightLoadResult AssignWeights(IReadOnlyDictionary<string, ITensor> values, WeightLayout layout = WeightLayout.Onnx) =>
        WeightLoader.Assign(this, values, layout, "the assigned values");

    /// <inheritdoc/>
    protected override int? InputCount => Inputs.Count;

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes)
    {
        for (int i = 0; i < Inputs.Count; i++)
        {
            if (!inputShapes[i].SequenceEqual(Inputs[i].Shape))
                throw ShapeError($"input {i} expects shape {ShapeText.Format(Inputs[i].Shape)} but was called on {ShapeText.Format(inputShapes[i])}.");
        }
        return Outputs.Select(o => o.ShapeArray).ToArray();
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<DataType> InferOutputTypes(IReadOnlyList<DataType> inputTypes) => Outputs.Select(o => o.DataType).ToArray();

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs)
    {
        var values = new Dictionary<SymbolicTensor, Value>();
        for (int i = 0; i < Inputs.Count; i++) values[Inputs[i]] = inputs[i];
        using (builder.NestedScope()) CallLowering.Lower(builder, Graph.Calls, values);
        return Outputs.Select(o => values[o]).ToArray();
    }
}
