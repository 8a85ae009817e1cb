namespace OnnxKit.Optimizer.Quantization.Numerics;

/// <summary>
/// Which scale and zero point each element of a tensor uses under a <see cref="Granularity"/>:
/// with the tensor viewed as [outer, length, inner] around the axis, element (o, c, i) uses
/// parameter 0 per tensor, c per axis, and o·blocks·inner + (c / blockSize)·inner + i when blocked
/// (the parameter tensor has the data's shape with the axis shrunk to ⌈length / blockSize⌉, as
/// DequantizeLinear-21 requires).
/// </summary>
public sealed class ParameterLayout
{
    private readonly long outer, length, inner, blocks;
    private readonly int blockSize;

    /// <summary>The layout of parameters for a tensor of <paramref name="dims"/>.</summary>
    /// <exception cref="ArgumentException">The axis is outside the tensor's rank.</exception>
    public ParameterLayout(IReadOnlyList<long> dims, Granularity granularity)
    {
        Granularity = granularity;
        ElementCount = dims.Aggregate(1L, (p, d) => p * d);
        if (granularity.Axis is not int axis)
        {
            (outer, length, inner, blocks) = (1, 1, ElementCount, 1);
            ParameterDims = [];
            return;
        }
        if (axis < 0 || axis >= dims.Count) throw new ArgumentException($"Axis {axis} is outside a tensor of rank {dims.Count}.", nameof(granularity));
        outer = dims.Take(axis).Aggregate(1L, (p, d) => p * d);
        length = dims[axis];
        inner = dims.Skip(axis + 1).Aggregate(1L, (p, d) => p * d);
        blockSize = granularity.BlockSize;
        if (blockSize == 0)
        {
            blocks = length;
            ParameterDims = [length];
            return;
        }
        blocks = (length + blockSize - 1) / blockSize;
        ParameterDims = dims.Select((d, i) => i == axis ? blocks : d).ToArray();
    }

    /// <summary>The granularity this layout follows.</summary>
    public Granularity Granularity { get; }

    /// <summary>Elements of the data tensor.</summary>
    public long ElementCount { get; }

    /// <summary>Dims of the scale and zero-point tensors: [] per tensor, [length] per axis, the data's dims with the axis in blocks when blocked.</summary>
    public long[] ParameterDims { get; }

    /// <summary>How many scales there are.</summary>
    public long ParameterCount => ParameterDims.Aggregate(1L, (p, d) => p * d);

    /// <summary>The parameter that element <paramref name="index"/> (row-major) uses.</summary>
    public long ParameterOf(long index)
    {
        if (Granularity.Axis is null) return 0;
        long c = index / inner % length;
        if (blockSize == 0) return c;
        long o = index / (inner * length), i = index % inner;
        return (o * blocks + c / blockSize) * inner + i;
    }
}
