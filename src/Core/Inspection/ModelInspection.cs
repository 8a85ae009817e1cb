using OnnxKit.Ir;

namespace OnnxKit.Inspection;

/// <summary>What <c>onnxkit inspect</c> reports about a model; plain data, serializable to JSON.</summary>
public sealed record ModelInspection
{
    /// <summary>The IR (file format) version.</summary>
    public required long IrVersion { get; init; }

    /// <summary>Producer name and version, as recorded.</summary>
    public string? Producer { get; init; }

    /// <summary>The model's domain, version and doc string.</summary>
    public string? Domain { get; init; }

    /// <summary>The model's own version number.</summary>
    public long? ModelVersion { get; init; }

    /// <summary>The doc string.</summary>
    public string? DocString { get; init; }

    /// <summary>Operator sets, as "domain:version" ("ai.onnx" for the default domain).</summary>
    public required IReadOnlyList<string> OpsetImports { get; init; }

    /// <summary>The main graph's inputs that are not initializers.</summary>
    public required IReadOnlyList<ValueDescription> Inputs { get; init; }

    /// <summary>The main graph's outputs.</summary>
    public required IReadOnlyList<ValueDescription> Outputs { get; init; }

    /// <summary>Node count per op type (domain-qualified outside ai.onnx), all graphs included, most frequent first.</summary>
    public required IReadOnlyList<OpCount> OpHistogram { get; init; }

    /// <summary>Nodes in all graphs, subgraphs included.</summary>
    public required int NodeCount { get; init; }

    /// <summary>Subgraphs held by attributes (If/Loop/Scan bodies).</summary>
    public required int SubgraphCount { get; init; }

    /// <summary>Model-local functions.</summary>
    public required IReadOnlyList<string> Functions { get; init; }

    /// <summary>
    /// Total elements of all parameters: the initializers and the numeric tensors of Constant nodes (some
    /// exporters, PaddleOCR's and Silero's among them, keep every weight in Constant nodes).
    /// </summary>
    public required long ParameterCount { get; init; }

    /// <summary>The part of <see cref="ParameterCount"/> stored in Constant nodes rather than initializers.</summary>
    public required long ConstantNodeParameterCount { get; init; }

    /// <summary>How many Constant nodes hold those parameters.</summary>
    public required int ConstantNodeCount { get; init; }

    /// <summary>Parameters (initializers and Constant nodes) and bytes per element type, largest first.</summary>
    public required IReadOnlyList<ParameterGroup> ParametersByType { get; init; }

    /// <summary>External data files with the number of tensors and bytes each holds.</summary>
    public required IReadOnlyList<ExternalFileUse> ExternalData { get; init; }

    /// <summary>Metadata entries.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; }
}

/// <summary>A graph input or output: name, type and shape as text (e.g. <c>tensor(float)[N,3,224,224]</c>).</summary>
public sealed record ValueDescription(string Name, string ElementType, IReadOnlyList<string>? Shape, string Type);

/// <summary>How many nodes use an op type.</summary>
public sealed record OpCount(string OpType, int Count);

/// <summary>Parameter elements and bytes of one element type.</summary>
public sealed record ParameterGroup(string ElementType, long Elements, long Bytes);

/// <summary>An external data file, the tensors stored in it and their bytes.</summary>
public sealed record ExternalFileUse(string Location, int Tensors, long Bytes);
