using Google.Protobuf;
using OnnxKit.Ir;
using OnnxKit.Serialization;
using OnnxKit.Serialization.Proto;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Tests.Serialization;

/// <summary>Corrupted input gives a clear <see cref="OnnxFormatException"/>, never a crash, a hang or a huge allocation.</summary>
public sealed class MalformedModelTests
{
    private static byte[] ValidModel() => OnnxFile.ToBytes(TestModels.Dense());

    [Fact]
    public void EveryTruncationIsEitherRefusedOrReadsAsAPartialModel()
    {
        byte[] full = ValidModel();
        int refused = 0;
        for (int cut = 1; cut < full.Length; cut++)
        {
            try
            {
                OnnxFile.Load(full[..cut]);
            }
            catch (OnnxFormatException e)
            {
                Assert.Contains("<bytes>", e.Message);
                refused++;
            }
        }
        // Cutting between two top-level fields leaves a valid (smaller) message; any other cut must be refused.
        Assert.True(refused > full.Length / 2, $"only {refused} of {full.Length} truncations were refused");
    }

    [Fact]
    public void AWrongWireTypeIsRefused()
    {
        byte[] bytes = ValidModel();
        Assert.Equal(0x08, bytes[0]); // field 1 (ir_version), varint
        bytes[0] = 0x0B; // field 1, wire type 3 (start group), never valid here
        var error = Assert.Throws<OnnxFormatException>(() => OnnxFile.Load(bytes));
        Assert.Contains("not a valid ONNX model", error.Message);
    }

    [Fact]
    public void GarbageIsRefused()
    {
        var random = new Random(42);
        for (int i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(1, 300)];
            random.NextBytes(bytes);
            try { OnnxFile.Load(bytes); }
            catch (OnnxFormatException) { }
        }
    }

    [Fact]
    public void ALengthPrefixLargerThanTheFileIsRefusedWithoutAllocatingIt()
    {
        // Field 7 (graph), length-delimited, claiming 2^31-1 bytes, followed by nothing.
        byte[] bytes = [0x3A, 0xFF, 0xFF, 0xFF, 0xFF, 0x07];
        var error = Assert.Throws<OnnxFormatException>(() => OnnxFile.Load(bytes));
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void DeepNestingIsRefused()
    {
        // If-nodes nested 200 deep through then_branch: far past protobuf's 100-level limit.
        var graph = new GraphProto { Name = "leaf" };
        for (int depth = 0; depth < 200; depth++)
        {
            var node = new NodeProto { OpType = "If" };
            node.Attribute.Add(new AttributeProto { Name = "then_branch", Type = AttributeProto.Types.AttributeType.Graph, G = graph });
            graph = new GraphProto { Name = $"g{depth}" };
            graph.Node.Add(node);
        }
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        byte[] bytes = model.ToByteArray();
        var error = Assert.Throws<OnnxFormatException>(() => OnnxFile.Load(bytes));
        Assert.Contains("nested too deeply", error.Message);
    }

    [Fact]
    public void AnEmptyFileIsRefused()
    {
        using var dir = new TempFolder();
        File.WriteAllBytes(dir.File("empty.onnx"), []);
        var error = Assert.Throws<OnnxFormatException>(() => OnnxFile.Load(dir.File("empty.onnx")));
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void DimsThatOverflowAreRefusedBeforeAllocating()
    {
        var tensor = new TensorProto { Name = "huge", DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(new byte[16]) };
        tensor.Dims.AddRange([1L << 40, 1L << 40]);
        var error = Assert.Throws<OnnxFormatException>(() => OnnxFile.Load(WithInitializer(tensor)));
        Assert.Contains("'huge'", error.Message);
    }

    [Fact]
    public void DataThatDoesNotMatchTheDimsIsRefusedOnAccess()
    {
        var tensor = new TensorProto { Name = "short", DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(new byte[16]) };
        tensor.Dims.Add(1_000_000_000);
        var model = OnnxFile.Load(WithInitializer(tensor));
        var error = Assert.Throws<OnnxFormatException>(() => model.Graph.Initializers["short"]!.ConstValue!.GetRawData());
        Assert.Contains("'short'", error.Message);
        Assert.Contains("16 bytes", error.Message);
    }

    [Fact]
    public void TypedFieldsWithTooFewValuesAreRefused()
    {
        var tensor = new TensorProto { Name = "t", DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.Add(3);
        tensor.FloatData.AddRange([1f, 2f]);
        var model = OnnxFile.Load(WithInitializer(tensor));
        var error = Assert.Throws<OnnxFormatException>(() => model.Graph.Initializers["t"]!.ConstValue!.ToArray<float>());
        Assert.Contains("2 values in float_data", error.Message);
    }

    [Fact]
    public void TypedFieldsDecodeToTheRawLayout()
    {
        var half = new TensorProto { Name = "h", DataType = (int)TensorProto.Types.DataType.Float16 };
        half.Dims.Add(2);
        half.Int32Data.AddRange([BitConverter.HalfToUInt16Bits((Half)1.5), BitConverter.HalfToUInt16Bits((Half)(-2))]);
        var int4 = new TensorProto { Name = "q", DataType = (int)TensorProto.Types.DataType.Int4 };
        int4.Dims.Add(3);
        int4.Int32Data.AddRange([0x9_7, 0x0_1]); // elements 7, -7, 1 packed low nibble first
        var model = OnnxFile.Load(WithInitializer(half, int4));
        Assert.Equal([1.5, -2.0], model.Graph.Initializers["h"]!.ConstValue!.ToDoubleArray());
        Assert.Equal([7L, -7L, 1L], model.Graph.Initializers["q"]!.ConstValue!.ToInt64Array());
    }

    private static byte[] WithInitializer(params TensorProto[] tensors)
    {
        var graph = new GraphProto { Name = "g" };
        graph.Initializer.AddRange(tensors);
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model.ToByteArray();
    }
}
