namespace OnnxKit.Optimizer.Float16;

/// <summary>What a float16 conversion did.</summary>
public sealed record Float16Report
{
    /// <summary>Nodes now computing in float16.</summary>
    public int ConvertedNodes { get; init; }

    /// <summary>Nodes left in float32, with reasons.</summary>
    public IReadOnlyList<KeptNode> KeptNodes { get; init; } = [];

    /// <summary>Float32 constants (initializers and Constant tensors) now stored as float16.</summary>
    public int ConvertedConstants { get; init; }

    /// <summary>Bytes of float32 constant data before the conversion.</summary>
    public long Float32BytesBefore { get; init; }

    /// <summary>Constants whose values were clamped into float16's range.</summary>
    public IReadOnlyList<ClampedTensor> Clamped { get; init; } = [];

    /// <summary>Cast nodes inserted at float16/float32 boundaries.</summary>
    public int CastsInserted { get; init; }

    /// <summary>Existing Cast(to=float) nodes retargeted to float16 inside float16 regions.</summary>
    public int CastsRetargeted { get; init; }
}
