using OnnxKit.Exporter.Export;
using OnnxKit.Exporter.Networks;
using OnnxKit.Exporter.StandardLayers;
using OnnxKit.Exporter.Tests.TestSupport;
using OnnxKit.Ir;
using OnnxKit.Schemas;
using OnnxKit.Serialization;

namespace OnnxKit.Exporter.Tests.Export;

public sealed class ExportTests
{
    private static FunctionalModel SmallModel()
    {
        var input = Layers.Input(8);
        return new FunctionalModel(input, Layers.Dense(3, Activation.Softmax).Call(Layers.Dense(16, Activation.Relu).Call(input)), name: "small");
    }

    [Theory]
    [InlineData(7, 3)]
    [InlineData(9, 4)]
    [InlineData(13, 7)]
    [InlineData(17, 8)]
    [InlineData(21, 10)]
    [InlineData(26, 13)]
    [InlineData(28, 13)]
    public void IrVersionIsTheOldestThatAllowsTheOpset(int opset, int irVersion)
    {
        var model = SmallModel().ToOnnx(new ExportOptions { Opset = opset });
        Assert.Equal(irVersion, model.IrVersion);
        Assert.Equal(opset, model.OpsetVersion(""));
        Assert.Equal(OpsetSupport.MinIrVersionForOpset(opset), model.IrVersion);
    }

    [Fact]
    public void OldIrVersionsListInitializersAsInputs()
    {
        var model = SmallModel().ToOnnx(new ExportOptions { Opset = 8 });
        Assert.All(model.Graph.Initializers, i => Assert.Contains(i, model.Graph.Inputs));
        var newer = SmallModel().ToOnnx(new ExportOptions { Opset = 9 });
        Assert.Single(newer.Graph.Inputs);
    }

    [Fact]
    public void BatchIsSymbolicByDefaultOrFixed()
    {
        var symbolic = SmallModel().ToOnnx();
        Assert.Equal("batch", symbolic.Graph.Inputs[0].TensorType!.Shape![0].Symbol);
        Assert.Equal("batch", symbolic.Graph.Outputs[0].TensorType!.Shape![0].Symbol);
        var fixedBatch = SmallModel().ToOnnx(new ExportOptions { BatchSize = 4 });
        Assert.Equal(4, fixedBatch.Graph.Inputs[0].TensorType!.Shape![0].Value);
        Assert.Equal(12, OrtRunner.Run(fixedBatch, (new float[32], [4, 8]))[0].Length);
    }

    [Fact]
    public void MetadataIsWritten()
    {
        var model = SmallModel().ToOnnx(new ExportOptions
        {
            Opset = 15, ModelVersion = 3, DocString = "doc", Domain = "org.example",
            Metadata = new Dictionary<string, string> { ["author"] = "me" },
        });
        Assert.Equal("OnnxKit", model.ProducerName);
        Assert.False(string.IsNullOrEmpty(model.ProducerVersion));
        Assert.Equal(3, model.ModelVersion);
        Assert.Equal("doc", model.DocString);
        Assert.Equal("org.example", model.Domain);
        Assert.Contains(new KeyValuePair<string, string>("author", "me"), model.Metadata);
        Assert.Contains(new KeyValuePair<string, string>("onnxkit.layout", "channels_first"), model.Metadata);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(29)]
    public void UnsupportedOpsetIsRefused(int opset)
    {
        var error = Assert.Throws<OnnxKitException>(() => SmallModel().ToOnnx(new ExportOptions { Opset = opset }));
        Assert.Contains("7–28", error.Message);
    }

    [Fact]
    public void ExportWithExternalDataReloadsAndRunsTheSame()
    {
        string folder = Path.Combine(Path.GetTempPath(), "onnxkit-export-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using var scope = LayerNames.NewScope();
            var network = SmallModel();
            string path = Path.Combine(folder, "small.onnx");
            network.Export(path, new ExportOptions { Seed = 9, ExternalData = ExternalDataMode.External, ExternalDataThreshold = 100 });
            Assert.True(File.Exists(path + ".data"));
            var loaded = OnnxFile.Load(path);
            var kernel = loaded.Graph.Initializers["dense/kernel"]!.ConstValue!;
            Assert.NotNull(kernel.ExternalReference());
            Assert.Equal(((Dense)network.GetLayer("dense")).Kernel.ToFloats(9), kernel.ToArray<float>());
            Assert.Null(loaded.Graph.Initializers["dense_1/bias"]!.ConstValue!.ExternalReference());

            var x = OrtRunner.RandomData(16, 4);
            var inMemory = OrtRunner.Run(network.ToOnnx(new ExportOptions { Seed = 9 }), (x, [2, 8]))[0];
            Assert.Equal(inMemory, OrtRunner.Run(loaded, (x, [2, 8]))[0]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void SeedsChangeWeightsDeterministically()
    {
        using var scope = LayerNames.NewScope();
        var network = SmallModel();
        var kernel = ((Dense)network.GetLayer("dense")).Kernel;
        Assert.Equal(kernel.ToFloats(1), kernel.ToFloats(1));
        Assert.NotEqual(kernel.ToFloats(1), kernel.ToFloats(2));
    }
}
