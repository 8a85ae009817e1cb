namespace OnnxKit.Viewer.Page;

/// <summary>One input or output of a node: its formal name, the value connected, and that value's type.</summary>
internal sealed class PagePort
{
    /// <summary>The operator's name for the parameter (X, W, B, ...), or its position.</summary>
    public required string Param { get; init; }

    /// <summary>The connected value's name; empty for an omitted optional one.</summary>
    public required string Value { get; init; }

    /// <summary>The value's type, e.g. <c>float[1,64,56,56]</c>; empty when unknown.</summary>
    public string Type { get; init; } = "";

    /// <summary>When the value is a weight (initializer): its index in <see cref="PageDocument.Tensors"/>.</summary>
    public int? Tensor { get; init; }
}
