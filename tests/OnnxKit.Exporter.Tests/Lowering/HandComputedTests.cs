using OnnxKit.Exporter.Export;
using OnnxKit.Exporter.Networks;
using OnnxKit.Exporter.StandardLayers;
using OnnxKit.Exporter.Tests.TestSupport;

namespace OnnxKit.Exporter.Tests.Lowering;

/// <summary>
/// Exported layers run in ONNX Runtime against loop implementations written from the
/// layer definitions (TestSupport/NaiveOps), at an old, a middle and the newest opset.
/// Tolerance: rtol 1e-4, atol 1e-5 (float32 accumulation order differs).
/// </summary>
public sealed class HandComputedTests
{
    public static TheoryData<int> Opsets => [7, 13, 26];

    private static float[] Run(Layer layer, long[] inputShape, float[] x, int batch, int opset, ulong seed = 3)
    {
        var input = Layers.Input(inputShape);
        var model = new FunctionalModel(input, layer.Call(input)).ToOnnx(new ExportOptions { Opset = opset, Seed = seed });
        SchemaConformance.AssertConforms(model);
        return OrtRunner.Run(model, (x, [batch, .. inputShape]))[0];
    }

    [Theory]
    [MemberData(nameof(Opsets))]
    public void Conv2DValidStride1(int opset) => CheckConv(Layers.Conv2D(4, 3), 2, 6, 5, stride: 1, dilation: 1, groups: 1, pads: (0, 0), outSize: (4, 3), opset);

    [Theory]
    [MemberData(nameof(Opsets))]
    public void Conv2DSameStride2PadsTheEndMore(int opset) =>
        // 7 rows, kernel 3, stride 2 → 4 outputs, total pad 2 (1 + 1); 6 columns → 3 outputs, total pad 1 (0 before, 1 after).
        CheckConv(Layers.Conv2D(3, 3, strides: 2, padding: Padding.Same), 2, 7, 6, stride: 2, dilation: 1, groups: 1, pads: (1, 0), outSize: (4, 3), opset);

    [Theory]
    [MemberData(nameof(Opsets))]
    public void Conv2DDilated(int opset) =>
        CheckConv(Layers.Conv2D(2, 3, dilation: 2), 1, 7, 7, stride: 1, dilation: 2, groups: 1, pads: (0, 0), outSize: (3, 3), opset);

    [Theory]
    [MemberData(nameof(Opsets))]
    public void Conv2DGroupedWithoutBias(int opset) =>
        CheckConv(Layers.Conv2D(4, 3, groups: 2, useBias: false), 4, 5, 5, stride: 1, dilation: 1, groups: 2, pads: (0, 0), outSize: (3, 3), opset);

