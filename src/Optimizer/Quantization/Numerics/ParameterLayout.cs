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

    /// <summary>
    /// The tensor as runs of consecutive elements: a run of <c>Length</c> elements from <c>Start</c> uses parameter
    /// <c>Parameter</c> throughout (per tensor, per axis) or parameters <c>Parameter</c>, <c>Parameter</c> + 1, ...
    /// element by element (<c>Step</c> 1, blocked along an axis other than the last). Loops over runs need no
    /// division per element. Per-tensor parameters cover a tensor of any size (<paramref name="elementCount"/>);
    /// others only the dims the layout was made for.
    /// </summary>
    /// <exception cref="ArgumentException">Per-axis or blocked parameters for a tensor of another size.</exception>
    public IEnumerable<(long Start, long Length, long Parameter, int Step)> Runs(long elementCount)
    {
        if (Granularity.Axis is null)
        {
            yield return (0, elementCount, 0, 0);
            yield break;
        }
        if (elementCount != ElementCount) throw new ArgumentException($"Parameters laid out for {ElementCount} elements cannot quantize {elementCount}.", nameof(elementCount));
        for (long o = 0; o < outer; o++)
        {
            for (long c = 0; c < length; c++)
            {
                long start = (o * length + c) * inner;
                if (blockSize == 0) yield return (start, inner, c, 0);
                else if (inner == 1) yield return (start, 1, o * blocks + c / blockSize, 0);
                else yield return (start, inner, (o * blocks + c / blockSize) * inner, 1);
            }
        }
    }
}
