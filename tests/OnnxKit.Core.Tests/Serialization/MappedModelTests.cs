using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Tests.Serialization;

/// <summary>
/// Models of at least <see cref="OnnxFile.MapThreshold"/> bytes are memory-mapped and their tensors'
/// raw data read from the mapping when asked for: the values, the saved bytes and the behaviour
/// when the file changes underneath are checked against what was written.
/// </summary>
public sealed class MappedModelTests : IDisposable
{
    private const int WeightCount = 400_000; // 1.6 MB of floats: above the threshold

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void AMappedModelReadsTheValuesItWasSavedWith()
    {
        string path = SaveLargeModel();
        var model = OnnxFile.Load(path);

        Assert.Equal(Weights(), model.Graph.Initializers.Single(v => v.Name == "W").ConstValue!.ToArray<float>());
        var constant = model.Graph.Nodes.Single(n => n.OpType == "Constant").Attributes["value"]!.Value as ITensor;
        Assert.Equal([1L, 2, 3], constant!.ToArray<long>());
    }

    [Fact]
    public void AMappedModelSavesToTheSameBytes()
    {
        string path = SaveLargeModel();
        byte[] original = File.ReadAllBytes(path);
        var model = OnnxFile.Load(path);

        Assert.Equal(original, OnnxFile.ToBytes(model));
        OnnxFile.Save(model, folder.File("copy.onnx"));
        Assert.Equal(original, File.ReadAllBytes(folder.File("copy.onnx")));
    }

    [Fact]
    public void AMappedModelCanBeSavedOverItsOwnFile()
    {
        string path = SaveLargeModel();
        byte[] original = File.ReadAllBytes(path);
        var model = OnnxFile.Load(path);

        OnnxFile.Save(model, path); // a rename over the mapped file: the mapping keeps the old one
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Equal(Weights(), model.Graph.Initializers.Single(v => v.Name == "W").ConstValue!.ToArray<float>());
    }

    [Fact]
    public void AFileTruncatedWhileMappedIsAnErrorNotACrash()
    {
        string path = SaveLargeModel();
        var model = OnnxFile.Load(path);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write)) stream.SetLength(stream.Length / 2);

        var weights = model.Graph.Initializers.Single(v => v.Name == "W").ConstValue!;
        var error = Assert.Throws<OnnxKitException>(() => weights.GetRawData());
        Assert.Contains(path, error.Message);
        Assert.Contains("length went from", error.Message);
        Assert.Throws<OnnxKitException>(() => OnnxFile.Save(model, folder.File("copy.onnx")));
        Assert.DoesNotContain("copy.onnx", folder.FileNames());
    }

    [Fact]
    public void CopyingAMappedTensorReadsTheValuesItWasSavedWith()
    {
        var weights = OnnxFile.Load(SaveLargeModel()).Graph.Initializers.Single(v => v.Name == "W").ConstValue!;
        var copy = new byte[weights.ByteCount + 8];
        copy.AsSpan().Fill(0xAB);

        weights.CopyRawDataTo(copy);

        Assert.Equal(Weights(), System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(copy.AsSpan(0, (int)weights.ByteCount)).ToArray());
        Assert.All(copy[^8..], b => Assert.Equal(0xAB, b)); // nothing written past the tensor's bytes
    }

    [Fact]
    public void CopyingATensorOfAFileTruncatedWhileMappedIsAnError()
    {
        string path = SaveLargeModel();
        var weights = OnnxFile.Load(path).Graph.Initializers.Single(v => v.Name == "W").ConstValue!;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write)) stream.SetLength(stream.Length / 2);

        var error = Assert.Throws<OnnxKitException>(() => weights.CopyRawDataTo(new byte[weights.ByteCount]));
        Assert.Contains("length went from", error.Message);
    }

    [Fact]
    public void AFileRewrittenInPlaceWhileMappedIsAnError()
    {
        string path = SaveLargeModel();
        var model = OnnxFile.Load(path);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write)) stream.Write(new byte[16]);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(5)); // coarse file-system clocks

        var error = Assert.Throws<OnnxKitException>(() => model.Graph.Initializers.Single(v => v.Name == "W").ConstValue!.GetRawData());
        Assert.Contains("rewritten", error.Message);
    }

    [Fact]
    public void TypeAndDimsOfAMappedTensorAreKnownAfterTheFileIsGone()
    {
        string path = SaveLargeModel();
        var model = OnnxFile.Load(path);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write)) stream.SetLength(0);

        var weights = model.Graph.Initializers.Single(v => v.Name == "W").ConstValue!;
        Assert.Equal(DataType.Float, weights.DataType);
        Assert.Equal([(long)WeightCount], weights.Dims);
        Assert.Equal(WeightCount * 4L, weights.ByteCount);
    }

    private static float[] Weights() => Enumerable.Range(0, WeightCount).Select(i => MathF.Sin(i)).ToArray();

    /// <summary>A Mul by a large initializer, plus a Constant node whose tensor also has raw data.</summary>
    private string SaveLargeModel()
    {
        var graph = new Graph("large");
        var x = new Value("x", new TensorType(DataType.Float, new Shape(WeightCount)));
        graph.Inputs.Add(x);
        var w = graph.AddInitializer("W", DenseTensor.FromFloats(Weights(), [WeightCount], "W"));
        var constant = new Node("", "Constant", [], ["shape"], [IrAttribute.Tensor("value", DenseTensor.FromInt64s([1, 2, 3], [3]))]);
        var mul = new Node("", "Mul", [x, w], ["y"]);
        graph.Nodes.AddRange([constant, mul]);
        graph.Outputs.Add(mul.Outputs[0]);
        graph.Outputs.Add(constant.Outputs[0]);
        string path = folder.File("large.onnx");
        OnnxFile.Save(new Model(graph, 8, [new OpsetImport("", 13)]), path);
        Assert.True(new FileInfo(path).Length >= OnnxFile.MapThreshold);
        return path;
    }
}
