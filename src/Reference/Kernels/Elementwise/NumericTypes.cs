using System.Numerics;
using OnnxKit.Ir;

namespace OnnxKit.Reference.Kernels.Elementwise;

/// <summary>
/// Runs a generic computation on the typed arrays of numeric tensors: picks the CLR element type
/// from the first tensor's element type and calls the matching instantiation.
/// </summary>
internal static class NumericTypes
{
    /// <summary>A binary computation generic in the element type.</summary>
    public interface IBinary
    {
        /// <summary>Computes one element.</summary>
        static abstract T Apply<T>(T a, T b) where T : INumber<T>;
    }

    /// <summary>A binary predicate generic in the element type.</summary>
    public interface IPredicate
    {
        /// <summary>Computes one element.</summary>
        static abstract bool Apply<T>(T a, T b) where T : INumber<T>;
    }

    /// <summary>A unary computation generic in the element type.</summary>
    public interface IUnary
    {
        /// <summary>Computes one element.</summary>
        static abstract T Apply<T>(T x) where T : INumber<T>;
    }

    /// <summary>Applies <typeparamref name="TOp"/> with broadcasting; both tensors must have the same numeric type.</summary>
    public static TensorValue Binary<TOp>(TensorValue a, TensorValue b) where TOp : IBinary
    {
        RequireSameType(a, b);
        return a.ElementType switch
        {
            DataType.Float => Binary<float, TOp>(a, b),
            DataType.Double => Binary<double, TOp>(a, b),
            DataType.Int32 => Binary<int, TOp>(a, b),
            DataType.Int64 => Binary<long, TOp>(a, b),
            DataType.Int8 => Binary<sbyte, TOp>(a, b),
            DataType.UInt8 => Binary<byte, TOp>(a, b),
            DataType.Int16 => Binary<short, TOp>(a, b),
            DataType.UInt16 => Binary<ushort, TOp>(a, b),
            DataType.UInt32 => Binary<uint, TOp>(a, b),
            DataType.UInt64 => Binary<ulong, TOp>(a, b),
            _ => throw Unsupported(a.ElementType),
        };
    }

    /// <summary>Applies a predicate with broadcasting; the result is a bool tensor.</summary>
    public static TensorValue Predicate<TOp>(TensorValue a, TensorValue b) where TOp : IPredicate
    {
        RequireSameType(a, b);
        return a.ElementType switch
        {
            DataType.Float => Predicate<float, TOp>(a, b),
            DataType.Double => Predicate<double, TOp>(a, b),
            DataType.Int32 => Predicate<int, TOp>(a, b),
            DataType.Int64 => Predicate<long, TOp>(a, b),
            DataType.Int8 => Predicate<sbyte, TOp>(a, b),
            DataType.UInt8 => Predicate<byte, TOp>(a, b),
            DataType.Int16 => Predicate<short, TOp>(a, b),
            DataType.UInt16 => Predicate<ushort, TOp>(a, b),
            DataType.UInt32 => Predicate<uint, TOp>(a, b),
            DataType.UInt64 => Predicate<ulong, TOp>(a, b),
            _ => throw Unsupported(a.ElementType),
        };
    }

    /// <summary>Applies <typeparamref name="TOp"/> to each element.</summary>
    public static TensorValue Unary<TOp>(TensorValue x) where TOp : IUnary => x.ElementType switch
    {
        DataType.Float => Unary<float, TOp>(x),
        DataType.Double => Unary<double, TOp>(x),
        DataType.Int32 => Unary<int, TOp>(x),
        DataType.Int64 => Unary<long, TOp>(x),
        DataType.Int8 => Unary<sbyte, TOp>(x),
        DataType.UInt8 => Unary<byte, TOp>(x),
        DataType.Int16 => Unary<short, TOp>(x),
        DataType.UInt16 => Unary<ushort, TOp>(x),
        DataType.UInt32 => Unary<uint, TOp>(x),
        DataType.UInt64 => Unary<ulong, TOp>(x),
        _ => throw Unsupported(x.ElementType),
    };

    /// <summary>The error for an element type a numeric kernel does not handle.</summary>
    public static UnsupportedFeatureException Unsupported(DataType type) =>
        new($"element type {type.OnnxName()}", $"element type {type.OnnxName()} is not supported by this operator in the reference evaluator.");

    /// <summary>Throws when two inputs that must share an element type do not.</summary>
    public static void RequireSameType(TensorValue a, TensorValue b)
    {
        if (a.ElementType != b.ElementType)
            throw new OnnxKitException($"inputs have different element types ({a.ElementType.OnnxName()} and {b.ElementType.OnnxName()}).");
    }

    private static TensorValue Binary<T, TOp>(TensorValue a, TensorValue b) where T : INumber<T> where TOp : IBinary
    {
        var result = Broadcast.Map(a.Array<T>(), a.Dims, b.Array<T>(), b.Dims, out var dims, static (p, q) => TOp.Apply(p, q));
        return new TensorValue(a.ElementType, dims, result);
    }

    private static TensorValue Predicate<T, TOp>(TensorValue a, TensorValue b) where T : INumber<T> where TOp : IPredicate
    {
        var result = Broadcast.Map(a.Array<T>(), a.Dims, b.Array<T>(), b.Dims, out var dims, static (p, q) => TOp.Apply(p, q));
        return new TensorValue(DataType.Bool, dims, result);
    }

    private static TensorValue Unary<T, TOp>(TensorValue x) where T : INumber<T> where TOp : IUnary
    {
        var a = x.Array<T>();
        var result = new T[a.Length];
        for (int i = 0; i < a.Length; i++) result[i] = TOp.Apply(a[i]);
        return new TensorValue(x.ElementType, x.Dims, result);
    }
}
