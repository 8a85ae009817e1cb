using System.Numerics;
using System.Numerics.Tensors;
using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Elementwise;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>
/// Activation functions: Relu and its relatives, the smooth ones (Softplus, Mish, Gelu, Swish), and SwiGLU.
/// Opset 1's versions differ from opset 6's by the legacy <c>consumed_inputs</c> attribute (no effect on
/// the result) and, for Selu, rounder default coefficients; PRelu before opset 7 applies a 1-D slope per
/// channel (<see cref="PerChannelSlope"/>).
/// </summary>
internal static class ActivationKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("Relu", 1, 14, c => c.SetOutput(0, Relu(c.Input(0))), computesInFloat32: true);
        r.Add("LeakyRelu", 1, 16, c => { double a = c.Float("alpha", 0.01f); Map(c, x => x < 0 ? a * x : x); }, computesInFloat32: true);
        r.Add("PRelu", 1, 6, c => PRelu(c, PerChannelSlope(c.Input(0), c.Input(1))), computesInFloat32: true);
        r.Add("PRelu", 7, 16, c => PRelu(c, c.Input(1)), computesInFloat32: true);
        r.Add("Elu", 1, 22, c => { double a = c.Float("alpha", 1f); Map(c, x => x < 0 ? a * (Math.Exp(x) - 1) : x); }, computesInFloat32: true);
        r.Add("Selu", 1, 22, Selu, computesInFloat32: true);
        r.Add("Celu", 12, 28, c => { double a = c.Float("alpha", 1f); Map(c, x => Math.Max(0, x) + Math.Min(0, a * (Math.Exp(x / a) - 1))); }, computesInFloat32: true);
        r.Add("HardSigmoid", 1, 22, HardSigmoid, computesInFloat32: true);
        r.Add("HardSwish", 14, 22, c => Map(c, x => x * Math.Max(0, Math.Min(1, x / 6 + 0.5))), computesInFloat32: true);
        r.Add("Softplus", 1, 22, c => Map(c, Softplus), computesInFloat32: true);
        r.Add("Softsign", 1, 22, c => Map(c, x => x / (1 + Math.Abs(x))), computesInFloat32: true);
        r.Add("ThresholdedRelu", 10, 22, c => { double a = c.Float("alpha", 1f); Map(c, x => x > a ? x : 0); }, computesInFloat32: true);
        r.Add("Shrink", 9, 9, Shrink, computesInFloat32: true);
        r.Add("Mish", 18, 22, c => Map(c, x => x * Math.Tanh(Softplus(x))), computesInFloat32: true);
        r.Add("Gelu", 20, 20, Gelu, computesInFloat32: true);
        r.Add("Swish", 24, 24, c => { double a = c.Float("alpha", 1f); Map(c, x => x * Sigmoid(a * x)); }, computesInFloat32: true);
        r.Add("SwiGLU", 28, 28, SwiGlu, computesInFloat32: true);
    }

    /// <summary>max(x, 0) for any signed numeric type.</summary>
    private static TensorValue Relu(TensorValue x)
    {
        if (x.ElementType == DataType.Float)
        {
            var result = GC.AllocateUninitializedArray<float>(x.ElementCount);
            TensorPrimitives.Max(x.Array<float>(), 0f, result);
            return new TensorValue(DataType.Float, x.Dims, result);
        }
        return NumericTypes.Unary<ReluOp>(x);
    }

    private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    private static double Softplus(double x) => x > 30 ? x : Math.Log(1 + Math.Exp(x));

    private static void Map(OpContext c, Func<double, double> f) => c.SetOutput(0, FloatMap.Apply(c.Input(0), f));

    private static void PRelu(OpContext c, TensorValue slope)
    {
        var x = c.Input(0);
        NumericTypes.RequireSameType(x, slope);
        var y = NumericTypes.Binary<PReluOp>(x, slope);
        if (!y.Dims.AsSpan().SequenceEqual(x.Dims))
            throw new OnnxKitException($"PRelu's slope {slope.Describe()} does not broadcast to X {x.Describe()}.");
        c.SetOutput(0, y);
    }

    /// <summary>
    /// The slope of PRelu before opset 7 (Caffe2's rule), shaped for NumPy broadcasting: one element is
    /// shared by all; a 1-D slope as long as X's channel dim (dim 1) applies per channel; any other slope
    /// must broadcast to X as it is.
    /// </summary>
    private static TensorValue PerChannelSlope(TensorValue x, TensorValue slope) =>
        slope.ElementCount == 1 ? slope.Reshaped([])
        : slope.Rank == 1 && x.Rank >= 2 && slope.Dims[0] == x.Dims[1] ? slope.Reshaped([slope.Dims[0], .. Enumerable.Repeat(1, x.Rank - 2)])
        : slope;

    private static void Selu(OpContext c)
    {
        // Opset 1 gave the coefficients to four decimals; opset 6 to float precision.
        double alpha = c.Float("alpha", c.Version < 6 ? 1.6732f : 1.67326319217681884765625f);
        double gamma = c.Float("gamma", c.Version < 6 ? 1.0507f : 1.05070102214813232421875f);
        Map(c, x => x > 0 ? gamma * x : gamma * (alpha * Math.Exp(x) - alpha));
    }

    private static void HardSigmoid(OpContext c)
    {
        double alpha = c.Float("alpha", 0.2f);
        double beta = c.Float("beta", 0.5f);
        Map(c, x => Math.Max(0, Math.Min(1, alpha * x + beta)));
    }

    private static void Shrink(OpContext c)
    {
        double bias = c.Float("bias", 0f);
        double lambda = c.Float("lambd", 0.5f);
        var x = c.Input(0);
        if (x.ElementType is DataType.Float or DataType.Double)
        {
            Map(c, v => v < -lambda ? v + bias : v > lambda ? v - bias : 0);
            return;
        }
        var values = ElementConverter.ToDoubles(x).Select(v => v < -lambda ? v + bias : v > lambda ? v - bias : 0).ToArray();
        c.SetOutput(0, new TensorValue(x.ElementType, x.Dims, ElementConverter.FromDoubles(values, x.ElementType)));
    }

    private static void Gelu(OpContext c)
    {
        string approximate = c.String("approximate", "none");
        Func<double, double> f = approximate switch
        {
            "none" => x => 0.5 * x * (1 + SpecialFunctions.Erf(x / Math.Sqrt(2))),
            "tanh" => x => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))),
            _ => throw new OnnxKitException($"Gelu approximate '{approximate}' is neither none nor tanh."),
        };
        Map(c, f);
    }

    private static void SwiGlu(OpContext c)
    {
        var gate = c.Input(0);
        var value = c.Input(1);
        if (!gate.Dims.AsSpan().SequenceEqual(value.Dims))
            throw new OnnxKitException($"SwiGLU inputs must have the same shape, got {gate.Describe()} and {value.Describe()}.");
        double alpha = c.Float("alpha", 1f);
        var swish = FloatMap.Apply(gate, x => x * Sigmoid(alpha * x));
        c.SetOutput(0, ArithmeticKernels.Mul(swish, value));
    }

    private readonly struct ReluOp : NumericTypes.IUnary
    {
        public static T Apply<T>(T x) where T : INumber<T> => x < T.Zero ? T.Zero : x;
    }

    private readonly struct PReluOp : NumericTypes.IBinary
    {
        public static T Apply<T>(T x, T slope) where T : INumber<T> => x < T.Zero ? x * slope : x;
    }
}
