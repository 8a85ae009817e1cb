using System.Numerics;
using OnnxKit.Ir;
using OnnxKit.Reference.Engine;

namespace OnnxKit.Reference.Kernels.Elementwise;

/// <summary>
/// Equal, Less, LessOrEqual, Greater, GreaterOrEqual with broadcasting (opset 1's versions with
/// <see cref="LegacyBroadcast"/>'s rules); the result is bool.
/// </summary>
internal static class ComparisonKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("Equal", 1, 1, LegacyBroadcast.Binary(Equal), computesInFloat32: true);
        r.Add("Less", 1, 1, LegacyBroadcast.Binary(NumericTypes.Predicate<LessOp>), computesInFloat32: true);
        r.Add("Greater", 1, 1, LegacyBroadcast.Binary(static (a, b) => NumericTypes.Predicate<LessOp>(b, a)), computesInFloat32: true);
        r.Add("Equal", 7, 19, c => c.SetOutput(0, Equal(c.Input(0), c.Input(1))), computesInFloat32: true);
        r.Add("Less", 7, 13, c => c.SetOutput(0, NumericTypes.Predicate<LessOp>(c.Input(0), c.Input(1))), computesInFloat32: true);
        r.Add("LessOrEqual", 12, 16, c => c.SetOutput(0, NumericTypes.Predicate<LessOrEqualOp>(c.Input(0), c.Input(1))), computesInFloat32: true);
        r.Add("Greater", 7, 13, c => c.SetOutput(0, NumericTypes.Predicate<LessOp>(c.Input(1), c.Input(0))), computesInFloat32: true);
        r.Add("GreaterOrEqual", 12, 16, c => c.SetOutput(0, NumericTypes.Predicate<LessOrEqualOp>(c.Input(1), c.Input(0))), computesInFloat32: true);
    }

    private static TensorValue Equal(TensorValue a, TensorValue b)
    {
        NumericTypes.RequireSameType(a, b);
        return a.ElementType switch
        {
            DataType.Bool => Map(a.Array<bool>(), a, b.Array<bool>(), b, static (x, y) => x == y),
            DataType.String => Map(a.Array<string>(), a, b.Array<string>(), b, static (x, y) => x == y),
            _ => NumericTypes.Predicate<EqualOp>(a, b),
        };
    }

    private static TensorValue Map<T>(T[] x, TensorValue a, T[] y, TensorValue b, Func<T, T, bool> op)
    {
        var result = Broadcast.Map(x, a.Dims, y, b.Dims, out var dims, op);
        return new TensorValue(DataType.Bool, dims, result);
    }

    private readonly struct EqualOp : NumericTypes.IPredicate
    {
        public static bool Apply<T>(T a, T b) where T : INumber<T> => a == b;
    }

    private readonly struct LessOp : NumericTypes.IPredicate
    {
        public static bool Apply<T>(T a, T b) where T : INumber<T> => a < b;
    }

    private readonly struct LessOrEqualOp : NumericTypes.IPredicate
    {
        public static bool Apply<T>(T a, T b) where T : INumber<T> => a <= b;
    }
}
