using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.Optimizer.Tests.TestSupport;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Tests.Rules.Fusion;

public sealed class StructuralFusionTests
{
    [Fact]
    public void MatMulAddBecomesGemmWhenTheOperandsAre2D()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", DataType.Float, "N", 5);
        var product = g.Op("MatMul", [x, g.Random("W", [5, 3])]);
        var model = g.Output(g.Op("Add", [g.Random("b", [1, 3]), product]), new TensorType(DataType.Float)).ToModel();

        var optimized = Optimize.With(model, "fuse-matmul-add").Model;
        Assert.Equal(["Gemm"], Optimize.Ops(optimized));
        Assert.Equal(model.Graph.Outputs[0].Name, optimized.Graph.Outputs[0].Name);
        Numerics.AssertSameOutputs(model, optimized);
    }

    [Fact]
    public void MatMulAddStaysWhenTheInputIs3DOrTheBiasDoesNotBroadcastOneWay()
    {
        var g = new GraphBuilder();
        var x3 = g.Input("x3", 2, 4, 5);
        var x2 = g.Input("x2", 4, 5);
        var w = g.Random("W", [5, 3]);
        var a = g.Op("Add", [g.Op("MatMul", [x3, w]), g.Random("b", [3])]);
        var b = g.Op("Add", [g.Op("MatMul", [x2, w]), g.Random("big", [2, 4, 3])]);
        var model = g.Output(a, new TensorType(DataType.Float)).Output(b).ToModel();
        Assert.DoesNotContain("Gemm", Optimize.Ops(Optimize.With(model, "fuse-matmul-add").Model));
    }

    [Theory]
    [InlineData("Conv", 0f)]
    [InlineData("AveragePool", 0f)]
    [InlineData("MaxPool", float.NegativeInfinity)]
    public void ConstantPadFoldsIntoTheFollowingNode(string op, float padValue)
    {
        var g = new GraphBuilder(13);
        var x = g.Input("x", 1, 2, 6, 6);
        var padded = g.Op("Pad", [x, g.Ints("pads", 0, 0, 1, 2, 0, 0, 2, 1), g.Floats("value", [padValue], [])]);
        var y = op == "Conv"
            ? g.Op("Conv", [padded, g.Random("w", [3, 2, 3, 3])], IrAttribute.Ints("pads", [1, 0, 0, 1]))
            : g.Op(op, [padded], IrAttribute.Ints("kernel_shape", [3, 3]), IrAttribute.Ints("strides", [2, 2]));
        var model = g.Output(y, new TensorType(DataType.Float)).ToModel();

        var optimized = Optimize.With(model, "fuse-pad").Model;
        Assert.Equal([op], Optimize.Ops(optimized));
        var node = optimized.Graph.Nodes.First!;
        Assert.Equal(op == "Conv" ? [2L, 2, 2, 2] : [1L, 2, 2, 1], node.Attributes.GetInts("pads"));
        if (op == "AveragePool") Assert.Equal(1, node.Attributes.GetInt("count_include_pad", 0));
        Numerics.AssertSameOutputs(model, optimized);
    }

    [Fact]
    public void PadsThatChangeTheResultAreNotFolded()
    {
        var g = new GraphBuilder(13);
        var x = g.Input("x", 1, 2, 6, 6);
        var reflect = g.Op("Pad", [x, g.Ints("pads", 0, 0, 1, 1, 0, 0, 1, 1)], IrAttribute.String("mode", "reflect"));
        var channel = g.Op("Pad", [x, g.Ints("cpads", 0, 1, 0, 0, 0, 0, 0, 0)]);
        var zeroBeforeMax = g.Op("Pad", [x, g.Ints("mpads", 0, 0, 1, 1, 0, 0, 1, 1)]);
        var w = g.Random("w", [2, 2, 3, 3]);
        var model = g.Output(g.Op("Conv", [reflect, w]), new TensorType(DataType.Float))
            .Output(g.Op("Conv", [channel, g.Random("w3", [2, 3, 3, 3])]))
            .Output(g.Op("MaxPool", [zeroBeforeMax], IrAttribute.Ints("kernel_shape", [2, 2]))).ToModel();
        Assert.Equal(3, Optimize.Ops(Optimize.With(model, "fuse-pad").Model).Count(o => o == "Pad"));
    }

    [Fact]
    public void TransposePairsCancelOrMerge()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2, 3, 4);
        var back = g.Op("Transpose", [g.Op("Transpose", [x], IrAttribute.Ints("perm", [1, 2, 0]))], IrAttribute.Ints("perm", [2, 0, 1]));
        var merged = g.Op("Transpose", [g.Op("Transpose", [x], IrAttribute.Ints("perm", [0, 2, 1]))]);
        var model = g.Output(g.Op("Neg", [back]), new TensorType(DataType.Float)).Output(g.Op("Neg", [merged])).ToModel();

        var optimized = Optimize.With(model, "fuse-transposes").Model;
        Assert.Equal(["Transpose", "Neg", "Neg"], Optimize.Ops(optimized));
        Assert.Equal([1L, 2, 0], optimized.Graph.Nodes.First!.Attributes.GetInts("perm"));
        Assert.Same(optimized.Graph.Inputs[0], optimized.Graph.Nodes.ElementAt(1).Inputs[0]);
        Numerics.AssertSameOutputs(model, optimized, rtol: 0, atol: 0);
    }

    [Fact]
    public void TransposesFoldIntoGemmAndMatMulOperands()
    {
        var g = new GraphBuilder();
        var a = g.Input("a", 5, 3);
        var b = g.Input("b", 4, 5);
        var gemm = g.Op("Gemm", [g.Op("Transpose", [a], IrAttribute.Ints("perm", [1, 0])), b], IrAttribute.Int("transB", 1));
        var at = g.Op("Transpose", [a]);
        var bt = g.Op("Transpose", [b]);
        at.Type = new TensorType(DataType.Float, Shape.Of(3, 5));
        bt.Type = new TensorType(DataType.Float, Shape.Of(5, 4));
        var matmul = g.Op("MatMul", [at, bt]);
        var model = g.Output(gemm, new TensorType(DataType.Float)).Output(matmul).ToModel();

        var optimized = Optimize.With(model, "fuse-transposes").Model;
        Assert.Equal(["Gemm", "Gemm"], Optimize.Ops(optimized));
        var first = optimized.Graph.Nodes.First!;
        Assert.Equal((1L, 1L), (first.Attributes.GetInt("transA", 0), first.Attributes.GetInt("transB", 0)));
        Numerics.AssertSameOutputs(model, optimized);
    }

    [Fact]
    public void ReshapeChainsBecomeOneReshape()
    {
        var g = new GraphBuilder(13);
        var x = g.Input("x", DataType.Float, "N", 4, 1, 6);
        var squeezed = g.Op("Squeeze", [x, g.Ints("axes", 2)]);
        var flat = g.Op("Flatten", [squeezed], IrAttribute.Int("axis", 1));
        var reshaped = g.Op("Reshape", [flat, g.Ints("shape", -1, 3, 8)]);
        var unsqueezed = g.Op("Unsqueeze", [g.Op("Squeeze", [x, g.Ints("axes2", 2)]), g.Ints("axes3", 1)]);
        unsqueezed.Type = new TensorType(DataType.Float, new Shape("N", 1, 4, 6));
        var model = g.Output(reshaped, new TensorType(DataType.Float)).Output(unsqueezed).ToModel();

        var optimized = Optimize.With(model, "merge-reshapes").Model;
        Assert.Equal(["Reshape", "Reshape"], Optimize.Ops(optimized));
        Assert.All(optimized.Graph.Nodes, n => Assert.Same(optimized.Graph.Inputs[0], n.Inputs[0]));
        Assert.Equal([0L, 1, 4, 6], optimized.Graph.Nodes.ElementAt(1).Inputs[1]!.ConstValue!.ToInt64Array());
        Numerics.AssertSameOutputs(model, optimized, rtol: 0, atol: 0);
    }

    [Fact]
    public void AReshapeTargetThatCopiesDimsKeepsItsChain()
    {
        var g = new GraphBuilder(13);
        var x = g.Input("x", DataType.Float, "N", 4, 6);
        var first = g.Op("Reshape", [x, g.Ints("s1", 0, 24)]);
        var model = g.Output(g.Op("Reshape", [first, g.Ints("s2", 0, 6, 4)]), new TensorType(DataType.Float)).ToModel();
        Assert.Equal(["Reshape", "Reshape"], Optimize.Ops(Optimize.With(model, "merge-reshapes").Model));
    }
}
