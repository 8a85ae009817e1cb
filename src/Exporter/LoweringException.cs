namespace OnnxKit.Exporter;

/// <summary>
/// A layer cannot be expressed at the requested opset: the operator it needs does not
/// exist there and has no decomposition. The message names the layer, the operator,
/// the requested opset and the range of opsets that work.
/// </summary>
public sealed class LoweringException : OnnxKitException
{
    internal LoweringException(string? layerDescription, string opType, int requestedOpset, int minOpset, int maxOpset, string detail)
        : base($"{(layerDescription is null ? "" : $"Layer {layerDescription}: ")}{opType} cannot be exported at opset {requestedOpset}: {detail} (supported opsets: {minOpset}–{maxOpset}).")
    {
        OpType = opType;
        RequestedOpset = requestedOpset;
        MinOpset = minOpset;
        MaxOpset = maxOpset;
    }

    /// <summary>The operator that could not be emitted.</summary>
    public string OpType { get; }

    /// <summary>The opset that was asked for.</summary>
    public int RequestedOpset { get; }

    /// <summary>The oldest opset at which the construct can be exported.</summary>
    public int MinOpset { get; }

    /// <summary>The newest opset at which the construct can be exported.</summary>
    public int MaxOpset { get; }
}
