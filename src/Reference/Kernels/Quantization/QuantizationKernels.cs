using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Nn;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Quantization;

/// <summary>
/// Linear quantization: QuantizeLinear and DequantizeLinear (per-tensor, per-axis and blocked;
/// integer, 8-bit float and 4-bit targets), DynamicQuantizeLinear, QLinearMatMul and QLinearConv.
/// Quantization divides in the scale's precision and rounds half to even before saturating.
/// </summary>
internal static class QuantizationKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("QuantizeLinear", 10, 25, QuantizeLinear);
        r.Add("DequantizeLinear", 10, 25, DequantizeLinear);
        r.Add("DynamicQuantizeLinear", 11, 11, DynamicQuantizeLinear);
        r.Add("QLinearMatMul", 10, 21, QLinearMatMul);
        r.Add("QLinearConv", 10, 10, QLinearConv);
    }

    /// <summary>
    /// Spreads a scale or zero point over <paramref name="x"/>'s elements: one value (per tensor),
    /// one per index of <paramref name="axisValue"/> (per axis), or one per block of <paramref name="blockSize"/> along it.
    /// </summary>
    private static double[] Spread(TensorValue parameter, TensorValue x, long axisValue, long blockSize)
    {
        var values = ElementConverter.ToDoubles(parameter);
        var result = new double[x.ElementCount];
        if (values.Length == 1)
        {
            Array.Fill(result, values[0]);
            return result;
        }
        int axis = ShapeMath.NormalizeAxis(axisValue, x.Rank);
        int length = x.Dims[axis], inner = ShapeMath.Product(x.Dims, axis + 1, x.Rank);
        if (blockSize <= 0)
        {
            if (parameter.Rank != 1 || values.Length != length)
                throw new OnnxKitException($"a per-axis scale must be 1-D of length {length}, got {parameter.Describe()}.");
            for (int i = 0; i < result.Length; i++) result[i] = values[i / inner % length];
            return result;
        }
        if (parameter.Rank != x.Rank) throw new OnnxKitException($"a blocked scale must have rank {x.Rank}, got {parameter.Describe()}.");
        var strides = ShapeMath.Strides(x.Dims);
        var parameterStrides = ShapeMath.Strides(parameter.Dims);
        for (int i = 0; i < result.Length; i++)
        {
            int rem = i, offset = 0;
            for (int d = 0; d < x.Rank; d++)
            {
                int coordinate = rem / strides[d];
                rem %= strides[d];
                offset += (d == axis ? (int)(coordinate / blockSize) : coordinate) * parameterStrides[d];
            }
            result[i] = values[offset];
        }
        return result;
    }

    /// <summary>The representable range of an integer quantization type.</summary>
    private static (double Min, double Max) Range(DataType type) => type switch
    {
        DataType.UInt8 => (0, 255),
        DataType.Int8 => (-128, 127),
        DataType.UInt16 => (0, 65535),
        DataType.Int16 => (-32768, 32767),
        DataType.Int32 => (int.MinValue, int.MaxValue),
        DataType.UInt4 => (0, 15),
        DataType.Int4 => (-8, 7),
        DataType.UInt2 => (0, 3),
        DataType.Int2 => (-2, 1),
        _ => throw new UnsupportedFeatureException($"quantization to {type.OnnxName()}", $"quantization to {type.OnnxName()} is not supported."),
    };

    /// <summary>Rounds half to even and clamps into <paramref name="type"/> (integers), or encodes as a small float.</summary>
    private static TensorValue Saturate(double[] values, int[] dims, DataType type, bool saturate)
    {
        if (ElementStorage.IsSmallFloat(type)) return new TensorValue(type, dims, ElementConverter.FromDoubles(values, type, saturate));
        var (min, max) = Range(type);
        var rounded = values.Select(v => Math.Clamp(Math.Round(v, MidpointRounding.ToEven), min, max)).ToArray();
        return new TensorValue(type, dims, ElementConverter.FromDoubles(rounded, type));
    }

    private static void QuantizeLinear(OpContext c)
    {
        var x = c.Input(0);
        var scale = c.Input(1);
        var zeroPoint = c.OptionalInput(2);
        long axis = c.Int("axis", 1), blockSize = c.Int("block_size", 0);
        var outputType = c.Int("output_dtype", 0) is var t and not 0 ? (DataType)t : zeroPoint?.ElementType ?? DataType.UInt8;
        var precision = c.Int("precision", 0) is var p and not 0 ? (DataType)p : scale.ElementType;
        var scales = Spread(scale, x, axis, blockSize);
        var zeros = zeroPoint is null ? new double[x.ElementCount] : Spread(zeroPoint, x, axis, blockSize);
        var values = ElementConverter.ToDoubles(x);
        var quotients = new double[values.Length];
        for (int i = 0; i < values.Length; i++) quotients[i] = RoundTo(values[i] / scales[i], precision);
        var shifted = ElementStorage.IsSmallFloat(outputType)
            ? quotients.Select((q, i) => q + zeros[i]).ToArray()
            : quotients.Select((q, i) => Math.Round(q, MidpointRounding.ToEven) + zeros[i]).ToArray();
        c.SetOutput(0, Saturate(shifted, x.Dims, outputType, c.Int("saturate", 1) != 0));
    }

    /// <summary>A value rounded to the precision of a float type (the precision the quotient is computed in).</summary>
    private static double RoundTo(double value, DataType type) => type switch
    {
        DataType.Float => (float)value,
        DataType.Float16 => (double)(Half)(float)value,
        DataType.BFloat16 => BFloat16.FromSingle((float)value).ToSingle(),
        _ => value,
    };

    private static void DequantizeLinear(OpContext c)
    {
        var x = c.Input(0);
        var scale = c.Input(1);
        var zeroPoint = c.OptionalInput(2);
        long axis = c.Int("axis", 1), blockSize = c.Int("block_size", 0);
        var outputType = c.Int("output_dtype", 0) is var t and not 0 ? (DataType)t : scale.ElementType;
        var scales = Spread(scale, x, axis, blockSize);
        var zeros = zeroPoint is null ? new double[x.ElementCount] : Spread(zeroPoint, x, axis, blockSize);
        var values = ElementConverter.ToDoubles(x);
        var result = values.Select((v, i) => RoundTo((v - zeros[i]) * scales[i], outputType)).ToArray();
        c.SetOutput(0, new TensorValue(outputType, x.Dims, ElementConverter.FromDoubles(result, outputType)));
    }

    private static void DynamicQuantizeLinear(OpContext c)
    {
        var x = c.Input(0);
        var values = ElementConverter.ToDoubles(x).Select(v => (float)v).ToArray();
        float max = Math.Max(0, values.Length == 0 ? 0 : values.Max()), min = Math.Min(0, values.Length == 0 ? 0 : values.Min());
        float scale = (max == min ? 1f : max - min) / 255f;
        float zeroPoint = (float)Math.Round(Math.Clamp(0 - min / scale, 0, 255), MidpointRounding.ToEven);
        var quantized = values.Select(v => Math.Clamp(Math.Round((double)(v / scale), MidpointRounding.ToEven) + zeroPoint, 0, 255)).ToArray();
        c.SetOutput(0, new TensorValue(DataType.UInt8, x.Dims, ElementConverter.FromDoubles(quantized, DataType.UInt8)));
        c.SetOutput(1, new TensorValue(x.ElementType, [], ElementConverter.FromDoubles([scale], x.ElementType)));
        c.SetOutput(2, TensorValue.Scalar(DataType.UInt8, (byte)zeroPoint));
    }

    /// <summary>Scale products as NumPy forms them from float32 scales: (a·b)/y in float32.</summary>
    private static double[] Requantization(TensorValue aScale, TensorValue bScale, TensorValue yScale)
    {
        var a = ElementConverter.ToDoubles(aScale);
        var b = ElementConverter.ToDoubles(bScale);
        double y = ElementConverter.ToDoubles(yScale)[0];
        return b.Select(bv => (double)((float)((float)a[0] * (float)bv) / (float)y)).ToArray();
    }

    private static void QLinearMatMul(OpContext c)
    {
        var a = MatMulKernels.Shifted(c.Input(0), c.Input(2), rowWise: true);
        var b = MatMulKernels.Shifted(c.Input(3), c.Input(5), rowWise: false);
        var product = ElementConverter.ToDoubles(MatMulKernels.MatMul(a, b));
        var outputType = c.Input(7).ElementType;
        var factor = Requantization(c.Input(1), c.Input(4), c.Input(6));
        double zero = ElementConverter.ToDoubles(c.Input(7))[0];
        int n = factor.Length > 1 ? c.Input(3).Dims[^1] : 1;
        var dims = ShapeMath.Broadcast(a.Dims[..^2], b.Dims[..^2]).Concat(new[] { a.Dims[^2], b.Dims[^1] }).ToArray();
        var scaled = product.Select((v, i) => v * factor[factor.Length > 1 ? i % n : 0] + zero).ToArray();
        c.SetOutput(0, Saturate(scaled, dims, outputType, true));
    }

    private static void QLinearConv(OpContext c)
    {
        var x = ElementConverter.Convert(MatMulKernels.Shifted(c.Input(0), c.Input(2), rowWise: false), DataType.Double);
        var w = c.Input(3);
        var wZero = c.Input(5);
        var wShifted = ElementConverter.Convert(w, DataType.Double);
        var zeros = ElementConverter.Convert(wZero, DataType.Double);
        if (zeros.ElementCount > 1) zeros = zeros.Reshaped([zeros.ElementCount, .. Enumerable.Repeat(1, w.Rank - 1)]);
        wShifted = Elementwise.ArithmeticKernels.Sub(wShifted, zeros);
        var bias = c.OptionalInput(8) is { } b ? ElementConverter.Convert(b, DataType.Double) : null;
        var result = ConvKernels.Conv(c, x, wShifted, bias);
        var factor = Requantization(c.Input(1), c.Input(4), c.Input(6));
        var yZero = c.Input(7);
        double zero = ElementConverter.ToDoubles(yZero)[0];
        var values = result.Array<double>();
        int plane = ShapeMath.Product(result.Dims, 2, result.Rank), channels = result.Dims[1];
        var scaled = values.Select((v, i) => v * factor[factor.Length > 1 ? i / plane % channels : 0] + zero).ToArray();
        c.SetOutput(0, Saturate(scaled, result.Dims, yZero.ElementType, true));
    }
}
