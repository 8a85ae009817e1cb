namespace OnnxKit.Ir;

/// <summary>
/// A sparse tensor in coordinate form: <see cref="Values"/> (1-D, NNZ entries),
/// <see cref="Indices"/> (int64, either [NNZ, rank] or linearized [NNZ]), and the
/// dense <see cref="Dims"/>.
/// </summary>
public sealed class SparseTensor
{
    /// <summary>Creates a sparse tensor from its parts.</summary>
    public SparseTensor(ITensor values, ITensor? indices, IEnumerable<long> dims)
    {
        Values = values;
        Indices = indices;
        Dims = dims.ToArray();
    }

    /// <summary>The non-zero values; its name is the sparse tensor's name.</summary>
    public ITensor Values { get; }

    /// <summary>The positions of the values.</summary>
    public ITensor? Indices { get; }

    /// <summary>The dense shape.</summary>
    public IReadOnlyList<long> Dims { get; }

    /// <summary>The name (that of <see cref="Values"/>).</summary>
    public string? Name => Values.Name;
}
