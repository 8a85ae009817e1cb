using Google.Protobuf;
using OnnxKit.Serialization;
using OnnxKit.Serialization.Proto;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Tests.Serialization;

/// <summary>Fields our .proto does not define (written by a newer tool) survive a load and a save, on the model and inside a node.</summary>
public sealed class UnknownFieldsTests
{
    // Field 999, varint 42: a field number no ONNX message uses.
    private static readonly byte[] Unknown = [0xB8, 0x3E, 0x2A];

    [Fact]
    public void Fields_unknown_to_our_proto_are_written_back()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(TestModels.Dense(), dir.File("plain.onnx"));
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(dir.File("plain.onnx")));
        proto.Graph.Node[0] = NodeProto.Parser.ParseFrom([.. proto.Graph.Node[0].ToByteArray(), .. Unknown]);
        File.WriteAllBytes(dir.File("newer.onnx"), [.. proto.ToByteArray(), .. Unknown]);

        OnnxFile.Save(OnnxFile.Load(dir.File("newer.onnx")), dir.File("saved.onnx"));

        byte[] saved = File.ReadAllBytes(dir.File("saved.onnx"));
        Assert.Equal(Unknown, saved[^Unknown.Length..]);
        Assert.Equal(Unknown, ModelProto.Parser.ParseFrom(saved).Graph.Node[0].ToByteArray()[^Unknown.Length..]);
    }
}
