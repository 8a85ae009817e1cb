namespace OnnxKit.Viewer.Page;

/// <summary>A node attribute as shown in the side panel.</summary>
internal sealed class PageAttribute
{
    /// <summary>The attribute's name.</summary>
    public required string Name { get; init; }

    /// <summary>The attribute's kind (int, floats, tensor, graph, ...).</summary>
    public required string Type { get; init; }

    /// <summary>The value, formatted and abbreviated.</summary>
    public required string Value { get; init; }

    /// <summary>For a tensor attribute: its index in <see cref="PageDocument.Tensors"/>.</summary>
    public int? Tensor { get; init; }
}
