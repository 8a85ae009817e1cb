namespace OnnxKit.Optimizer.Quantization.Numerics;

/// <summary>
/// How many scales a tensor is quantized with: one (<see cref="PerTensor"/>), one per index of an
/// axis (<see cref="PerAxis"/>, e.g. per output channel of a convolution's weights), or one per block of
/// <see cref="BlockSize"/> consecutive elements along an axis (blocked, DequantizeLinear-21's block_size).
/// </summary>
/// <param name="Axis">The axis scales vary along; null for per-tensor.</param>
/// <param name="BlockSize">Elements per block along <paramref name="Axis"/>; 0 for one scale per index.</param>
public sealed record Granularity(int? Axis, int BlockSize)
{
    /// <summary>One scale and zero point for the whole tensor.</summary>
    public static Granularity PerTensor { get; } = new(null, 0);

    /// <summary>One scale and zero point per index of <paramref name="axis"/>.</summary>
    public static Granularity PerAxis(int axis) => new(axis, 0);

    /// <summary>One scale and zero point per block of <paramref name="blockSize"/> elements along <paramref name="axis"/>.</summary>
    public static Granularity Blocked(int axis, int blockSize) =>
        blockSize > 0 ? new(axis, blockSize) : throw new ArgumentOutOfRangeException(nameof(blockSize), "A block holds at least one element.");

    /// <summary>True for one scale per tensor.</summary>
    public bool IsPerTensor => Axis is null;

    /// <inheritdoc/>
    public override string ToString() => Axis is null ? "per tensor" : BlockSize > 0 ? $"blocks of {BlockSize} along axis {Axis}" : $"per axis {Axis}";
}
