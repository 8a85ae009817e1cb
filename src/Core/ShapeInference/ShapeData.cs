using OnnxKit.Ir;

namespace OnnxKit.ShapeInference;

/// <summary>
/// The partly known contents of a small integer tensor of rank 0 or 1: a shape computed by
/// <c>Shape</c>, an index, a list of axes. Each element is a <see cref="Dim"/>, so a size that is
/// only known by its symbol (<c>batch</c>) can flow from <c>Shape</c> through <c>Gather</c> and
/// <c>Concat</c> into <c>Reshape</c>.
/// </summary>
internal sealed class ShapeData
{
    /// <summary>The most elements tracked; larger tensors are not evaluated (they are not shapes).</summary>
    public const int MaxElements = 1024;

    public ShapeData(IReadOnlyList<Dim> elements, bool isScalar)
    {
        Elements = elements;
        IsScalar = isScalar;
    }

    /// <summary>The elements, in order; one element for a scalar.</summary>
    public IReadOnlyList<Dim> Elements { get; }

    /// <summary>True for a rank-0 tensor.</summary>
    public bool IsScalar { get; }

    /// <summary>The tensor's shape: <c>[]</c> or <c>[n]</c>.</summary>
    public Shape Shape => IsScalar ? Shape.Scalar : Shape.Of(Elements.Count);

    /// <summary>The elements when every one is a known number; otherwise null.</summary>
    public long[]? KnownValues()
    {
        var values = new long[Elements.Count];
        for (int i = 0; i < values.Length; i++)
        {
            if (Elements[i].Value is not long v) return null;
            values[i] = v;
        }
        return values;
    }

    /// <summary>A 1-D tensor of known values.</summary>
    public static ShapeData Of(IEnumerable<long> values) => new(values.Select(v => Dim.Of(v)).ToArray(), false);

    /// <summary>
    /// Reads an integer constant of rank 0 or 1 with at most <see cref="MaxElements"/> elements;
    /// null for anything else (floats, strings, larger or higher-rank tensors).
    /// </summary>
    public static ShapeData? FromTensor(ITensor tensor)
    {
        if (!tensor.DataType.IsInteger() || tensor.DataType.BitWidth() < 8) return null;
        if (tensor.Dims.Count > 1 || tensor.ElementCount > MaxElements) return null;
        var values = tensor.ToInt64Array();
        return new ShapeData(values.Select(v => Dim.Of(v)).ToArray(), tensor.Dims.Count == 0);
    }
}
