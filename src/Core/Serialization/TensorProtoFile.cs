using Google.Protobuf;
using OnnxKit.Ir;
using OnnxKit.Security;
using OnnxKit.Serialization.Proto;

namespace OnnxKit.Serialization;

/// <summary>
/// Reads and writes single values stored as serialized ONNX messages (<c>.pb</c>
/// files): a TensorProto, or for ONNX's test data a SequenceProto or OptionalProto.
/// These are the files of ONNX's conformance cases (<c>test_data_set_N/input_K.pb</c>).
/// </summary>
public static class TensorProtoFile
{
    /// <summary>Reads a tensor; string tensors come back as <see cref="StringTensor"/>.</summary>
    public static ITensor Read(string path) => ToTensor(Parse(path, TensorProto.Parser), path);

    /// <summary>Reads a sequence of tensors (a SequenceProto holding tensors).</summary>
    public static IReadOnlyList<ITensor> ReadSequence(string path)
    {
        var sequence = Parse(path, SequenceProto.Parser);
        if (sequence.SequenceValues.Count > 0 || sequence.MapValues.Count > 0 || sequence.OptionalValues.Count > 0 || sequence.SparseTensorValues.Count > 0)
            throw new OnnxFormatException(path, "holds a sequence of non-tensor values, which is not supported.");
        return sequence.TensorValues.Select(t => ToTensor(t, path)).ToArray();
    }

    /// <summary>Reads an optional tensor; null when the optional is empty.</summary>
    public static ITensor? ReadOptional(string path, out bool isSequence, out IReadOnlyList<ITensor>? sequence)
    {
        var optional = Parse(path, OptionalProto.Parser);
        isSequence = optional.SequenceValue is not null;
        sequence = optional.SequenceValue?.TensorValues.Select(t => ToTensor(t, path)).ToArray();
        return optional.TensorValue is null ? null : ToTensor(optional.TensorValue, path);
    }

    /// <summary>Writes a tensor (data inline) atomically.</summary>
    public static void Write(string path, ITensor tensor) =>
        AtomicFile.Write(path, stream => TensorProtoBuilder.Inline(tensor, tensor.Name).WriteTo(stream));

    private static ITensor ToTensor(TensorProto proto, string path)
    {
        if (proto.DataLocation == TensorProto.Types.DataLocation.External)
            throw new OnnxFormatException(path, $"tensor '{proto.Name}' refers to external data, which tensor files may not.");
        var tensor = new ProtoTensor(proto, null, path);
        if (tensor.DataProblem() is { } problem) throw new OnnxFormatException(path, $"tensor '{tensor.Name}' {problem}");
        return tensor.DataType == DataType.String
            ? new StringTensor(tensor.GetStrings(), tensor.Dims, tensor.Name, tensor.DocString)
            : tensor;
    }

    private static T Parse<T>(string path, MessageParser<T> parser) where T : IMessage<T>
    {
        using var stream = InputFiles.OpenRead(path, "Tensor file");
        try
        {
            return parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxFormatException(path, $"not a valid serialized {typeof(T).Name}: {ProtobufMessages.Explain(e)}", e);
        }
    }
}
