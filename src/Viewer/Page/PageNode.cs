namespace OnnxKit.Viewer.Page;

/// <summary>A box in the graph: an operator with its attributes, ports and collapsed weights, or a graph input/output.</summary>
internal sealed class PageNode
{
    /// <summary>Unique within the page.</summary>
    public required string Id { get; init; }

    /// <summary>What the box stands for.</summary>
    public PageNodeKind Kind { get; init; }

    /// <summary>The node's name (or the input/output value's name).</summary>
    public string Name { get; init; } = "";

    /// <summary>The operator type; for inputs and outputs, the value's type label.</summary>
    public string Op { get; init; } = "";

    /// <summary>The operator's domain, when not ai.onnx.</summary>
    public string? Domain { get; init; }

    /// <summary>The colour family (an <see cref="Graphs.OpCategory"/> name, or input/output).</summary>
    public required string Category { get; init; }

    /// <summary>The node's doc string.</summary>
    public string? Doc { get; init; }

    /// <summary>The attributes, in file order.</summary>
    public List<PageAttribute> Attributes { get; } = [];

    /// <summary>The inputs, in order, omitted optional ones included with an empty value name.</summary>
    public List<PagePort> Inputs { get; } = [];

    /// <summary>The outputs, in order.</summary>
    public List<PagePort> Outputs { get; } = [];

    /// <summary>The subgraphs held by the node's attributes.</summary>
    public List<PageSubgraph> Subgraphs { get; } = [];

    /// <summary>Average time per run from a bench profile, in milliseconds.</summary>
    public double? TimeMs { get; set; }

    /// <summary>The arithmetic precision the node computes in (fp32, fp16, int8, ...), when it has one.</summary>
    public string? Precision { get; set; }

    /// <summary>For a diff: added, removed, changed or unchanged.</summary>
    public string? Diff { get; set; }

    /// <summary>For a diff: what changed, one line each.</summary>
    public List<string>? Changes { get; set; }

    /// <summary>For a diff: the id of the matching node in the other model.</summary>
    public string? Counterpart { get; set; }
}
