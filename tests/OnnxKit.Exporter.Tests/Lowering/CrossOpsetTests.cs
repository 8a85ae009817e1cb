using OnnxKit.Exporter.Export;
using OnnxKit.Exporter.Networks;
using OnnxKit.Exporter.StandardLayers;
using OnnxKit.Exporter.Tests.TestSupport;
using OnnxKit.Schemas;

namespace OnnxKit.Exporter.Tests.Lowering;

/// <summary>
/// Every layer and activation, exported at every supported opset (7–28) and run in ONNX
/// Runtime on the same seeded input: the outputs of all opsets agree with those of the
/// newest (rtol 1e-4, atol 1e-5), and the opsets that refuse a construct are exactly those
/// below its declared minimum.
/// </summary>
public sealed class CrossOpsetTests
{
    private sealed record Case(string Name, long[] InputShape, Func<SymbolicTensor, SymbolicTensor> Build, int MinOpset = OpsetSupport.MinOpset, Action<Network>? Prepare = null);

    private static readonly Case[] Cases =
    [
        new("dense", [6], x => Layers.Dense(5, Activation.Relu).Call(x)),
        new("dense_rank3", [3, 6], x => Layers.Dense(4).Call(x)),
        new("conv1d_same_dilated", [3, 9], x => Layers.Conv1D(4, 3, padding: Padding.Same, dilation: 2).Call(x)),
        new("conv2d_same_stride", [3, 9, 8], x => Layers.Conv2D(4, (3, 2), strides: (2, 1), padding: Padding.Same, activation: Activation.Tanh).Call(x)),
        new("depthwise", [3, 6, 6], x => Layers.DepthwiseConv2D(3, depthMultiplier: 2, strides: 2, padding: Padding.Same).Call(x)),
        new("separable", [3, 6, 6], x => Layers.SeparableConv2D(5, 3, padding: Padding.Same).Call(x)),
        new("conv_transpose", [3, 4, 4], x => Layers.Conv2DTranspose(2, 3, strides: 2, padding: Padding.Same).Call(x)),
        new("max_pool_same", [2, 7, 7], x => Layers.MaxPooling2D(3, 2, Padding.Same).Call(x)),
        new("avg_pool_same", [2, 7, 7], x => Layers.AveragePooling2D(3, 2, Padding.Same).Call(x)),
        new("global_avg", [4, 5, 5], x => Layers.GlobalAveragePooling2D().Call(x)),
        new("global_max", [4, 5, 5], x => Layers.GlobalMaxPooling2D().Call(x)),
        new("flatten_reshape_permute", [2, 3, 4], x => Layers.Permute([2, 1]).Call(Layers.Reshape([6, -1]).Call(Layers.Flatten().Call(x)))),
        new("dropout", [6], x => Layers.Dropout(0.3f).Call(x)),
        new("batch_norm", [3, 4, 4], x => Layers.BatchNormalization(name: "bn").Call(x), Prepare: AssignStatistics),
        new("layer_norm", [3, 6], x => Layers.LayerNormalization().Call(x)),
        new("layer_norm_two_axes", [3, 6], x => Layers.LayerNormalization(axis: 1).Call(x)),
        new("merges", [6], x =>
        {
            var a = Layers.Dense(6).Call(x);
            var b = Layers.Dense(6).Call(x);
            var sum = Layers.Add().Call(a, b, x);
            var product = Layers.Multiply().Call(sum, a);
            return Layers.Concatenate().Call(Layers.Subtract().Call(product, b), Layers.Average().Call(a, b));
        }),
        new("concat_channels", [2, 3, 3], x => Layers.Concatenate(axis: 1).Call(x, Layers.Conv2D(3, 1).Call(x))),
        new("zero_padding", [2, 3, 3], x => Layers.ZeroPadding2D((1, 2), (0, 1)).Call(x)),
        new("upsample_nearest", [2, 3, 3], x => Layers.UpSampling2D((2, 3)).Call(x)),
        new("upsample_bilinear", [2, 3, 3], x => Layers.UpSampling2D(2, Interpolation.Bilinear).Call(x), MinOpset: 11),
        new("softmax_inner_axis", [4, 5], x => Layers.Softmax(axis: 1).Call(x)),
        new("softmax_last_axis_rank3", [4, 5], x => Layers.Activation(Activation.Softmax).Call(x)),
        new("relu_layer_threshold", [6], x => Layers.ReLU(maxValue: 0.6f, negativeSlope: 0.1f, threshold: 0.2f).Call(x)),
        new("clip", [6], x => Layers.Clip(-0.3f, 0.4f).Call(x)),
        new("gelu_exact", [6], x => Layers.Activation(Activation.Gelu).Call(x), MinOpset: 9),
        new("gelu_tanh", [6], x => Layers.Activation(Activation.GeluWith(approximate: true)).Call(x)),
        new("hard_swish", [6], x => Layers.Activation(Activation.HardSwish).Call(x)),
        .. new[]
            {
                Activation.Relu, Activation.Relu6, Activation.LeakyRelu(), Activation.Elu(), Activation.Selu, Activation.Sigmoid,
                Activation.HardSigmoid, Activation.Tanh, Activation.Softplus, Activation.Swish, Activation.Silu, Activation.Linear,
            }
            .Select(activation => new Case(activation.Name, [6], x => Layers.Activation(activation).Call(Layers.Dense(6).Call(x)))),
    ];

