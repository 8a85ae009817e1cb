using OnnxKit.Ir;

namespace OnnxKit.Reference.Engine;

/// <summary>One node of a compiled graph, bound to what computes it: a kernel or a model-local function.</summary>
internal sealed class Step
{
    /// <summary>Creates a step.</summary>
    public Step(Node node, string path, int domainOpset)
    {
        Node = node;
        Path = path;
        DomainOpset = domainOpset;
    }

    /// <summary>The node.</summary>
    public Node Node { get; }

    /// <summary>Where the node is, for error messages (graph and node names).</summary>
    public string Path { get; }

    /// <summary>The opset version the enclosing model or function imports for the node's domain.</summary>
    public int DomainOpset { get; }

    /// <summary>The kernel, unless the node calls a model-local function.</summary>
    public KernelEntry? Kernel { get; init; }

    /// <summary>The governing schema version of the node's operator.</summary>
    public int SchemaVersion { get; init; }

    /// <summary>The function the node calls, when it calls one.</summary>
    public Function? Function { get; init; }

    /// <summary>The values no later step of this graph reads; dropped after this step to free memory.</summary>
    public Value[] ReleaseAfter { get; set; } = [];
}
