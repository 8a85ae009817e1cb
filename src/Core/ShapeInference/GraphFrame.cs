using OnnxKit.Ir;
using OnnxKit.Schemas;

namespace OnnxKit.ShapeInference;

/// <summary>
/// One graph being walked and its surroundings: the store, the opsets in force, where it sits in
/// the model (for paths), and, inside a function body instantiated for a call, the caller's
/// attribute values.
/// </summary>
internal sealed class GraphFrame
{
    private readonly IReadOnlyList<OpsetImport> opsets;
    private readonly IReadOnlyList<OpsetImport> fallbackOpsets;

    public GraphFrame(Graph graph, TypeStore store, string path, IReadOnlyList<OpsetImport> opsets,
        IReadOnlyList<OpsetImport> fallbackOpsets, bool writeValueInfo)
    {
        Graph = graph;
        Store = store;
        Path = path;
        this.opsets = opsets;
        this.fallbackOpsets = fallbackOpsets;
        WriteValueInfo = writeValueInfo;
    }

    public Graph Graph { get; }

    public TypeStore Store { get; }

    public string Path { get; }

    /// <summary>Whether newly typed intermediate values go into <see cref="Graph.ValueInfo"/>.</summary>
    public bool WriteValueInfo { get; }

    /// <summary>The function attributes in force when the body is walked for a call; null when walked on its own.</summary>
    public IReadOnlyDictionary<string, Ir.Attribute>? FunctionAttributes { get; init; }

    /// <summary>The functions being instantiated around this frame (to stop recursion).</summary>
    public IReadOnlyList<Function> ActiveFunctions { get; init; } = [];

    /// <summary>The frame of a subgraph held by a node of this frame, in this frame's store or in <paramref name="store"/>.</summary>
    public GraphFrame ForSubgraph(Graph subgraph, string path, TypeStore? store = null) =>
        new(subgraph, store ?? Store, path, opsets, fallbackOpsets, WriteValueInfo)
    {
        FunctionAttributes = FunctionAttributes,
        ActiveFunctions = ActiveFunctions,
    };

    /// <summary>The opset version in force for <paramref name="domain"/>; the newest known when the model imports none.</summary>
    public int OpsetOf(string domain)
    {
        var import = opsets.FirstOrDefault(o => DomainNames.Same(o.Domain, domain))
            ?? fallbackOpsets.FirstOrDefault(o => DomainNames.Same(o.Domain, domain));
        if (import is not null) return (int)Math.Clamp(import.Version, 0, int.MaxValue);
        return OpSchemaRegistry.Default.NewestOpset(domain) ?? 1;
    }

    /// <summary>
    /// The attribute as it applies here: a reference to a function attribute is replaced by the
    /// caller's value (null when the caller gave none and there is no default).
    /// </summary>
    public Ir.Attribute? Resolve(Ir.Attribute? attribute)
    {
        if (attribute?.RefAttributeName is not { } name) return attribute;
        if (FunctionAttributes is null)
            throw new InferenceFailure($"attribute '{attribute.Name}' refers to function attribute '{name}'", silent: true);
        return FunctionAttributes.GetValueOrDefault(name);
    }
}
