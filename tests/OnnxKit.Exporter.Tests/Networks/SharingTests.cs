using OnnxKit.Exporter.Export;
using OnnxKit.Exporter.Networks;
using OnnxKit.Exporter.Tests.TestSupport;

namespace OnnxKit.Exporter.Tests.Networks;

public sealed class SharingTests
{
    [Fact]
    public void ALayerCalledTwiceSharesItsWeightsInTheGraph()
    {
        using var scope = LayerNames.NewScope();
        var dense = Layers.Dense(4, useBias: true);
        var input = Layers.Input(4);
        var model = new FunctionalModel(input, dense.Call(dense.Call(input)));
        Assert.Equal(2, dense.Calls.Count);
        Assert.Equal(20, model.ParameterCount);

        var onnx = model.ToOnnx(new ExportOptions { Opset = 13, Seed = 5 });
        var kernel = Assert.Single(onnx.Graph.Initializers, i => i.Name == "dense/kernel");
        Assert.Equal(2, kernel.Uses.Count);

        var x = OrtRunner.RandomData(8, 3);
        var w = dense.Kernel.ToFloats(5);
        var b = dense.Bias!.ToFloats(5);
        var expected = NaiveOps.Dense(NaiveOps.Dense(x, 2, 4, w, b, 4), 2, 4, w, b, 4);
        NumericAssert.Close(expected, OrtRunner.Run(onnx, (x, [2, 4]))[0]);
    }

    [Fact]
    public void NestedModelCalledOnTwoInputsSharesWeights()
    {
        using var scope = LayerNames.NewScope();
        var towerInput = Layers.Input(6);
        var tower = new FunctionalModel(towerInput, Layers.Dense(3, Activation.Tanh).Call(towerInput), name: "tower");
        var left = Layers.Input(6);
        var right = Layers.Input(6);
        var model = new FunctionalModel([left, right], [Layers.Subtract().Call(tower.Call(left), tower.Call(right))]);
        Assert.Equal(21, model.ParameterCount);
        Assert.Contains("tower (Functional)", model.Summary());

        var onnx = model.ToOnnx(new ExportOptions { Opset = 17 });
        Assert.Single(onnx.Graph.Initializers, i => i.Name == "dense/kernel");
        var a = OrtRunner.RandomData(6, 1);
        var result = OrtRunner.Run(onnx, (a, [1, 6]), (a, [1, 6]))[0];
        Assert.All(result, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void MultiOutputModelExportsBothHeads()
    {
        using var scope = LayerNames.NewScope();
        var input = Layers.Input(3);
        var x = Layers.Dense(10, Activation.Relu).Call(Layers.Dense(10, Activation.Relu).Call(input));
        var model = new FunctionalModel([input], [Layers.Dense(5, Activation.Softmax).Call(x), Layers.Dense(2, Activation.Softmax).Call(x)]);
        Assert.Equal(227, model.ParameterCount);
        var onnx = model.ToOnnx();
        Assert.Equal(["dense_2", "dense_3"], onnx.Graph.Outputs.Select(o => o.Name));
        var outputs = OrtRunner.Run(onnx, (OrtRunner.RandomData(6, 2), [2, 3]));
        Assert.Equal(10, outputs[0].Length);
        Assert.Equal(4, outputs[1].Length);
        Assert.Equal(1f, outputs[0][..5].Sum(), 5);
        Assert.Equal(1f, outputs[1][2..].Sum(), 5);
    }
}
