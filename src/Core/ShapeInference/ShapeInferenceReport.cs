namespace OnnxKit.ShapeInference;

/// <summary>What <see cref="ShapeInferer.Infer"/> did to a model and what it could not do.</summary>
public sealed class ShapeInferenceReport
{
    /// <summary>Creates a report.</summary>
    public ShapeInferenceReport(int nodeCount, int typedValueCount, int refinedValueCount,
        IReadOnlyList<UncoveredNode> nodesWithoutRule, IReadOnlyList<ShapeInferenceDiagnostic> diagnostics)
    {
        NodeCount = nodeCount;
        TypedValueCount = typedValueCount;
        RefinedValueCount = refinedValueCount;
        NodesWithoutRule = nodesWithoutRule;
        Diagnostics = diagnostics;
    }

    /// <summary>Nodes visited, in every graph, subgraph and function body.</summary>
    public int NodeCount { get; }

    /// <summary>Values that had no type and now have one.</summary>
    public int TypedValueCount { get; }

    /// <summary>Values whose declared type was made more specific (a shape added, a symbol resolved to a size).</summary>
    public int RefinedValueCount { get; }

    /// <summary>Nodes whose operator has no shape rule, in visiting order.</summary>
    public IReadOnlyList<UncoveredNode> NodesWithoutRule { get; }

    /// <summary>Conflicts and inconsistent nodes, in visiting order.</summary>
    public IReadOnlyList<ShapeInferenceDiagnostic> Diagnostics { get; }

    /// <summary>True when there is no conflict and no inconsistent node.</summary>
    public bool IsConsistent => Diagnostics.Count == 0;
}
