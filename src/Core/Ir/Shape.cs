using System.Collections;

namespace OnnxKit.Ir;

/// <summary>
/// An immutable tensor shape: a list of <see cref="Dim"/>s. A type without a shape
/// (unknown rank) is represented by a null <see cref="Shape"/>, never by an empty one:
/// an empty shape is a scalar.
/// </summary>
public sealed class Shape : IReadOnlyList<Dim>, IEquatable<Shape>
{
    private readonly Dim[] dims;

    /// <summary>Creates a shape from its dimensions.</summary>
    public Shape(IEnumerable<Dim> dims) => this.dims = dims.ToArray();

    /// <summary>Creates a shape from its dimensions.</summary>
    public Shape(params Dim[] dims) => this.dims = (Dim[])dims.Clone();

    /// <summary>A shape of known sizes.</summary>
    public static Shape Of(params long[] sizes) => new(sizes.Select(s => Dim.Of(s)));

    /// <summary>The rank-0 shape of a scalar.</summary>
    public static Shape Scalar { get; } = new();

    /// <summary>The number of dimensions.</summary>
    public int Rank => dims.Length;

    /// <inheritdoc/>
    public int Count => dims.Length;

    /// <inheritdoc/>
    public Dim this[int index] => dims[index];

    /// <summary>True when every dimension has a known size.</summary>
    public bool IsStatic => dims.All(d => d.IsKnown);

    /// <summary>The known sizes; throws when a dimension is not known.</summary>
    public long[] ToSizes() => dims.Select(d => d.Value ?? throw new InvalidOperationException($"Shape {this} is not static.")).ToArray();

    /// <summary>The product of the sizes, or null when a dimension is not known.</summary>
    public long? ElementCount()
    {
        long count = 1;
        foreach (var d in dims)
        {
            if (d.Value is not long v) return null;
            count = checked(count * v);
        }
        return count;
    }

    /// <inheritdoc/>
    public IEnumerator<Dim> GetEnumerator() => ((IEnumerable<Dim>)dims).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => dims.GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(Shape? other) => other is not null && dims.AsSpan().SequenceEqual(other.dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Shape);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var d in dims) hash.Add(d);
        return hash.ToHashCode();
    }

    /// <summary>Formats as <c>[batch,3,224,224]</c>.</summary>
    public override string ToString() => "[" + string.Join(",", dims) + "]";
}
