using Google.Protobuf;
using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Serialization.Proto;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Tests.Serialization;

public sealed class SaveTests
{
    [Fact]
    public void AFailedSaveLeavesNoFileAndKeepsTheOldOne()
    {
        using var dir = new TempFolder();
        string path = dir.File("m.onnx");
        File.WriteAllText(path, "previous content");
        var model = TestModels.Dense();
        model.Graph.AddInitializer("broken", new FailingTensor());

        // An I/O failure is reported as OnnxKit's error naming the file, with the I/O error inside.
        var error = Assert.Throws<OnnxKitException>(() => OnnxFile.Save(model, path));
        Assert.IsType<IOException>(error.InnerException);
        Assert.Contains(path, error.Message);
        Assert.Equal(["m.onnx"], dir.FileNames());
        Assert.Equal("previous content", File.ReadAllText(path));
    }

    [Fact]
    public void AStagedSaveIsInvisibleUntilCommittedAndGoneWhenDropped()
    {
        using var dir = new TempFolder();
        string path = dir.File("m.onnx");
        File.WriteAllText(path, "previous content");
        var model = TestModels.Dense();

        // Dropped: the old file stays as it was, and the temporary files are removed.
        using (OnnxFile.Stage(model, path))
        {
            Assert.Equal("previous content", File.ReadAllText(path));
            Assert.Contains(dir.FileNames(), n => n.EndsWith(".tmp", StringComparison.Ordinal));
        }
        Assert.Equal(["m.onnx"], dir.FileNames());
        Assert.Equal("previous content", File.ReadAllText(path));

        // Committed: the same bytes as a plain save, and nothing else left in the folder.
        using (var staged = OnnxFile.Stage(model, path))
        {
            Assert.Equal("previous content", File.ReadAllText(path));
            staged.Commit();
            Assert.Throws<InvalidOperationException>(staged.Commit);
        }
        Assert.Equal(["m.onnx"], dir.FileNames());
        Assert.Equal(OnnxFile.ToBytes(model), File.ReadAllBytes(path));
    }

    [Fact]
    public void ACancelledStagedSaveCommitsNothing()
    {
        using var dir = new TempFolder();
        using var cancellation = new CancellationTokenSource();
        var staged = OnnxFile.Stage(TestModels.Dense(), dir.File("m.onnx"), new SaveOptions { Cancellation = cancellation.Token });
        cancellation.Cancel();
        Assert.Throws<OperationCanceledException>(staged.Commit);
        Assert.Empty(dir.FileNames());
    }

    [Fact]
    public void SavingIntoAMissingFolderIsAClearError()
    {
        var error = Assert.Throws<OnnxKitException>(() => OnnxFile.Save(TestModels.Dense(), "/nonexistent-folder/m.onnx"));
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void AnEscapingDataLocationIsRefusedOnSave()
    {
        using var dir = new TempFolder();
        var error = Assert.Throws<OnnxKitException>(() => OnnxFile.Save(TestModels.Dense(), dir.File("m.onnx"),
            new SaveOptions { ExternalData = ExternalDataMode.External, ExternalDataLocation = "../elsewhere.bin" }));
        Assert.Contains("inside the model's folder", error.Message);
        Assert.Empty(dir.FileNames());
    }

    [Fact]
    public void AModelBuiltInCodeRoundTrips()
    {
        using var dir = new TempFolder();
        var model = TestModels.Dense();
        model.Metadata.Add(new("author", "tests"));
        OnnxFile.Save(model, dir.File("m.onnx"));
        var loaded = OnnxFile.Load(dir.File("m.onnx"));
        Assert.Equal(model.ToString(), loaded.ToString());
        Assert.Equal("tests", loaded.Metadata.Single().Value);
        Assert.Equal(OnnxFile.ToBytes(model), File.ReadAllBytes(dir.File("m.onnx")));
    }

    [Fact]
    public void FieldsUnknownToOurSchemaSurviveARoundTrip()
    {
        var model = new ModelProto { IrVersion = 8, Graph = new GraphProto { Name = "g" } };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        var node = new NodeProto { OpType = "Relu" };
        node.Input.Add("x");
        node.Output.Add("y");
        model.Graph.Node.Add(node);
        byte[] known = model.ToByteArray();
        // Append field 99 (varint 7) to the model, and field 98 (string "zz") inside the node.
        byte[] withUnknown = [.. known, 0x98, 0x06, 0x07];
        var loaded = OnnxFile.Load(withUnknown);
        Assert.Equal(withUnknown, OnnxFile.ToBytes(loaded));

        var nodeBytes = node.ToByteArray();
        var patched = new NodeProto();
        patched.MergeFrom([.. nodeBytes, 0x92, 0x06, 0x02, (byte)'z', (byte)'z']);
        model.Graph.Node[0] = patched;
        byte[] nested = model.ToByteArray();
        Assert.Equal(nested, OnnxFile.ToBytes(OnnxFile.Load(nested)));
    }

    private sealed class FailingTensor : ITensor
    {
        public string? Name => "broken";
        public DataType DataType => DataType.Float;
        public IReadOnlyList<long> Dims => [4];
        public long ElementCount => 4;
        public long ByteCount => 16;
        public string? DocString => null;
        public ReadOnlyMemory<byte> GetRawData() => throw new IOException("disk gone");
    }
}
