using OnnxKit.Ir;

namespace OnnxKit.Reference;

/// <summary>
/// A dense tensor as the evaluator computes with it: an element type, a shape and a typed array
/// holding the elements in row-major order (see <see cref="ElementStorage"/> for the array type of
/// each element type). Instances are never modified after creation.
/// </summary>
public sealed partial class TensorValue : RuntimeValue
{
    internal TensorValue(DataType elementType, int[] dims, Array data)
    {
        var clr = ElementStorage.ClrType(elementType);
        if (clr is null || data.GetType().GetElementType() != clr)
            throw new ArgumentException($"A {data.GetType().Name} cannot hold {elementType.OnnxName()} elements.", nameof(data));
        int count = ShapeMath.ElementCount(dims);
        if (data.Length != count)
            throw new ArgumentException($"Shape {ShapeMath.Format(dims)} needs {count} elements, got {data.Length}.", nameof(data));
        ElementType = elementType;
        Dims = dims;
        Data = data;
    }

    /// <summary>Wraps <paramref name="data"/> (not copied; do not change it afterwards) as a tensor of <paramref name="shape"/>.</summary>
    public static TensorValue Create<T>(DataType elementType, IReadOnlyList<int> shape, T[] data) => new(elementType, shape.ToArray(), data);

    /// <summary>A float32 tensor over <paramref name="data"/> (not copied).</summary>
    public static TensorValue FromFloats(float[] data, params int[] shape) => new(DataType.Float, shape, data);

    /// <summary>The element type.</summary>
    public DataType ElementType { get; }

    /// <summary>The dimensions; empty for a scalar.</summary>
    public IReadOnlyList<int> Shape => Dims;

    /// <summary>The number of dimensions.</summary>
    public int Rank => Dims.Length;

    /// <summary>The number of elements.</summary>
    public int ElementCount => Data.Length;

    /// <summary>The elements; <typeparamref name="T"/> must be the storage type of <see cref="ElementType"/>.</summary>
    public ReadOnlySpan<T> AsSpan<T>() => Array<T>();

    /// <summary>The dimensions (shared, never to be changed).</summary>
    internal int[] Dims { get; }

    /// <summary>The typed element array (shared, never to be changed).</summary>
    internal Array Data { get; }

    /// <summary>The element array as <typeparamref name="T"/>[].</summary>
    internal T[] Array<T>() => Data.GetType() == typeof(T[])
        ? (T[])Data
        : throw new InvalidOperationException($"A {ElementType.OnnxName()} tensor is not stored as {typeof(T).Name}[].");

    /// <summary>The same elements under another shape of equal element count (shares the array).</summary>
    internal TensorValue Reshaped(int[] dims) => new(ElementType, dims, Data);

    /// <summary>A new zero-filled tensor.</summary>
    internal static TensorValue Zeros(DataType elementType, int[] dims) =>
        new(elementType, dims, ElementStorage.Allocate(elementType, ShapeMath.ElementCount(dims)));

    /// <summary>A rank-0 tensor holding <paramref name="value"/>.</summary>
    internal static TensorValue Scalar<T>(DataType elementType, T value) => new(elementType, [], new[] { value });

    /// <summary>A rank-1 int64 tensor.</summary>
    internal static TensorValue Int64Vector(long[] values) => new(DataType.Int64, [values.Length], values);

    /// <inheritdoc/>
    public override string Describe() => $"tensor({ElementType.OnnxName()}){ShapeMath.Format(Dims)}";
}