    private static void CheckConv(Conv2D conv, int channels, int height, int width, int stride, int dilation, int groups, (int Top, int Left) pads, (int H, int W) outSize, int opset)
    {
        using var scope = LayerNames.NewScope();
        var x = OrtRunner.RandomData(2 * channels * height * width, 11);
        var actual = Run(conv, [channels, height, width], x, 2, opset);
        var kernel = conv.Kernel;
        var bias = conv.Bias?.ToFloats(3);
        int filters = (int)kernel.Shape[0];
        var (expected, _, _) = NaiveOps.Conv2D(x, 2, channels, height, width, kernel.ToFloats(3), bias, filters,
            (int)kernel.Shape[2], (int)kernel.Shape[3], stride, dilation, pads.Top, pads.Left, outSize.H, outSize.W, groups);
        NumericAssert.Close(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Opsets))]
    public void DepthwiseWithMultiplierIsAGroupedConvolution(int opset)
    {
        using var scope = LayerNames.NewScope();
        var layer = Layers.DepthwiseConv2D(3, depthMultiplier: 2, padding: Padding.Same);
        var x = OrtRunner.RandomData(3 * 5 * 5, 5);
        var actual = Run(layer, [3, 5, 5], x, 1, opset);
        var kernel = layer.DepthwiseKernel;
        Assert.Equal([6L, 1, 3, 3], kernel.Shape);
        var (expected, _, _) = NaiveOps.Conv2D(x, 1, 3, 5, 5, kernel.ToFloats(3), layer.Bias!.ToFloats(3), 6, 3, 3, 1, 1, 1, 1, 5, 5, groups: 3);
        NumericAssert.Close(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Opsets))]
    public void SeparableIsDepthwiseThenPointwise(int opset)
    {
        using var scope = LayerNames.NewScope();
        var layer = Layers.SeparableConv2D(4, 3);
        var x = OrtRunner.RandomData(2 * 6 * 6, 8);
        var actual = Run(layer, [2, 6, 6], x, 1, opset);
        var (depthwise, _, _) = NaiveOps.Conv2D(x, 1, 2, 6, 6, layer.DepthwiseKernel.ToFloats(3), null, 2, 3, 3, 1, 1, 0, 0, 4, 4, groups: 2);
        var (expected, _, _) = NaiveOps.Conv2D(depthwise, 1, 2, 4, 4, layer.PointwiseKernel.ToFloats(3), layer.Bias!.ToFloats(3), 4, 1, 1, 1, 1, 0, 0, 4, 4);
        Assert.Equal(2 * 9 + 2 * 4 + 4, layer.ParameterCount);
        NumericAssert.Close(expected, actual);
    }

    [Theory]
    // TensorFlow crops the odd row of SAME at the end: kernel 3, stride 2 on 3 pixels gives 7 rows, 6 kept from the start.
    [InlineData(Padding.Same, 2, 3, 6, 0)]
    [InlineData(Padding.Same, 1, 3, 3, 1)]
    [InlineData(Padding.Valid, 2, 3, 7, 0)]
    // Kernel smaller than the stride: the output is padded at the end instead.
    [InlineData(Padding.Same, 2, 1, 6, 0)]
    public void Conv2DTransposeMatchesTheScatterDefinition(Padding padding, int stride, int kernel, int outSize, int cropBegin)
    {
        foreach (int opset in new[] { 7, 26 })
        {
            using var scope = LayerNames.NewScope();
            var layer = Layers.Conv2DTranspose(2, kernel, strides: stride, padding: padding);
            var x = OrtRunner.RandomData(3 * 3 * 3, 2);
            var actual = Run(layer, [3, 3, 3], x, 1, opset);
            Assert.Equal(outSize, layer.Calls[0].Outputs[0].Shape[1]);
            var expected = NaiveOps.ConvTranspose2D(x, 3, 3, 3, layer.Kernel.ToFloats(3), layer.Bias!.ToFloats(3), 2,
                kernel, kernel, stride, cropBegin, cropBegin, outSize, outSize);
            NumericAssert.Close(expected, actual, what: $"opset {opset}");
        }
    }

    [Theory]
    [InlineData(true, Padding.Valid, 3, 2)]
    [InlineData(true, Padding.Same, 3, 2)]
    [InlineData(false, Padding.Same, 3, 2)]
    [InlineData(false, Padding.Valid, 2, 2)]
    public void PoolingMatchesKeras(bool max, Padding padding, int k, int stride)
    {
        foreach (int opset in new[] { 7, 26 })
        {
            using var scope = LayerNames.NewScope();
            Layer layer = max ? Layers.MaxPooling2D(k, stride, padding) : Layers.AveragePooling2D(k, stride, padding);
            var x = OrtRunner.RandomData(2 * 7 * 7, 4);
            var actual = Run(layer, [2, 7, 7], x, 1, opset);
            int outSize = (int)layer.Calls[0].Outputs[0].Shape[1];
            int pad = padding == Padding.Same ? Math.Max((outSize - 1) * stride + k - 7, 0) / 2 : 0;
            NumericAssert.Close(NaiveOps.Pool2D(x, 2, 7, 7, k, stride, pad, pad, outSize, outSize, max), actual, what: $"opset {opset}");
        }
    }

    [Fact]
    public void NearestUpsamplingRepeatsPixelsAtEveryForm()
    {
        float[] x = [1, 2, 3, 4];
        float[] expected = [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4];
        foreach (int opset in new[] { 7, 9, 10, 11, 13, 26 })
            Assert.Equal(expected, Run(Layers.UpSampling2D(2), [1, 2, 2], x, 1, opset));
    }

    [Fact]
    public void ZeroPaddingPadsEachSide()
    {
        var actual = Run(Layers.ZeroPadding2D((1, 0), (0, 2)), [1, 1, 2], [5, 6], 1, 9);
        Assert.Equal([0f, 0, 0, 0, 5, 6, 0, 0], actual);
    }

    [Fact]
    public void BatchNormalizationUsesMovingStatisticsAndKerasEpsilon()
    {
        using var scope = LayerNames.NewScope();
        var layer = Layers.BatchNormalization();
        var input = Layers.Input(2);
        var model = new FunctionalModel(input, layer.Call(input));
        layer.Gamma!.Assign([2f, 0.5f]);
        layer.Beta!.Assign([1f, -1f]);
        layer.MovingMean.Assign([3f, -2f]);
        layer.MovingVariance.Assign([4f, 0.25f]);
        float[] x = [5f, 1f];
        float[] expected = [(float)(2 * (5 - 3) / Math.Sqrt(4 + 1e-3) + 1), (float)(0.5 * (1 + 2) / Math.Sqrt(0.25 + 1e-3) - 1)];
        foreach (int opset in new[] { 7, 9, 15, 26 })
            NumericAssert.Close(expected, OrtRunner.Run(model.ToOnnx(new ExportOptions { Opset = opset }), (x, [1, 2]))[0], what: $"opset {opset}");
    }

    [Fact]
    public void ReluVariantsFollowKerasDefinition()
    {
        float[] x = [-2f, -0.5f, 0.2f, 0.7f, 3f, 8f];
        static float Keras(float v, float? max, float slope, float threshold)
        {
            float y = v >= threshold ? v : slope * (v - threshold);
            return max is float m && v >= m ? m : y;
        }
        foreach (var (max, slope, threshold) in new (float?, float, float)[] { (null, 0, 0), (6, 0, 0), (null, 0.1f, 0), (4, 0.2f, 0.5f), (null, 0, 0.5f) })
        {
            foreach (int opset in new[] { 7, 26 })
            {
                var actual = Run(Layers.ReLU(max, slope, threshold), [6], x, 1, opset);
                NumericAssert.Close(x.Select(v => Keras(v, max, slope, threshold)).ToArray(), actual, what: $"ReLU({max}, {slope}, {threshold}) opset {opset}");
            }
        }
    }

    [Fact]
    public void ChannelsLastTransposesAtTheBoundaryAndFlattensInKerasOrder()
    {
        using var scope = LayerNames.NewScope();
        var input = Layers.Input(2, 3, 4);
        var conv = Layers.Conv2D(3, 1);
        var model = new FunctionalModel(input, Layers.Flatten().Call(conv.Call(input)));
        var nchw = OrtRunner.RandomData(24, 6);
        var first = OrtRunner.Run(model.ToOnnx(new ExportOptions { Opset = 13 }), (nchw, [1, 2, 3, 4]))[0];
        var lastModel = model.ToOnnx(new ExportOptions { Opset = 13, ChannelsLast = true });
        Assert.Equal([1L, 3, 4, 2], lastModel.Graph.Inputs[0].TensorType!.Shape!.Select(d => d.Value ?? 1));
        var last = OrtRunner.Run(lastModel, (NaiveOps.ToNhwc(nchw, 1, 2, 3, 4), [1, 3, 4, 2]))[0];
        // Channels-first flattens (c, h, w); channels-last flattens (h, w, c) like Keras.
        Assert.Equal(NaiveOps.ToNhwc(first, 1, 3, 3, 4), last);
    }

    [Fact]
    public void ChannelsLastImageOutputsAreTransposedBack()
    {
        using var scope = LayerNames.NewScope();
        var input = Layers.Input(2, 3, 3);
        var model = new FunctionalModel(input, Layers.Conv2D(4, 3, padding: Padding.Same).Call(input));
        var nchw = OrtRunner.RandomData(18, 7);
        var first = OrtRunner.Run(model.ToOnnx(), (nchw, [1, 2, 3, 3]))[0];
        var lastModel = model.ToOnnx(new ExportOptions { ChannelsLast = true });
        Assert.Equal("conv2d", lastModel.Graph.Outputs[0].Name);
        var last = OrtRunner.Run(lastModel, (NaiveOps.ToNhwc(nchw, 1, 2, 3, 3), [1, 3, 3, 2]))[0];
        NumericAssert.Close(NaiveOps.ToNhwc(first, 1, 4, 3, 3), last);
    }
}
