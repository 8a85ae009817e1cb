using System.Numerics;
using System.Numerics.Tensors;
using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Elementwise;

/// <summary>
/// Unary math: exponentials, logarithms, roots, trigonometry, rounding, sign, Erf, IsNaN/IsInf, and Clip.
/// The opset-1 versions differ from opset 6's only by the legacy <c>consumed_inputs</c> attribute (an
/// in-place hint of Caffe2's, with no effect on the result) and their type lists, so one kernel serves both.
/// </summary>
internal static class MathKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        Vectorized(r, "Exp", 1, 13, TensorPrimitives.Exp, TensorPrimitives.Exp);
        Vectorized(r, "Log", 1, 13, TensorPrimitives.Log, TensorPrimitives.Log);
        Vectorized(r, "Sqrt", 1, 13, TensorPrimitives.Sqrt, TensorPrimitives.Sqrt);
        Vectorized(r, "Sin", 7, 22, TensorPrimitives.Sin, TensorPrimitives.Sin);
        Vectorized(r, "Cos", 7, 22, TensorPrimitives.Cos, TensorPrimitives.Cos);
        Vectorized(r, "Tan", 7, 22, TensorPrimitives.Tan, TensorPrimitives.Tan);
        Vectorized(r, "Asin", 7, 22, TensorPrimitives.Asin, TensorPrimitives.Asin);
        Vectorized(r, "Acos", 7, 22, TensorPrimitives.Acos, TensorPrimitives.Acos);
        Vectorized(r, "Atan", 7, 22, TensorPrimitives.Atan, TensorPrimitives.Atan);
        Vectorized(r, "Sinh", 9, 22, TensorPrimitives.Sinh, TensorPrimitives.Sinh);
        Vectorized(r, "Cosh", 9, 22, TensorPrimitives.Cosh, TensorPrimitives.Cosh);
        Vectorized(r, "Asinh", 9, 22, TensorPrimitives.Asinh, TensorPrimitives.Asinh);
        Vectorized(r, "Acosh", 9, 22, TensorPrimitives.Acosh, TensorPrimitives.Acosh);
        Vectorized(r, "Atanh", 9, 22, TensorPrimitives.Atanh, TensorPrimitives.Atanh);
        Vectorized(r, "Tanh", 1, 13, TensorPrimitives.Tanh, TensorPrimitives.Tanh);
        Vectorized(r, "Sigmoid", 1, 13, TensorPrimitives.Sigmoid, TensorPrimitives.Sigmoid);
        Vectorized(r, "Reciprocal", 1, 13, TensorPrimitives.Reciprocal, TensorPrimitives.Reciprocal);
        Vectorized(r, "Ceil", 1, 13, TensorPrimitives.Ceiling, TensorPrimitives.Ceiling);
        Vectorized(r, "Floor", 1, 13, TensorPrimitives.Floor, TensorPrimitives.Floor);
        Vectorized(r, "Round", 11, 22, TensorPrimitives.Round, TensorPrimitives.Round);
        r.Add("Erf", 9, 13, c => c.SetOutput(0, FloatMap.Apply(c.Input(0), SpecialFunctions.Erf)), computesInFloat32: true);
        r.Add("Abs", 1, 13, c => c.SetOutput(0, NumericTypes.Unary<AbsOp>(c.Input(0))), computesInFloat32: true);
        r.Add("Neg", 1, 13, c => c.SetOutput(0, NumericTypes.Unary<NegOp>(c.Input(0))), computesInFloat32: true);
        r.Add("Sign", 9, 13, c => c.SetOutput(0, NumericTypes.Unary<SignOp>(c.Input(0))), computesInFloat32: true);
        r.Add("IsNaN", 9, 20, c => c.SetOutput(0, FloatMap.Test(c.Input(0), double.IsNaN)), computesInFloat32: true);
        r.Add("IsInf", 10, 20, IsInf, computesInFloat32: true);
        r.Add("Clip", 1, 6, c => c.SetOutput(0, Clip(c.Input(0), c.Float("min", float.MinValue), c.Float("max", float.MaxValue))), computesInFloat32: true);
        r.Add("Clip", 11, 13, c => c.SetOutput(0, Clip(c.Input(0), c.OptionalInput(1), c.OptionalInput(2))), computesInFloat32: true);
    }

    private static void Vectorized(KernelRegistry r, string op, int from, int to, FloatMap.SpanFunc<float> single, FloatMap.SpanFunc<double> wide) =>
        r.Add(op, from, to, c => c.SetOutput(0, FloatMap.Apply(c.Input(0), single, wide)), computesInFloat32: true);

    private static void IsInf(OpContext c)
    {
        bool positive = c.Int("detect_positive", 1) != 0;
        bool negative = c.Int("detect_negative", 1) != 0;
        c.SetOutput(0, FloatMap.Test(c.Input(0), v => (positive && double.IsPositiveInfinity(v)) || (negative && double.IsNegativeInfinity(v))));
    }

    private static TensorValue Clip(TensorValue x, double min, double max) => x.ElementType switch
    {
        DataType.Float or DataType.Double => FloatMap.Apply(x, v => v < min ? min : v > max ? max : v),
        _ => throw NumericTypes.Unsupported(x.ElementType),
    };

    /// <summary>Clip with tensor bounds (opset 11+): any numeric type; an absent bound does not limit.</summary>
    private static TensorValue Clip(TensorValue x, TensorValue? min, TensorValue? max)
    {
        var result = x;
        if (min is not null) result = NumericTypes.Binary<MaxOp>(result, min);
        if (max is not null) result = NumericTypes.Binary<MinOp>(result, max);
        return result;
    }

    private readonly struct MaxOp : NumericTypes.IBinary
    {
        public static T Apply<T>(T a, T b) where T : INumber<T> => T.IsNaN(a) ? a : a < b ? b : a;
    }

    private readonly struct MinOp : NumericTypes.IBinary
    {
        public static T Apply<T>(T a, T b) where T : INumber<T> => T.IsNaN(a) ? a : a > b ? b : a;
    }

    private readonly struct AbsOp : NumericTypes.IUnary
    {
        public static T Apply<T>(T x) where T : INumber<T> => T.IsNegative(x) ? unchecked(-x) : x;
    }

    private readonly struct NegOp : NumericTypes.IUnary
    {
        public static T Apply<T>(T x) where T : INumber<T> => unchecked(T.Zero - x);
    }

    private readonly struct SignOp : NumericTypes.IUnary
    {
        public static T Apply<T>(T x) where T : INumber<T> => x > T.Zero ? T.One : x < T.Zero ? T.Zero - T.One : x;
    }
}
