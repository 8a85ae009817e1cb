using OnnxKit.Schemas;
using OnnxKit.Serialization;

namespace OnnxKit.Exporter.Export;

/// <summary>How a model is exported to ONNX.</summary>
public sealed record ExportOptions
{
    /// <summary>The default opset: 17, the newest that ONNX 1.12's checker (Debian's python3-onnx) and TensorRT 8.5+ accept.</summary>
    public const int DefaultOpset = 17;

    /// <summary>The target <c>ai.onnx</c> opset, <see cref="OpsetSupport.MinOpset"/> to <see cref="OpsetSupport.MaxOpset"/>.</summary>
    public int Opset { get; init; } = DefaultOpset;

    /// <summary>A fixed batch size, or null for a symbolic batch dimension named <see cref="BatchDimensionName"/>.</summary>
    public long? BatchSize { get; init; }

    /// <summary>The symbol of the batch dimension when <see cref="BatchSize"/> is null.</summary>
    public string BatchDimensionName { get; init; } = "batch";

    /// <summary>The seed from which weights without assigned values are generated.</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// Accept and produce channels-last images: 3-D per-example inputs and outputs are
    /// transposed at the graph boundary (NHWC outside, NCHW inside) and Flatten uses Keras's
    /// (height, width, channels) order.
    /// </summary>
    public bool ChannelsLast { get; init; }

    /// <summary>The model's doc string; by default a line naming the model and the opset.</summary>
    public string? DocString { get; init; }

    /// <summary>The model's version number.</summary>
    public long ModelVersion { get; init; } = 1;

    /// <summary>The model's domain (reverse-DNS by convention), if any.</summary>
    public string? Domain { get; init; }

    /// <summary>Extra metadata entries written to the model.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Where weights go when saving: <see cref="ExternalDataMode.Auto"/> keeps them inline
    /// unless the model would pass protobuf's 2 GiB limit.
    /// </summary>
    public ExternalDataMode ExternalData { get; init; } = ExternalDataMode.Auto;

    /// <summary>Weights smaller than this many bytes stay inline when weights go to external data.</summary>
    public long ExternalDataThreshold { get; init; } = 1024;

    /// <summary>The size limit for one weight (<see cref="OnnxKit.Security.ResourceLimits.MaxTensorBytes"/>), checked before anything is written.</summary>
    public OnnxKit.Security.ResourceLimits Limits { get; init; } = OnnxKit.Security.ResourceLimits.Default;

    /// <summary>Stops the export between layers and before the file is written (Ctrl+C); nothing is written then.</summary>
    public CancellationToken Cancellation { get; init; }
}
