namespace OnnxKit.Ir;

/// <summary>
/// An ONNX model: the main graph plus everything the file records around it
/// (IR version, opset imports, producer, metadata, model-local functions, training info).
/// </summary>
public sealed class Model
{
    /// <summary>Creates a model around <paramref name="graph"/>.</summary>
    public Model(Graph graph, long irVersion, IEnumerable<OpsetImport> opsetImports)
    {
        Graph = graph;
        IrVersion = irVersion;
        OpsetImports.AddRange(opsetImports);
    }

    /// <summary>The main graph.</summary>
    public Graph Graph { get; set; }

    /// <summary>The IR (file format) version the model declares.</summary>
    public long IrVersion { get; set; }

    /// <summary>The operator sets the model uses, in file order.</summary>
    public List<OpsetImport> OpsetImports { get; } = [];

    /// <summary>The tool that wrote the model.</summary>
    public string? ProducerName { get; set; }

    /// <summary>The version of that tool.</summary>
    public string? ProducerVersion { get; set; }

    /// <summary>The model's namespace (reverse-DNS by convention).</summary>
    public string? Domain { get; set; }

    /// <summary>The model's own version number.</summary>
    public long? ModelVersion { get; set; }

    /// <summary>The model's doc string.</summary>
    public string? DocString { get; set; }

    /// <summary>Metadata entries, in file order.</summary>
    public List<KeyValuePair<string, string>> Metadata { get; } = [];

    /// <summary>Model-local functions, callable from nodes by (domain, name, overload).</summary>
    public List<Function> Functions { get; } = [];

    /// <summary>Training-time graphs, if the model carries any.</summary>
    public List<TrainingInfo> TrainingInfo { get; } = [];

    /// <summary>Multi-device configurations, kept verbatim from the file (OnnxKit does not interpret them).</summary>
    internal object? DeviceConfigurations { get; set; }

    /// <summary>The version imported for <paramref name="domain"/> ("" and "ai.onnx" are the same), or null.</summary>
    public long? OpsetVersion(string domain)
    {
        return OpsetImports.Find(o => DomainNames.Same(o.Domain, domain))?.Version;
    }

    /// <summary>The model-local function called by a node of this domain and op type, or null.</summary>
    public Function? FindFunction(string domain, string name, string? overload = null) =>
        Functions.Find(f => f.Domain == domain && f.Name == name && (f.Overload ?? "") == (overload ?? ""));

    /// <summary>Every graph of the model: the main graph, training graphs, function bodies and all their subgraphs.</summary>
    public IEnumerable<Graph> AllGraphs()
    {
        IEnumerable<Graph> roots = [Graph, .. Functions.Select(f => f.Body),
            .. TrainingInfo.SelectMany(t => new[] { t.Initialization, t.Algorithm }.OfType<Graph>())];
        foreach (var root in roots)
        {
            foreach (var graph in GraphWalker.SelfAndSubgraphs(root)) yield return graph;
        }
    }

    /// <summary>
    /// A deep copy: new graphs, nodes, values and functions wired the same way, which saves
    /// to the same bytes. Tensor data is shared (tensors are immutable), so copying is cheap.
    /// </summary>
    public Model Clone() => ModelCopier.Copy(this);

    /// <inheritdoc/>
    public override string ToString() => IrPrinter.Print(this);
}