    public static TheoryData<string> CaseNames => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void OutputsAgreeAcrossAllOpsets(string name)
    {
        var @case = Cases.Single(c => c.Name == name);
        Network model;
        using (LayerNames.NewScope())
        {
            var input = Layers.Input(@case.InputShape);
            model = new FunctionalModel(input, @case.Build(input));
        }
        @case.Prepare?.Invoke(model);
        long[] shape = [2, .. @case.InputShape];
        var x = OrtRunner.RandomData(shape.Aggregate(1L, (a, b) => a * b), 17).Select(v => v * 3).ToArray();
        var reference = OrtRunner.Run(model.ToOnnx(new ExportOptions { Opset = OpsetSupport.MaxOpset }), (x, shape))[0];
        for (int opset = OpsetSupport.MinOpset; opset <= OpsetSupport.MaxOpset; opset++)
        {
            if (opset < @case.MinOpset)
            {
                var error = Assert.Throws<LoweringException>(() => model.ToOnnx(new ExportOptions { Opset = opset }));
                Assert.Equal(@case.MinOpset, error.MinOpset);
                continue;
            }
            var onnx = model.ToOnnx(new ExportOptions { Opset = opset });
            SchemaConformance.AssertConforms(onnx);
            NumericAssert.Close(reference, OrtRunner.Run(onnx, (x, shape))[0], what: $"{name} at opset {opset}");
        }
    }

    private static void AssignStatistics(Network model)
    {
        var bn = (BatchNormalization)model.GetLayer("bn");
        bn.Gamma!.Assign([1.5f, 0.5f, -1f]);
        bn.Beta!.Assign([0.1f, 0.2f, 0.3f]);
        bn.MovingMean.Assign([0.2f, -0.1f, 0.4f]);
        bn.MovingVariance.Assign([0.5f, 2f, 1.2f]);
    }

    [Fact]
    public void ActivationsMatchTheirKerasFormulas()
    {
        float[] x = Enumerable.Range(0, 17).Select(i => -4f + i * 0.5f + 0.01f).ToArray();
        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        var formulas = new Dictionary<Activation, Func<double, double>>
        {
            [Activation.Relu] = v => Math.Max(0, v),
            [Activation.Relu6] = v => Math.Min(Math.Max(0, v), 6),
            [Activation.LeakyRelu()] = v => v >= 0 ? v : 0.2 * v,
            [Activation.Elu()] = v => v > 0 ? v : Math.Exp(v) - 1,
            [Activation.Selu] = v => 1.0507009873554805 * (v > 0 ? v : 1.6732632423543772 * (Math.Exp(v) - 1)),
            [Activation.Sigmoid] = Sigmoid,
            [Activation.HardSigmoid] = v => Math.Max(0, Math.Min(1, 0.2 * v + 0.5)),
            [Activation.HardSwish] = v => v * Math.Max(0, Math.Min(1, v / 6 + 0.5)),
            [Activation.Tanh] = Math.Tanh,
            [Activation.Softplus] = v => Math.Log(1 + Math.Exp(v)),
            [Activation.Swish] = v => v * Sigmoid(v),
            [Activation.Linear] = v => v,
        };
        foreach (var (activation, formula) in formulas)
        {
            string name = activation.Name;
            var input = Layers.Input(17);
            var model = new FunctionalModel(input, Layers.Activation(activation).Call(input));
            var expected = x.Select(v => (float)formula(v)).ToArray();
            foreach (int opset in new[] { 7, 13, 26 })
                NumericAssert.Close(expected, OrtRunner.Run(model.ToOnnx(new ExportOptions { Opset = opset }), (x, [1, 17]))[0], what: $"{name} at opset {opset}");
        }
    }

    [Fact]
    public void SoftmaxOverAnInnerAxisNormalizesThatAxis()
    {
        var input = Layers.Input(3, 2);
        var model = new FunctionalModel(input, Layers.Softmax(axis: 1).Call(input));
        float[] x = [1, 2, 3, 4, 5, 7];
        foreach (int opset in new[] { 7, 12, 13 })
        {
            var y = OrtRunner.Run(model.ToOnnx(new ExportOptions { Opset = opset }), (x, [1, 3, 2]))[0];
            for (int column = 0; column < 2; column++)
            {
                double sum = Enumerable.Range(0, 3).Sum(r => Math.Exp(x[r * 2 + column]));
                for (int row = 0; row < 3; row++) Assert.Equal(Math.Exp(x[row * 2 + column]) / sum, y[row * 2 + column], 5);
            }
        }
    }
}
