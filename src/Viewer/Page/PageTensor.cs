using OnnxKit.Viewer.Statistics;

namespace OnnxKit.Viewer.Page;

/// <summary>A weight or constant: its type, shape and statistics.</summary>
internal sealed class PageTensor
{
    /// <summary>The tensor's name.</summary>
    public required string Name { get; init; }

    /// <summary>The element type's ONNX name.</summary>
    public required string DataType { get; init; }

    /// <summary>The dimensions.</summary>
    public required IReadOnlyList<long> Shape { get; init; }

    /// <summary>Size of the data in bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>The statistics, when the element type has them and the data could be read.</summary>
    public TensorStatistics? Stats { get; init; }

    /// <summary>Why there are no statistics, when the data could not be read.</summary>
    public string? Error { get; init; }
}
