using OnnxKit.Exporter.Export;
using OnnxKit.Exporter.Networks;
using OnnxKit.Exporter.Tests.TestSupport;
using OnnxKit.Ir;
using OnnxKit.Schemas;

namespace OnnxKit.Exporter.Tests.Lowering;

/// <summary>Each opset-dependent operator form, on both sides of the opset where it changes.</summary>
public sealed class OpsetFormTests
{
    private static Model Export(Layer layer, long[] inputShape, int opset)
    {
        var input = Layers.Input(inputShape);
        var model = new FunctionalModel(input, layer.Call(input)).ToOnnx(new ExportOptions { Opset = opset });
        SchemaConformance.AssertConforms(model);
        return model;
    }

    private static Node Single(Model model, string opType) => Assert.Single(model.Graph.Nodes, n => n.OpType == opType);

    private static string[] Ops(Model model) => model.Graph.Nodes.Select(n => n.OpType).Where(op => op != "Constant").ToArray();

    private static ITensor ConstantOf(Value value)
    {
        Assert.Equal("Constant", value.Producer?.OpType);
        return value.Producer!.Attributes["value"]!.AsTensor();
    }

    [Fact]
    public void ClipBoundsAreAttributesBefore11AndInputsFrom11()
    {
        var old = Single(Export(Layers.ReLU(maxValue: 6), [4], 10), "Clip");
        Assert.Single(old.Inputs);
        Assert.Equal(0f, old.Attributes["min"]!.AsFloat());
        Assert.Equal(6f, old.Attributes["max"]!.AsFloat());
        var current = Single(Export(Layers.ReLU(maxValue: 6), [4], 11), "Clip");
        Assert.Equal(3, current.Inputs.Count);
        Assert.Empty(current.Attributes);
        Assert.Equal([6f], ConstantOf(current.Inputs[2]!).ToArray<float>());
    }

    [Fact]
    public void ClipWithOnlyAnUpperBoundOmitsTheMinInput()
    {
        var node = Single(Export(Layers.Clip(null, 2f), [4], 13), "Clip");
        Assert.Null(node.Inputs[1]);
        Assert.NotNull(node.Inputs[2]);
        Assert.Null(Single(Export(Layers.Clip(null, 2f), [4], 9), "Clip").Attributes["min"]);
    }

    [Fact]
    public void SqueezeAxesBecomeAnInputAt13()
    {
        Assert.Equal([2L, 3L], Single(Export(Layers.GlobalAveragePooling2D(), [3, 4, 4], 12), "Squeeze").Attributes["axes"]!.AsInts());
        var node = Single(Export(Layers.GlobalAveragePooling2D(), [3, 4, 4], 13), "Squeeze");
        Assert.Equal([2L, 3L], ConstantOf(node.Inputs[1]!).ToInt64Array());
    }

    [Fact]
    public void PadsBecomeInputsAt11()
    {
        var old = Single(Export(Layers.ZeroPadding2D((1, 2), (3, 4)), [1, 5, 5], 10), "Pad");
        Assert.Equal([0L, 0, 1, 3, 0, 0, 2, 4], old.Attributes["pads"]!.AsInts());
        Assert.Equal("constant", old.Attributes["mode"]!.AsString());
        var current = Single(Export(Layers.ZeroPadding2D((1, 2), (3, 4)), [1, 5, 5], 11), "Pad");
        Assert.Equal([0L, 0, 1, 3, 0, 0, 2, 4], ConstantOf(current.Inputs[1]!).ToInt64Array());
    }

    [Fact]
    public void DropoutRatioBecomesAnInputAt12()
    {
        Assert.Equal(0.5f, Single(Export(Layers.Dropout(0.5f), [4], 11), "Dropout").Attributes["ratio"]!.AsFloat());
        var node = Single(Export(Layers.Dropout(0.5f), [4], 12), "Dropout");
        Assert.Equal([0.5f], ConstantOf(node.Inputs[1]!).ToArray<float>());
    }

