using System.Numerics;
using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Tensor;

namespace OnnxKit.Reference.Kernels.Elementwise;

/// <summary>Boolean logic (And, Or, Xor, Not; opset 1's And, Or, Xor with <see cref="LegacyBroadcast"/>'s rules), bitwise integer ops (BitwiseAnd/Or/Xor/Not, BitShift) and Where.</summary>
internal static class LogicalKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("And", 1, 1, LegacyBroadcast.Binary(static (a, b) => Logical(a, b, static (x, y) => x & y)));
        r.Add("Or", 1, 1, LegacyBroadcast.Binary(static (a, b) => Logical(a, b, static (x, y) => x | y)));
        r.Add("Xor", 1, 1, LegacyBroadcast.Binary(static (a, b) => Logical(a, b, static (x, y) => x ^ y)));
        r.Add("And", 7, 7, c => c.SetOutput(0, Logical(c.Input(0), c.Input(1), static (x, y) => x & y)));
        r.Add("Or", 7, 7, c => c.SetOutput(0, Logical(c.Input(0), c.Input(1), static (x, y) => x | y)));
        r.Add("Xor", 7, 7, c => c.SetOutput(0, Logical(c.Input(0), c.Input(1), static (x, y) => x ^ y)));
        r.Add("Not", 1, 1, c => c.SetOutput(0, new TensorValue(DataType.Bool, c.Input(0).Dims, c.Input(0).Array<bool>().Select(v => !v).ToArray())));
        r.Add("BitwiseAnd", 18, 18, c => c.SetOutput(0, Bitwise<AndOp>(c.Input(0), c.Input(1))));
        r.Add("BitwiseOr", 18, 18, c => c.SetOutput(0, Bitwise<OrOp>(c.Input(0), c.Input(1))));
        r.Add("BitwiseXor", 18, 18, c => c.SetOutput(0, Bitwise<XorOp>(c.Input(0), c.Input(1))));
        r.Add("BitwiseNot", 18, 18, c => c.SetOutput(0, Bitwise<NotOp>(c.Input(0), c.Input(0))));
        r.Add("BitShift", 11, 11, BitShift);
        r.Add("Where", 9, 16, Where);
    }

    private static TensorValue Logical(TensorValue a, TensorValue b, Func<bool, bool, bool> op)
    {
        var result = Broadcast.Map(a.Array<bool>(), a.Dims, b.Array<bool>(), b.Dims, out var dims, op);
        return new TensorValue(DataType.Bool, dims, result);
    }

    private static void BitShift(OpContext c)
    {
        string direction = c.String("direction", "");
        var result = direction switch
        {
            "LEFT" => Bitwise<ShiftLeftOp>(c.Input(0), c.Input(1)),
            "RIGHT" => Bitwise<ShiftRightOp>(c.Input(0), c.Input(1)),
            _ => throw new OnnxKitException($"BitShift direction '{direction}' is neither LEFT nor RIGHT."),
        };
        c.SetOutput(0, result);
    }

    private static void Where(OpContext c)
    {
        var condition = c.Input(0);
        var x = c.Input(1);
        var y = c.Input(2);
        NumericTypes.RequireSameType(x, y);
        var dims = ShapeMath.Broadcast(ShapeMath.Broadcast(condition.Dims, x.Dims), y.Dims);
        var ic = Broadcast.Offsets(condition.Dims, dims);
        var ix = Broadcast.Offsets(x.Dims, dims);
        var iy = Broadcast.Offsets(y.Dims, dims);
        var flags = condition.Array<bool>();
        var picks = new int[ic.Length];
        var fromX = new bool[ic.Length];
        for (int i = 0; i < picks.Length; i++)
        {
            fromX[i] = flags[ic[i]];
            picks[i] = fromX[i] ? ix[i] : iy[i];
        }
        c.SetOutput(0, Gathering.Choose(x, y, fromX, picks, dims));
    }

    private static TensorValue Bitwise<TOp>(TensorValue a, TensorValue b) where TOp : IBitwise => a.ElementType switch
    {
        DataType.Int8 => Bitwise<sbyte, TOp>(a, b),
        DataType.UInt8 => Bitwise<byte, TOp>(a, b),
        DataType.Int16 => Bitwise<short, TOp>(a, b),
        DataType.UInt16 => Bitwise<ushort, TOp>(a, b),
        DataType.Int32 => Bitwise<int, TOp>(a, b),
        DataType.UInt32 => Bitwise<uint, TOp>(a, b),
        DataType.Int64 => Bitwise<long, TOp>(a, b),
        DataType.UInt64 => Bitwise<ulong, TOp>(a, b),
        _ => throw NumericTypes.Unsupported(a.ElementType),
    };

    private static TensorValue Bitwise<T, TOp>(TensorValue a, TensorValue b) where T : IBinaryInteger<T> where TOp : IBitwise
    {
        var result = Broadcast.Map(a.Array<T>(), a.Dims, b.Array<T>(), b.Dims, out var dims, static (x, y) => TOp.Apply(x, y));
        return new TensorValue(a.ElementType, dims, result);
    }

    private interface IBitwise
    {
        static abstract T Apply<T>(T a, T b) where T : IBinaryInteger<T>;
    }

    private readonly struct AndOp : IBitwise
    {
        public static T Apply<T>(T a, T b) where T : IBinaryInteger<T> => a & b;
    }

    private readonly struct OrOp : IBitwise
    {
        public static T Apply<T>(T a, T b) where T : IBinaryInteger<T> => a | b;
    }

    private readonly struct XorOp : IBitwise
    {
        public static T Apply<T>(T a, T b) where T : IBinaryInteger<T> => a ^ b;
    }

    private readonly struct NotOp : IBitwise
    {
        public static T Apply<T>(T a, T b) where T : IBinaryInteger<T> => ~a;
    }

    /// <summary>Shifts by amounts at or beyond the width give 0, as in ONNX (C# would wrap the amount).</summary>
    private readonly struct ShiftLeftOp : IBitwise
    {
        public static T Apply<T>(T a, T b) where T : IBinaryInteger<T> =>
            ulong.CreateTruncating(b) >= (ulong)(a.GetByteCount() * 8) ? T.Zero : a << int.CreateTruncating(b);
    }

    private readonly struct ShiftRightOp : IBitwise
    {
        public static T Apply<T>(T a, T b) where T : IBinaryInteger<T> =>
            ulong.CreateTruncating(b) >= (ulong)(a.GetByteCount() * 8) ? T.Zero : a >>> int.CreateTruncating(b);
    }
}
