using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.Optimizer.Tests.TestSupport;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Tests.Rules.Fusion;

public sealed class BatchNormFusionTests
{
    /// <summary>Adds BatchNormalization over <paramref name="channels"/> with seeded statistics (variance kept positive).</summary>
    private static Value BatchNorm(GraphBuilder g, Value x, int channels, string prefix = "bn") =>
        g.Op("BatchNormalization", [x, g.Random(prefix + "_gamma", [channels], 0.5, 1.5), g.Random(prefix + "_beta", [channels]),
             g.Random(prefix + "_mean", [channels]), g.Random(prefix + "_var", [channels], 0.1, 2)], IrAttribute.Float("epsilon", 1e-3f));

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 1)]
    [InlineData(true, 4)]
    public void ConvBatchNormBecomesOneConv(bool convHasBias, int group)
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2, 8, 10, 10);
        Value?[] convInputs = convHasBias
            ? [x, g.Random("w", [8, 8 / group, 3, 3]), g.Random("b", [8])]
            : [x, g.Random("w", [8, 8 / group, 3, 3])];
        var conv = g.Op("Conv", convInputs, IrAttribute.Ints("pads", [1, 1, 1, 1]), IrAttribute.Int("group", group));
        var model = g.Output(g.Op("Relu", [BatchNorm(g, conv, 8)]), DataType.Float, 2, 8, 10, 10).ToModel();

        var optimized = Optimize.With(model, "fuse-conv-batchnorm", "eliminate-dead-code").Model;
        Assert.Equal(["Conv", "Relu"], Optimize.Ops(optimized));
        Assert.Equal(2, optimized.Graph.Initializers.Count);
        Assert.Equal(group, optimized.Graph.Nodes.First!.Attributes.GetInt("group", 1));
        Numerics.AssertSameOutputs(model, optimized);
    }

    [Fact]
    public void FusedFloatWeightsAreEachProductInDoubleRoundedOnce()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 1, 3, 5, 5);
        var model = g.Output(BatchNorm(g, g.Op("Conv", [x, g.Random("w", [4, 3, 2, 2])]), 4), DataType.Float, 1, 4, 4, 4).ToModel();
        float[] Initializer(string name) => model.Graph.Initializers.Single(v => v.Name == name).ConstValue!.ToArray<float>();
        float[] w = Initializer("w"), gamma = Initializer("bn_gamma"), variance = Initializer("bn_var");

        var optimized = Optimize.With(model, "fuse-conv-batchnorm", "eliminate-dead-code").Model;
        var fused = optimized.Graph.Nodes.Single().Inputs[1]!.ConstValue!.ToArray<float>();

        var expected = w.Select((v, i) => (float)(v * (gamma[i / 12] / Math.Sqrt(variance[i / 12] + (double)1e-3f)))).ToArray();
        Assert.Equal(expected, fused); // exactly: W·γ/σ in double, one rounding to float
    }

    [Fact]
    public void TheFusedConvTakesOverAGraphOutputName()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 1, 3, 5, 5);
        var conv = g.Op("Conv", [x, g.Random("w", [4, 3, 1, 1])]);
        var y = BatchNorm(g, conv, 4);
        var model = g.Output(y, DataType.Float, 1, 4, 5, 5).ToModel();
        var optimized = Optimize.With(model, "fuse-conv-batchnorm", "eliminate-dead-code").Model;
        Assert.Equal(["Conv"], Optimize.Ops(optimized));
        Assert.Equal(y.Name, optimized.Graph.Outputs[0].Name);
        Assert.Same(optimized.Graph.Nodes.First!.Outputs[0], optimized.Graph.Outputs[0]);
        Numerics.AssertSameOutputs(model, optimized);
    }

    [Fact]
    public void SharedWeightsAreNotFoldedButTheBatchNormIsStillRemoved()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 1, 3, 5, 5);
        var w = g.Random("w", [3, 3, 1, 1]);
        var first = g.Op("Conv", [x, w]);
        first.Type = new TensorType(DataType.Float, Shape.Of(1, 3, 5, 5));
        var second = g.Op("Conv", [first, w]);
        var model = g.Output(g.Op("Add", [BatchNorm(g, first, 3), second]), DataType.Float, 1, 3, 5, 5).ToModel();

        var fusedOnly = Optimize.With(model, "fuse-conv-batchnorm").Model;
        Assert.Contains("BatchNormalization", Optimize.Ops(fusedOnly)); // w is read by the second Conv too
        var optimized = Optimize.With(model, "fuse-conv-batchnorm", "decompose-batchnorm", "eliminate-dead-code").Model;
        Assert.Equal(["Conv", "Conv", "Mul", "Add", "Add"], Optimize.Ops(optimized));
        Numerics.AssertSameOutputs(model, optimized);
    }

    [Fact]
    public void ConvFollowedByPerChannelMulAndAddFoldsIntoTheConv()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2, 3, 6, 6);
        var conv = g.Op("Conv", [x, g.Random("w", [5, 3, 3, 3]), g.Random("b", [5])]);
        var scaled = g.Op("Mul", [g.Random("scale", [5, 1, 1]), conv]);
        var shifted = g.Op("Add", [scaled, g.Random("shift", [1, 5, 1, 1])]);
        var model = g.Output(g.Op("Add", [shifted, g.Floats("two", [2f], [])]), DataType.Float, 2, 5, 4, 4).ToModel();

        var optimized = Optimize.With(model, "fuse-conv-scale-bias", "eliminate-dead-code").Model;
        Assert.Equal(["Conv"], Optimize.Ops(optimized));
        Numerics.AssertSameOutputs(model, optimized);
    }

    [Fact]
    public void AMulThatVariesAlongASpatialAxisIsNotFolded()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 1, 3, 4, 4);
        var conv = g.Op("Conv", [x, g.Random("w", [2, 3, 1, 1])]);
        var model = g.Output(g.Op("Mul", [conv, g.Random("row", [4, 1])]), DataType.Float, 1, 2, 4, 4).ToModel();
        Assert.Equal(["Conv", "Mul"], Optimize.Ops(Optimize.With(model, "fuse-conv-scale-bias").Model));
    }

    [Theory]
    [InlineData(0, "none")]
    [InlineData(1, "vector")]
    [InlineData(0, "column")]
    [InlineData(1, "matrix")]
    public void GemmBatchNormBecomesOneGemm(int transB, string bias)
    {
        var g = new GraphBuilder();
        var a = g.Input("a", 3, 4);
        var b = g.Random("B", transB == 1 ? [5, 4] : [4, 5]);
        Value?[] inputs = bias switch
        {
            "vector" => [a, b, g.Random("C", [5])],
            "column" => [a, b, g.Random("C", [3, 1])],
            "matrix" => [a, b, g.Random("C", [3, 5])],
            _ => [a, b],
        };
        var gemm = g.Op("Gemm", inputs, IrAttribute.Int("transB", transB), IrAttribute.Float("alpha", 0.7f), IrAttribute.Float("beta", 1.3f));
        var model = g.Output(BatchNorm(g, gemm, 5), DataType.Float, 3, 5).ToModel();

        var optimized = Optimize.With(model, "fuse-gemm-batchnorm", "eliminate-dead-code").Model;
        Assert.Equal(["Gemm"], Optimize.Ops(optimized));
        Numerics.AssertSameOutputs(model, optimized);
    }

    [Fact]
    public void DenseWithBatchNormBecomesOneGemm()
    {
        var g = new GraphBuilder(13);
        var x = g.Input("x", DataType.Float, "N", 6);
        var dense = g.Op("Add", [g.Op("MatMul", [x, g.Random("W", [6, 4])]), g.Random("b", [4])]);
        var model = g.Output(g.Op("Relu", [BatchNorm(g, dense, 4)]), new TensorType(DataType.Float)).ToModel();
        g.Graph.Nodes.First!.Outputs[0].Type = new TensorType(DataType.Float, new Shape("N", 4));

        var optimized = Optimize.With(model, "fuse-matmul-add", "fuse-gemm-batchnorm", "eliminate-dead-code").Model;
        Assert.Equal(["Gemm", "Relu"], Optimize.Ops(optimized));
        Numerics.AssertSameOutputs(model, optimized);
    }

    [Fact]
    public void StandaloneBatchNormBecomesMulAndAdd()
    {
        var g = new GraphBuilder(9);
        var x = g.Input("x", DataType.Float, "N", 3, 4, 4);
        var model = g.Output(BatchNorm(g, g.Op("Relu", [x]), 3), new TensorType(DataType.Float)).ToModel();
        g.Graph.Nodes.First!.Outputs[0].Type = x.Type;

        var optimized = Optimize.With(model, "fuse-conv-batchnorm", "decompose-batchnorm", "eliminate-dead-code").Model;
        Assert.Equal(["Relu", "Mul", "Add"], Optimize.Ops(optimized));
        Assert.Equal([3L, 1, 1], optimized.Graph.Nodes.ElementAt(1).Inputs[1]!.ConstValue!.Dims);
        Numerics.AssertSameOutputs(model, optimized);
    }

    [Fact]
    public void TrainingModeBatchNormIsLeftAlone()
    {
        var g = new GraphBuilder(15);
        var x = g.Input("x", 2, 3, 4, 4);
        var conv = g.Op("Conv", [x, g.Random("w", [3, 3, 1, 1])]);
        var outputs = g.Op("BatchNormalization", [conv, g.Random("s", [3]), g.Random("b", [3]), g.Random("m", [3]), g.Random("v", [3], 0.5, 1)], 3, IrAttribute.Int("training_mode", 1));
        var model = g.Output(outputs[0], new TensorType(DataType.Float)).Output(outputs[1]).Output(outputs[2]).ToModel();
        Assert.Equal(["Conv", "BatchNormalization"], Optimize.Ops(Optimize.With(model, "fuse-conv-batchnorm", "decompose-batchnorm").Model));
    }
}