    [Fact]
    public void SoftmaxOverAnInnerAxisIsTransposedBefore13()
    {
        var old = Export(Layers.Softmax(axis: 1), [4, 5], 12);
        Assert.Equal(["Transpose", "Softmax", "Transpose"], Ops(old));
        Assert.Equal(2, Single(old, "Softmax").Attributes["axis"]!.AsInt());
        var current = Export(Layers.Softmax(axis: 1), [4, 5], 13);
        Assert.Equal(1, Single(current, "Softmax").Attributes["axis"]!.AsInt());
        Assert.Equal(["Softmax"], Ops(Export(Layers.Softmax(), [4, 5], 7)));
    }

    [Fact]
    public void BatchNormalizationWritesKerasEpsilonAndSpatialBefore9()
    {
        var old = Single(Export(Layers.BatchNormalization(), [3, 4, 4], 8), "BatchNormalization");
        Assert.Equal(1, old.Attributes["spatial"]!.AsInt());
        Assert.Equal(1e-3f, old.Attributes["epsilon"]!.AsFloat());
        var current = Single(Export(Layers.BatchNormalization(), [3, 4, 4], 9), "BatchNormalization");
        Assert.Null(current.Attributes["spatial"]);
        Assert.Equal(1e-3f, current.Attributes["epsilon"]!.AsFloat());
    }

    [Fact]
    public void LayerNormalizationIsDecomposedBefore17()
    {
        var old = Export(Layers.LayerNormalization(), [6], 16);
        Assert.DoesNotContain("LayerNormalization", Ops(old));
        Assert.Equal(2, Ops(old).Count(o => o == "ReduceMean"));
        Assert.Equal(1e-3f, Single(Export(Layers.LayerNormalization(), [6], 17), "LayerNormalization").Attributes["epsilon"]!.AsFloat());
    }

    [Fact]
    public void ReduceMeanAxesBecomeAnInputAt18()
    {
        Layer Mean() => Layers.Lambda((b, x) => b.ReduceMean(x, [1], keepDims: false), _ => [1]);
        Assert.Equal([1L], Single(Export(Mean(), [6], 17), "ReduceMean").Attributes["axes"]!.AsInts());
        Assert.Equal([1L], ConstantOf(Single(Export(Mean(), [6], 18), "ReduceMean").Inputs[1]!).ToInt64Array());
    }

    [Fact]
    public void SplitSizesBecomeAnInputAt13()
    {
        Layer FirstHalf() => Layers.Lambda((b, x) => b.Split(x, 1, 2, 4)[0], _ => [2]);
        Assert.Equal([2L, 4L], Single(Export(FirstHalf(), [6], 12), "Split").Attributes["split"]!.AsInts());
        Assert.Equal([2L, 4L], ConstantOf(Single(Export(FirstHalf(), [6], 13), "Split").Inputs[1]!).ToInt64Array());
    }

    [Fact]
    public void GeluIsNativeFrom20AndDecomposedBefore()
    {
        Assert.Equal("none", Single(Export(Layers.Activation(Activation.Gelu), [4], 20), "Gelu").Attributes["approximate"]!.AsString());
        Assert.Contains("Erf", Ops(Export(Layers.Activation(Activation.Gelu), [4], 19)));
        Assert.Contains("Tanh", Ops(Export(Layers.Activation(Activation.GeluWith(approximate: true)), [4], 8)));
    }

    [Fact]
    public void ExactGeluBelowOpset9FailsNamingLayerOpAndRange()
    {
        using var scope = LayerNames.NewScope();
        var error = Assert.Throws<LoweringException>(() => Export(Layers.Activation(Activation.Gelu), [4], 8));
        Assert.Contains("'activation' (Activation)", error.Message);
        Assert.Contains("Gelu", error.Message);
        Assert.Contains("opset 8", error.Message);
        Assert.Contains($"9–{OpsetSupport.MaxOpset}", error.Message);
        Assert.Equal((9, OpsetSupport.MaxOpset), (error.MinOpset, error.MaxOpset));
    }

