using System.Numerics;
using System.Numerics.Tensors;
using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Elementwise;

/// <summary>
/// Add, Sub, Mul, Div, Mod, Pow and the variadic Max, Min, Sum, Mean, with NumPy broadcasting from opset 7
/// (8 for the variadic ones); before that with <see cref="LegacyBroadcast"/>'s rules.
/// </summary>
internal static class ArithmeticKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("Add", 1, 6, LegacyBroadcast.Binary(Add), computesInFloat32: true);
        r.Add("Sub", 1, 6, LegacyBroadcast.Binary(Sub), computesInFloat32: true);
        r.Add("Mul", 1, 6, LegacyBroadcast.Binary(Mul), computesInFloat32: true);
        r.Add("Div", 1, 6, LegacyBroadcast.Binary(Div), computesInFloat32: true);
        r.Add("Pow", 1, 1, LegacyBroadcast.Binary(Pow), computesInFloat32: true);
        r.Add("Max", 1, 6, LegacyBroadcast.SameShapes(c => c.SetOutput(0, Fold<MaxOp>(c))), computesInFloat32: true);
        r.Add("Min", 1, 6, LegacyBroadcast.SameShapes(c => c.SetOutput(0, Fold<MinOp>(c))), computesInFloat32: true);
        r.Add("Sum", 1, 6, LegacyBroadcast.SameShapes(c => c.SetOutput(0, Fold<AddOp>(c))), computesInFloat32: true);
        r.Add("Mean", 1, 6, LegacyBroadcast.SameShapes(Mean), computesInFloat32: true);
        r.Add("Add", 7, 14, c => c.SetOutput(0, Add(c.Input(0), c.Input(1))), computesInFloat32: true);
        r.Add("Sub", 7, 14, c => c.SetOutput(0, Sub(c.Input(0), c.Input(1))), computesInFloat32: true);
        r.Add("Mul", 7, 14, c => c.SetOutput(0, Mul(c.Input(0), c.Input(1))), computesInFloat32: true);
        r.Add("Div", 7, 14, c => c.SetOutput(0, Div(c.Input(0), c.Input(1))), computesInFloat32: true);
        r.Add("Mod", 10, 13, Mod, computesInFloat32: true);
        r.Add("Pow", 7, 15, c => c.SetOutput(0, Pow(c.Input(0), c.Input(1))), computesInFloat32: true);
        r.Add("Max", 8, 13, c => c.SetOutput(0, Fold<MaxOp>(c)), computesInFloat32: true);
        r.Add("Min", 8, 13, c => c.SetOutput(0, Fold<MinOp>(c)), computesInFloat32: true);
        r.Add("Sum", 8, 13, c => c.SetOutput(0, Fold<AddOp>(c)), computesInFloat32: true);
        r.Add("Mean", 8, 13, Mean, computesInFloat32: true);
    }

    /// <summary>a + b with broadcasting.</summary>
    public static TensorValue Add(TensorValue a, TensorValue b) =>
        FastFloat(a, b, TensorPrimitives.Add, TensorPrimitives.Add) ?? NumericTypes.Binary<AddOp>(a, b);

    /// <summary>a - b with broadcasting.</summary>
    public static TensorValue Sub(TensorValue a, TensorValue b) =>
        FastFloat(a, b, TensorPrimitives.Subtract, TensorPrimitives.Subtract) ?? NumericTypes.Binary<SubOp>(a, b);

    /// <summary>a * b with broadcasting.</summary>
    public static TensorValue Mul(TensorValue a, TensorValue b) =>
        FastFloat(a, b, TensorPrimitives.Multiply, TensorPrimitives.Multiply) ?? NumericTypes.Binary<MulOp>(a, b);

    /// <summary>a / b with broadcasting (integers truncate toward zero).</summary>
    public static TensorValue Div(TensorValue a, TensorValue b) =>
        FastFloat(a, b, TensorPrimitives.Divide, TensorPrimitives.Divide) ?? NumericTypes.Binary<DivOp>(a, b);

    /// <summary>aᵇ with broadcasting; the exponent may have another numeric type than the base.</summary>
    private static TensorValue Pow(TensorValue a, TensorValue b)
    {
        var exponents = ElementConverter.ToDoubles(b);
        if (a.Data is float[] f)
            return new TensorValue(a.ElementType, ShapeMath.Broadcast(a.Dims, b.Dims),
                Broadcast.Map(f, a.Dims, exponents, b.Dims, out _, static (x, y) => (float)Math.Pow(x, y)));
        if (a.Data is double[] d)
            return new TensorValue(a.ElementType, ShapeMath.Broadcast(a.Dims, b.Dims),
                Broadcast.Map(d, a.Dims, exponents, b.Dims, out _, Math.Pow));
        var bases = ElementConverter.ToInt64s(a);
        var powers = Broadcast.Map(bases, a.Dims, exponents, b.Dims, out var dims, static (x, y) => IntegerPower(x, (long)y));
        return new TensorValue(a.ElementType, dims, ElementConverter.FromInt64s(powers, a.ElementType));
    }

    private static long IntegerPower(long x, long y)
    {
        if (y < 0) return x == 1 ? 1 : x == -1 ? (y % 2 == 0 ? 1 : -1) : 0;
        long result = 1;
        for (; y > 0; y >>= 1, x = unchecked(x * x))
        {
            if ((y & 1) != 0) result = unchecked(result * x);
        }
        return result;
    }

    private static void Mod(OpContext c)
    {
        var a = c.Input(0);
        var b = c.Input(1);
        c.SetOutput(0, c.Int("fmod", 0) != 0 ? NumericTypes.Binary<TruncatedModOp>(a, b) : NumericTypes.Binary<FlooredModOp>(a, b));
    }

    private static void Mean(OpContext c)
    {
        var sum = Fold<AddOp>(c);
        c.SetOutput(0, NumericTypes.Binary<DivOp>(sum, ElementConverter.Convert(TensorValue.Scalar(DataType.Double, (double)c.InputCount), sum.ElementType)));
    }

    private static TensorValue Fold<TOp>(OpContext c) where TOp : NumericTypes.IBinary
    {
        var result = c.Input(0);
        for (int i = 1; i < c.InputCount; i++) result = NumericTypes.Binary<TOp>(result, c.Input(i));
        return result;
    }

    private delegate void SpanBinary<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> result);

    private delegate void SpanScalar<T>(ReadOnlySpan<T> x, T y, Span<T> result);

    /// <summary>The vectorized path for float32 tensors of equal shape or with a scalar right operand; null otherwise.</summary>
    private static TensorValue? FastFloat(TensorValue a, TensorValue b, SpanBinary<float> same, SpanScalar<float> scalar)
    {
        if (a.Data is not float[] x || b.Data is not float[] y) return null;
        if (a.Dims.AsSpan().SequenceEqual(b.Dims))
        {
            var result = GC.AllocateUninitializedArray<float>(x.Length);
            same(x, y, result);
            return new TensorValue(DataType.Float, a.Dims, result);
        }
        if (y.Length == 1 && b.Rank <= a.Rank)
        {
            var result = GC.AllocateUninitializedArray<float>(x.Length);
            scalar(x, y[0], result);
            return new TensorValue(DataType.Float, a.Dims, result);
        }
        return null;
    }

    private readonly struct AddOp : NumericTypes.IBinary
    {
        public static T Apply<T>(T a, T b) where T : INumber<T> => unchecked(a + b);
    }

    private readonly struct SubOp : NumericTypes.IBinary
    {
        public static T Apply<T>(T a, T b) where T : INumber<T> => unchecked(a - b);
    }

    private readonly struct MulOp : NumericTypes.IBinary
    {
        public static T Apply<T>(T a, T b) where T : INumber<T> => unchecked(a * b);
    }

    private readonly struct DivOp : NumericTypes.IBinary
    {
        public static T Apply<T>(T a, T b) where T : INumber<T> => a / b;
    }

    private readonly struct MaxOp : NumericTypes.IBinary
    {
        public static T Apply<T>(T a, T b) where T : INumber<T> => T.Max(a, b);
    }

    private readonly struct MinOp : NumericTypes.IBinary
    {
        public static T Apply<T>(T a, T b) where T : INumber<T> => T.Min(a, b);
    }

    /// <summary>C's fmod: the remainder takes the sign of the dividend.</summary>
    private readonly struct TruncatedModOp : NumericTypes.IBinary
    {
        public static T Apply<T>(T a, T b) where T : INumber<T> => a % b;
    }

    /// <summary>Python's %: the remainder takes the sign of the divisor.</summary>
    private readonly struct FlooredModOp : NumericTypes.IBinary
    {
        public static T Apply<T>(T a, T b) where T : INumber<T>
        {
            T r = a % b;
            return r != T.Zero && (T.IsNegative(r) != T.IsNegative(b)) ? r + b : r;
        }
    }
}
