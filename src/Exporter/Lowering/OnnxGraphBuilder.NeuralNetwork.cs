using OnnxKit.Ir;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Exporter.Lowering;

public sealed partial class OnnxGraphBuilder
{
    /// <summary>Convolution with every attribute explicit (pads: all begins, then all ends).</summary>
    public Value Conv(Value x, Value kernel, Value? bias, long[] kernelShape, long[] strides, long[] pads, long[] dilations, long groups) =>
        Op("Conv", [x, kernel, bias], Ints("kernel_shape", kernelShape), Ints("strides", strides), Ints("pads", pads),
            Ints("dilations", dilations), Attribute.Int("group", groups));

    /// <summary>Transposed convolution with every attribute explicit.</summary>
    public Value ConvTranspose(Value x, Value kernel, Value? bias, long[] kernelShape, long[] strides, long[] pads, long[] dilations, long[] outputPadding, long groups) =>
        Op("ConvTranspose", [x, kernel, bias], Ints("kernel_shape", kernelShape), Ints("strides", strides), Ints("pads", pads),
            Ints("dilations", dilations), Ints("output_padding", outputPadding), Attribute.Int("group", groups));

    /// <summary>Max pooling; padded positions never win.</summary>
    public Value MaxPool(Value x, long[] kernelShape, long[] strides, long[] pads) =>
        Op("MaxPool", [x], Ints("kernel_shape", kernelShape), Ints("strides", strides), Ints("pads", pads));

    /// <summary>Average pooling; padded positions are not counted (as in Keras).</summary>
    public Value AveragePool(Value x, long[] kernelShape, long[] strides, long[] pads) =>
        Op("AveragePool", [x], Ints("kernel_shape", kernelShape), Ints("strides", strides), Ints("pads", pads),
            Attribute.Int("count_include_pad", 0));

    /// <summary>Mean over all spatial positions, keeping them as size-1 axes.</summary>
    public Value GlobalAveragePool(Value x) => Op("GlobalAveragePool", [x]);

    /// <summary>Maximum over all spatial positions, keeping them as size-1 axes.</summary>
    public Value GlobalMaxPool(Value x) => Op("GlobalMaxPool", [x]);

    /// <summary>
    /// Inference-mode batch normalization over axis 1 with epsilon and momentum written
    /// explicitly (Keras's defaults differ from ONNX's). Before opset 9 the per-channel form
    /// is selected with <c>spatial = 1</c>.
    /// </summary>
    public Value BatchNormalization(Value x, Value scale, Value bias, Value mean, Value variance, float epsilon, float momentum)
    {
        var attributes = new List<Attribute> { Attribute.Float("epsilon", epsilon), Attribute.Float("momentum", momentum) };
        if (Opset < 9) attributes.Add(Attribute.Int("spatial", 1));
        return Op("BatchNormalization", [x, scale, bias, mean, variance], attributes.ToArray());
    }

    /// <summary>
    /// Layer normalization over the axes from <paramref name="axis"/> to the last (of a rank
    /// <paramref name="rank"/> tensor). Native from opset 17; before, decomposed as
    /// (x − mean) / √(var + ε) · scale + bias with ReduceMean.
    /// </summary>
    public Value LayerNormalization(Value x, Value scale, Value? bias, int axis, int rank, float epsilon)
    {
        if (Opset >= 17)
            return Op("LayerNormalization", [x, scale, bias], Attribute.Int("axis", axis), Attribute.Float("epsilon", epsilon));
        var axes = Enumerable.Range(axis, rank - axis).Select(a => (long)a).ToArray();
        var centered = Sub(x, ReduceMean(x, axes, keepDims: true));
        var variance = ReduceMean(Mul(centered, centered), axes, keepDims: true);
        var normalized = Div(centered, Sqrt(Add(variance, Scalar(epsilon))));
        var scaled = Mul(normalized, scale);
        return bias is null ? scaled : Add(scaled, bias);
    }

    /// <summary>Inference-time dropout (the identity). The ratio is an attribute before opset 12 and an input from 12.</summary>
    public Value Dropout(Value x, float ratio) =>
        Opset < 12 ? Op("Dropout", [x], Attribute.Float("ratio", ratio)) : Op("Dropout", [x, Scalar(ratio)]);

    /// <summary>
    /// Upsamples an NCHW tensor by integer factors. Nearest-neighbour repeats each pixel
    /// (Upsample with an attribute at opsets 7–8, Upsample with a scales input at 9, Resize
    /// from 10, with asymmetric coordinates and floor rounding from 11). Bilinear matches
    /// Keras (TensorFlow's half-pixel centres) and needs Resize's coordinate modes, opset 11.
    /// </summary>
    public Value Upsample(Value x, long heightFactor, long widthFactor, bool bilinear)
    {
        float[] scales = [1, 1, heightFactor, widthFactor];
        if (bilinear && Opset < 11)
            throw Unsupported("Resize", "bilinear upsampling with TensorFlow's half-pixel centres needs Resize's coordinate_transformation_mode", 11);
        if (Opset < 9) return Op("Upsample", [x], Attribute.String("mode", "nearest"), Attribute.Floats("scales", scales));
        if (Opset == 9) return Op("Upsample", [x, Floats(scales, 4)], Attribute.String("mode", "nearest"));
        if (Opset == 10) return Op("Resize", [x, Floats(scales, 4)], Attribute.String("mode", "nearest"));
        Value? roi = Opset < 13 ? Floats([], 0) : null;
        var attributes = bilinear
            ? new[] { Attribute.String("mode", "linear"), Attribute.String("coordinate_transformation_mode", "half_pixel") }
            : [Attribute.String("mode", "nearest"), Attribute.String("coordinate_transformation_mode", "asymmetric"), Attribute.String("nearest_mode", "floor")];
        return Op("Resize", [x, roi, Floats(scales, 4)], attributes);
    }
}