    [Fact]
    public void HardSwishIsNativeFrom14()
    {
        Assert.Equal(["HardSigmoid", "Mul"], Ops(Export(Layers.Activation(Activation.HardSwish), [4], 13)));
        Assert.Equal(["HardSwish"], Ops(Export(Layers.Activation(Activation.HardSwish), [4], 14)));
    }

    [Fact]
    public void GreaterOrEqualIsNotLessBefore12()
    {
        Layer Mask() => Layers.Lambda((b, x) => b.Cast(b.GreaterOrEqual(x, b.Scalar(0.5f)), DataType.Float));
        Assert.Equal(["Less", "Not", "Cast"], Ops(Export(Mask(), [4], 11)));
        Assert.Equal(["GreaterOrEqual", "Cast"], Ops(Export(Mask(), [4], 12)));
        Layer Below() => Layers.Lambda((b, x) => b.Cast(b.LessOrEqual(x, b.Scalar(0.5f)), DataType.Float));
        Assert.Equal(["Greater", "Not", "Cast"], Ops(Export(Below(), [4], 11)));
        Assert.Equal(["LessOrEqual", "Cast"], Ops(Export(Below(), [4], 12)));
    }

    [Fact]
    public void NearestUpsamplingFollowsUpsampleThenResize()
    {
        var attr = Single(Export(Layers.UpSampling2D(2), [1, 3, 3], 8), "Upsample");
        Assert.Equal([1f, 1f, 2f, 2f], attr.Attributes["scales"]!.AsFloats());
        Assert.Equal(2, Single(Export(Layers.UpSampling2D(2), [1, 3, 3], 9), "Upsample").Inputs.Count);
        Assert.Equal(2, Single(Export(Layers.UpSampling2D(2), [1, 3, 3], 10), "Resize").Inputs.Count);
        var r11 = Single(Export(Layers.UpSampling2D(2), [1, 3, 3], 11), "Resize");
        Assert.Equal(3, r11.Inputs.Count);
        Assert.Equal("asymmetric", r11.Attributes["coordinate_transformation_mode"]!.AsString());
        Assert.Null(Single(Export(Layers.UpSampling2D(2), [1, 3, 3], 13), "Resize").Inputs[1]);
    }

    [Fact]
    public void BilinearUpsamplingNeedsOpset11()
    {
        var error = Assert.Throws<LoweringException>(() => Export(Layers.UpSampling2D(2, Interpolation.Bilinear), [1, 3, 3], 10));
        Assert.Equal(11, error.MinOpset);
        Assert.Equal("half_pixel", Single(Export(Layers.UpSampling2D(2, Interpolation.Bilinear), [1, 3, 3], 11), "Resize").Attributes["coordinate_transformation_mode"]!.AsString());
    }

    [Fact]
    public void IntegerConstantsAreInitializersBeforeOpset9()
    {
        // Constant-1 holds only floating-point tensors; the Reshape target is int64.
        var old = Export(Layers.Reshape([2, 3]), [6], 8);
        Assert.DoesNotContain(old.Graph.Nodes, n => n.OpType == "Constant");
        Assert.Equal([0L, 2, 3], old.Graph.Initializers.Single().ConstValue!.ToInt64Array());
        var current = Export(Layers.Reshape([2, 3]), [6], 9);
        Assert.Empty(current.Graph.Initializers);
        Assert.Equal([0L, 2, 3], ConstantOf(Single(current, "Reshape").Inputs[1]!).ToInt64Array());
    }

    [Fact]
    public void DenseUsesGemmOn2DAndMatMulAbove()
    {
        Assert.Equal(["Gemm"], Ops(Export(Layers.Dense(3), [4], 7)));
        Assert.Equal(["MatMul", "Add"], Ops(Export(Layers.Dense(3), [5, 4], 7)));
    }

    [Fact]
    public void UnknownOperatorInALambdaFailsWithItsRange()
    {
        var error = Assert.Throws<LoweringException>(() => Export(Layers.Lambda((b, x) => b.Op("Mish", [x])), [4], 17));
        Assert.Contains("Mish", error.Message);
        Assert.Equal(18, error.MinOpset);
    }
}
