using OnnxKit.Exporter.Export;
using OnnxKit.Exporter.Networks;
using OnnxKit.Exporter.Tests.TestSupport;

namespace OnnxKit.Exporter.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void MlpRunsInOnnxRuntime()
    {
        var inputs = Layers.Input(13);
        var outputs = Layers.Dense(1).Call(Layers.Dense(10, Activation.Relu).Call(inputs));
        var model = new FunctionalModel(inputs, outputs).ToOnnx(new ExportOptions { Opset = 7 });
        var result = OrtRunner.Run(model, (OrtRunner.RandomData(26, 1), [2, 13]));
        Assert.Equal(2, result[0].Length);
    }
}
