using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Tests.Serialization;

public sealed class ExternalDataTests
{
    [Fact]
    public void TensorsAboveTheThresholdGoToOneAlignedDataFile()
    {
        using var dir = new TempFolder();
        var model = TestModels.Dense(inputs: 64, outputs: 32);
        string path = dir.File("dense.onnx");
        OnnxFile.Save(model, path, new SaveOptions { ExternalData = ExternalDataMode.External, SizeThreshold = 200, Alignment = 4096 });

        Assert.Equal(["dense.onnx", "dense.onnx.data"], dir.FileNames());
        var loaded = OnnxFile.Load(path);
        var w = loaded.Graph.Initializers["W"]!.ConstValue!;
        var b = loaded.Graph.Initializers["b"]!.ConstValue!;
        var external = Assert.IsType<ExternalTensor>(((ProtoTensor)w).External);
        Assert.Equal(0, external.Reference.Offset % 4096);
        Assert.Null(((ProtoTensor)b).External); // 32 floats = 128 bytes: under the threshold, so inline
        Assert.Equal(model.Graph.Initializers["W"]!.ConstValue!.ToArray<float>(), w.ToArray<float>());
    }

    [Fact]
    public void SmallTensorsStayInlineAndTheDataFileIsOmittedWhenEmpty()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(TestModels.Dense(), dir.File("m.onnx"), new SaveOptions { ExternalData = ExternalDataMode.External, SizeThreshold = 1 << 20 });
        Assert.Equal(["m.onnx"], dir.FileNames());
    }

    [Fact]
    public void ExternalModelSavedElsewhereGetsItsOwnDataFile()
    {
        using var source = new TempFolder();
        using var target = new TempFolder();
        var model = TestModels.Dense(inputs: 64, outputs: 32);
        OnnxFile.Save(model, source.File("a.onnx"), new SaveOptions { ExternalData = ExternalDataMode.External, SizeThreshold = 0 });
        var loaded = OnnxFile.Load(source.File("a.onnx"));

        OnnxFile.Save(loaded, target.File("b.onnx"));
        Assert.Equal(["b.onnx", "b.onnx.data"], target.FileNames());
        var again = OnnxFile.Load(target.File("b.onnx"));
        Assert.Equal(model.Graph.Initializers["W"]!.ConstValue!.ToArray<float>(), again.Graph.Initializers["W"]!.ConstValue!.ToArray<float>());

        OnnxFile.Save(again, target.File("inline.onnx"), new SaveOptions { ExternalData = ExternalDataMode.Embed });
        var inline = OnnxFile.Load(File.ReadAllBytes(target.File("inline.onnx")));
        Assert.Equal(model.Graph.Initializers["b"]!.ConstValue!.ToArray<float>(), inline.Graph.Initializers["b"]!.ConstValue!.ToArray<float>());
    }

    [Fact]
    public void ReSavingInPlaceKeepsTheData()
    {
        using var dir = new TempFolder();
        var model = TestModels.Dense(inputs: 64, outputs: 32);
        string path = dir.File("m.onnx");
        OnnxFile.Save(model, path, new SaveOptions { ExternalData = ExternalDataMode.External, SizeThreshold = 0 });
        OnnxFile.Save(OnnxFile.Load(path), path);
        Assert.Equal(model.Graph.Initializers["W"]!.ConstValue!.ToArray<float>(), OnnxFile.Load(path).Graph.Initializers["W"]!.ConstValue!.ToArray<float>());
    }

    /// <summary>Protobuf cannot hold 2 GiB; a model with more weights than that must round-trip through external data.</summary>
    [Fact]
    public void ModelsOverTwoGibibytesAreWrittenAndReadBack()
    {
        using var dir = new TempFolder();
        const long elements = (2L << 30) / 4 + 1024; // just over 2 GiB of float32 in one tensor
        var big = new GeneratedTensor(DataType.Float, [elements], Pattern, "huge");
        var graph = new Graph("big");
        var x = new Value("x", new TensorType(DataType.Float, Shape.Of(elements)));
        graph.Inputs.Add(x);
        var w = new Value("huge") { ConstValue = big };
        graph.Initializers.Add(w);
        var add = new Node("", "Add", [x, w], ["y"]);
        graph.Nodes.Add(add);
        graph.Outputs.Add(add.Outputs[0]);
        var model = new Model(graph, 8, [new OpsetImport("", 13)]);

        string path = dir.File("big.onnx");
        OnnxFile.Save(model, path); // Auto mode: streamable tensors go external
        Assert.True(new FileInfo(dir.File("big.onnx.data")).Length >= big.ByteCount);
        Assert.True(new FileInfo(path).Length < 4096);

        var loaded = OnnxFile.Load(path);
        var tensor = (ProtoTensor)loaded.Graph.Initializers["huge"]!.ConstValue!;
        Assert.Equal(big.ByteCount, tensor.ByteCount);
        using var read = tensor.External!.OpenRead();
        using var expected = big.OpenRead();
        Assert.Equal(Sha(expected), Sha(read));
    }

    private static void Pattern(long offset, Span<byte> chunk)
    {
        for (int i = 0; i < chunk.Length; i++) chunk[i] = (byte)((offset + i) * 31 >> 3);
    }

    private static string Sha(Stream stream) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream));
}
