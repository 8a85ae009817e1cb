using Google.Protobuf;
using OnnxKit.Serialization;
using OnnxKit.Serialization.Proto;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Tests.Serialization;

/// <summary>Untrusted models must not make us read outside their folder or past the end of a file.</summary>
public sealed class ExternalDataSafetyTests : IDisposable
{
    private readonly TempFolder outside = new();
    private readonly TempFolder dir = new();

    public ExternalDataSafetyTests()
    {
        File.WriteAllBytes(outside.File("secret.bin"), new byte[64]);
        File.WriteAllBytes(dir.File("weights.bin"), new byte[64]);
    }

    public void Dispose()
    {
        dir.Dispose();
        outside.Dispose();
    }

    [Theory]
    [InlineData("../secret.bin", "climbs out")]
    [InlineData("sub/../../secret.bin", "climbs out")]
    [InlineData("/etc/passwd", "absolute path")]
    [InlineData("C:/Windows/win.ini", "drive letter")]
    [InlineData(@"\\server\share\w.bin", "UNC path")]
    [InlineData("//server/share/w.bin", "UNC path")]
    [InlineData(@"..\secret.bin", "climbs out")]
    public void LocationsThatEscapeTheFolderAreRefused(string location, string reason)
    {
        var error = Assert.Throws<OnnxFormatException>(() => LoadWith(location, offset: "0", length: "16"));
        Assert.Contains("'w'", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void ASymbolicLinkLeadingOutsideIsRefused()
    {
        File.CreateSymbolicLink(dir.File("link.bin"), outside.File("secret.bin"));
        var error = Assert.Throws<OnnxFormatException>(() => LoadWith("link.bin", offset: "0", length: "16"));
        Assert.Contains("symbolic link", error.Message);
        Assert.Contains("'w'", error.Message);
    }

    [Fact]
    public void ALinkedFolderLeadingOutsideIsRefused()
    {
        Directory.CreateSymbolicLink(dir.File("data"), outside.Path);
        var error = Assert.Throws<OnnxFormatException>(() => LoadWith("data/secret.bin", offset: "0", length: "16"));
        Assert.Contains("symbolic link", error.Message);
    }

    [Fact]
    public void ASymbolicLinkInsideTheFolderIsAllowed()
    {
        File.CreateSymbolicLink(dir.File("alias.bin"), dir.File("weights.bin"));
        var model = LoadWith("alias.bin", offset: "0", length: "16");
        Assert.Equal(16, model.Graph.Initializers["w"]!.ConstValue!.GetRawData().Length);
    }

    [Theory]
    [InlineData("60", "16", "past the end")]
    [InlineData("0", "1000000000000", "past the end")]
    [InlineData("1000", null, "outside file")]
    [InlineData("0", "8", "holds 8")]
    [InlineData("-4", "16", "not a non-negative integer")]
    [InlineData("0x10", "16", "not a non-negative integer")]
    public void RangesOutsideTheFileOrOfTheWrongSizeAreRefused(string offset, string? length, string message)
    {
        var error = Assert.Throws<OnnxFormatException>(() => LoadWith("weights.bin", offset, length));
        Assert.Contains("'w'", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var error = Assert.Throws<OnnxFormatException>(() => LoadWith("missing.bin", "0", "16"));
        Assert.Contains("missing.bin", error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void ExternalDataFromBytesNeedsABaseDirectory()
    {
        byte[] bytes = ModelWithExternalTensor("weights.bin", "0", "16").ToByteArray();
        var error = Assert.Throws<OnnxFormatException>(() => OnnxFile.Load(bytes));
        Assert.Contains("without a base directory", error.Message);
        Assert.Equal(16, OnnxFile.Load(bytes, dir.Path).Graph.Initializers["w"]!.ConstValue!.ByteCount);
    }

    [Fact]
    public void AValidReferenceLoadsTheRightBytes()
    {
        var bytes = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
        File.WriteAllBytes(dir.File("weights.bin"), bytes);
        var model = LoadWith("weights.bin", offset: "32", length: "16");
        Assert.Equal(bytes[32..48], model.Graph.Initializers["w"]!.ConstValue!.GetRawData().ToArray());
    }

    private OnnxKit.Ir.Model LoadWith(string location, string offset, string? length)
    {
        string path = dir.File("model.onnx");
        File.WriteAllBytes(path, ModelWithExternalTensor(location, offset, length).ToByteArray());
        return OnnxFile.Load(path);
    }

    /// <summary>A model whose one initializer 'w' (float[4], 16 bytes) is stored externally.</summary>
    internal static ModelProto ModelWithExternalTensor(string location, string offset, string? length)
    {
        var tensor = new TensorProto { Name = "w", DataType = (int)TensorProto.Types.DataType.Float, DataLocation = TensorProto.Types.DataLocation.External };
        tensor.Dims.Add(4);
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset });
        if (length is not null) tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = length });
        var graph = new GraphProto { Name = "g" };
        graph.Initializer.Add(tensor);
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model;
    }
}
