using OnnxKit.Checker;
using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.Serialization;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Tests.Ir;

public sealed class GraphBuilderTests
{
    [Fact]
    public void TypedCallsWriteAValidModel()
    {
        var b = new GraphBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, "N", 4);
        var w = b.Random("w", [4, 2]);
        var y = b.Relu(b.Add(b.MatMul(x, w), b.Floats("bias", [0.5f, -0.5f], 2)));
        b.Output(y, DataType.Float, "N", 2);
        var model = b.ToModel();

        Assert.Equal(["MatMul", "Add", "Relu"], model.Graph.Nodes.Select(n => n.OpType));
        Assert.Equal(b.Nodes, model.Graph.Nodes);
        Assert.Equal("relu", y.Name);
        Assert.Equal(8, model.IrVersion);
        Assert.Equal(17, model.OpsetVersion(""));
        Assert.True(ModelChecker.Check(model).IsValid, ModelChecker.Check(model).ToString());
        var reloaded = OnnxFile.Load(OnnxFile.ToBytes(model));
        Assert.Equal(model.ToString(), reloaded.ToString());
    }

    [Fact]
    public void FreshNamesAvoidEveryNameTakenSoFar()
    {
        var b = new GraphBuilder();
        var x = b.Input("relu", 2);
        var first = b.Relu(x);
        var second = b.Relu(first);
        var named = b.AddNode("Split", [second], outputNames: ["left", "right"]);
        var third = b.Op("Relu", [named.Outputs[0]]);
        Assert.Equal(["relu_1", "relu_2", "relu_3"], new[] { first, second, third }.Select(v => v.Name));
        Assert.Equal(["left", "right"], named.Outputs.Select(o => o.Name));
    }

    [Fact]
    public void ConstantsGetFreshNamesAndRandomWeightsAreSeeded()
    {
        var b = new GraphBuilder();
        var c1 = b.Constant(DenseTensor.FromFloats([1], []));
        var c2 = b.Constant(DenseTensor.FromFloats([2], []));
        Assert.Equal(["const", "const_1"], new[] { c1, c2 }.Select(v => v.Name));
        Assert.True(c1.IsInitializer);

        float[] Weights() => new GraphBuilder().Random("w", [3]).ConstValue!.ToArray<float>();
        Assert.Equal(Weights(), Weights());
        Assert.All(Weights(), v => Assert.InRange(v, -1f, 1f));
    }

    [Fact]
    public void NodesGoBeforeTheInsertionPoint()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 2);
        var last = b.AddNode("Neg", [x]);
        b.InsertionPoint = last;
        b.Relu(x);
        b.Abs(x);
        Assert.Equal(["Relu", "Abs", "Neg"], b.Graph.Nodes.Select(n => n.OpType));
    }

    [Fact]
    public void SubgraphsShareNamesAndOpset()
    {
        var b = new GraphBuilder(opset: 13);
        var c = b.Input("c", DataType.Bool);
        var x = b.Input("x", 2);
        var then = b.Subgraph("then");
        then.Output(then.Relu(x), DataType.Float, 2);
        var otherwise = b.Subgraph("else");
        otherwise.Output(otherwise.Relu(x), DataType.Float, 2);
        b.Output(b.Op("If", [c], IrAttribute.Graph("then_branch", then.Graph), IrAttribute.Graph("else_branch", otherwise.Graph)), DataType.Float, 2);

        Assert.Equal(13, then.Opset);
        Assert.Equal(["relu"], then.Graph.Nodes.Select(n => n.Outputs[0].Name));
        Assert.Equal(["relu_1"], otherwise.Graph.Nodes.Select(n => n.Outputs[0].Name));
        var model = b.ToModel();
        Assert.True(ModelChecker.Check(model).IsValid, ModelChecker.Check(model).ToString());
    }

    [Fact]
    public void TheDefaultIrVersionIsTheOpsetsReleaseAndAtLeastEight()
    {
        Assert.Equal(8, GraphBuilder.DefaultIrVersion(7));
        Assert.Equal(8, GraphBuilder.DefaultIrVersion(17));
        Assert.Equal(9, GraphBuilder.DefaultIrVersion(20));
        Assert.Equal(10, GraphBuilder.DefaultIrVersion(21));
        Assert.Equal(11, GraphBuilder.DefaultIrVersion(23));
    }
}
