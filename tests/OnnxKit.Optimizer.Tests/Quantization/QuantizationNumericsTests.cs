using OnnxKit.Ir.Building;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Quantization.Numerics;
using OnnxKit.Optimizer.Tests.TestSupport;
using OnnxKit.Runtime;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Tests.Quantization;

/// <summary>
/// Parameters from ranges, checked by hand, and the quantizer's integers and dequantized values checked
/// bit for bit against ONNX Runtime's QuantizeLinear and DequantizeLinear on the same parameters.
/// </summary>
public sealed class QuantizationNumericsTests
{
    [Theory]
    [InlineData(-1.0, 1.0, DataType.UInt8, false, 2.0 / 255, 127)]    // 1 / float32(2/255) = 127.49999..., so 127 (the stored float32 scale decides)
    [InlineData(0.0, 6.0, DataType.UInt8, false, 6.0 / 255, 0)]       // a ReLU6 range: zero point at the bottom, so saturation clips like ReLU
    [InlineData(2.0, 6.0, DataType.UInt8, false, 6.0 / 255, 0)]       // widened to hold 0
    [InlineData(-1.0, 3.0, DataType.Int8, false, 4.0 / 255, -64)]     // round(-128 + 1 / (4/255)) = round(-64.25)
    [InlineData(-0.5, 2.0, DataType.Int8, true, 2.0 / 127, 0)]        // symmetric int8 uses -127..127
    [InlineData(-0.5, 2.0, DataType.UInt8, true, 4.0 / 255, 128)]     // symmetric uint8 centres at 128
    [InlineData(-8.0, 8.0, DataType.Int4, true, 8.0 / 7, 0)]
    [InlineData(0.0, 0.0, DataType.UInt8, false, 1.0, 0)]             // an all-zero tensor
    public void Scale_and_zero_point_follow_from_the_range(double min, double max, DataType type, bool symmetric, double scale, long zeroPoint)
    {
        var (s, z) = RangeParameters.For(min, max, QuantizedType.For(type, symmetric), symmetric);

        Assert.Equal((float)scale, s);
        Assert.Equal(zeroPoint, z);
    }

    [Fact]
    public void Reduced_range_uses_seven_bits()
    {
        Assert.Equal((0L, 127L), (QuantizedType.For(DataType.UInt8, reduceRange: true).Min, QuantizedType.For(DataType.UInt8, reduceRange: true).Max));
        Assert.Equal((-63L, 63L), (QuantizedType.For(DataType.Int8, symmetric: true, reduceRange: true).Min, QuantizedType.For(DataType.Int8, symmetric: true, reduceRange: true).Max));
    }

    [Fact]
    public void An_int32_bias_has_the_product_of_the_input_and_weight_scales()
    {
        var bias = BiasQuantizer.Quantize([0.5f, -1.25f, 3f], 0.02f, [0.01f, 0.5f, 0.001f]);

        Assert.Equal([0.02f * 0.01f, 0.02f * 0.5f, 0.02f * 0.001f], bias.Parameters.Scales);
        Assert.Equal([2500L, -125L, 150000L], bias.Values);
        Assert.True(bias.Parameters.HasZeroZeroPoints);
    }

    public static TheoryData<DataType, int, int, int> Layouts => new()
    {
        { DataType.UInt8, -1, 0, 13 },  // per tensor
        { DataType.Int8, 1, 0, 13 },    // per axis
        { DataType.UInt16, 0, 0, 21 },
        { DataType.Int16, 1, 0, 21 },
        { DataType.Int4, 1, 4, 21 },    // blocked along the columns
        { DataType.UInt4, 0, 3, 21 },   // blocked along the rows, a partial last block
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Quantized_and_dequantized_values_equal_onnx_runtimes(DataType type, int axis, int blockSize, int opset)
    {
        long[] dims = [7, 12];
        var random = new Random(11);
        var values = Enumerable.Range(0, 84).Select(_ => (float)(random.NextDouble() * 6 - 2)).ToArray();
        values[5] = 100f; // far outside every group's range once the parameters are fixed below: saturates
        var granularity = axis < 0 ? Granularity.PerTensor : blockSize > 0 ? Granularity.Blocked(axis, blockSize) : Granularity.PerAxis(axis);
        var fitted = TensorQuantizer.Quantize(values.Select(v => Math.Min(v, 4f)).ToArray(), dims, QuantizedType.For(type), granularity, symmetric: false);
        var mine = TensorQuantizer.Quantize(values, dims, fitted.Parameters);

        // ONNX Runtime's C# API cannot exchange 4-bit tensors, so the integers go through DequantizeLinear inside the model:
        // (q − zp)·scale with a positive scale determines q.
        var model = RoundTrip(type, dims, fitted.Parameters, opset);
        using var session = OnnxRuntimeBackend.AsWritten.Prepare(model);
        var outputs = session.Run(new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats(values, dims) });

        Assert.Equal(mine.Dequantize(), outputs[model.Graph.Outputs[0].Name].ToArray<float>());
        if (type.BitWidth() >= 8) Assert.Equal(mine.Values, outputs[model.Graph.Outputs[1].Name].ToInt64Array());
        Assert.Contains(mine.Values, v => v == QuantizedType.For(type).TypeMax);
    }

    /// <summary>x → QuantizeLinear → DequantizeLinear → "restored", with the quantized integers also an output (8 and 16 bits).</summary>
    private static Model RoundTrip(DataType type, long[] dims, QuantizationParameters p, int opset)
    {
        var graph = new GraphBuilder(opset);
        var x = graph.Input("x", DataType.Float, dims.Select(d => Dim.Of(d)).ToArray());
        var scale = graph.Graph.AddInitializer("scale", p.ScaleTensor("scale"));
        var zeroPoint = graph.Graph.AddInitializer("zero_point", p.ZeroPointTensor("zero_point"));
        var attributes = new List<IrAttribute>();
        if (p.Layout.Granularity.Axis is int axis) attributes.Add(IrAttribute.Int("axis", axis));
        if (p.Layout.Granularity.BlockSize > 0) attributes.Add(IrAttribute.Int("block_size", p.Layout.Granularity.BlockSize));
        var q = graph.Op("QuantizeLinear", [x, scale, zeroPoint], [.. attributes]);
        q.Type = new TensorType(type, Shape.Of(dims));
        var restored = graph.Op("DequantizeLinear", [q, scale, zeroPoint], [.. attributes]);
        graph.Output(restored, DataType.Float, [.. dims.Select(d => (Dim)d)]);
        if (type.BitWidth() >= 8) graph.Output(q);
        return graph.ToModel();
    }
}
