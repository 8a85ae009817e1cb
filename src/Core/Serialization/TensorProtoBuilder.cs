using Google.Protobuf;
using OnnxKit.Ir;
using OnnxKit.Serialization.Proto;

namespace OnnxKit.Serialization;

/// <summary>Creates <see cref="TensorProto"/> messages for tensors made in code or converted between storage forms.</summary>
internal static class TensorProtoBuilder
{
    /// <summary>Type, dims, name and doc string, without data.</summary>
    public static TensorProto Header(ITensor tensor, string? name)
    {
        var proto = new TensorProto { DataType = (int)tensor.DataType };
        proto.Dims.AddRange(tensor.Dims);
        if (name is not null) proto.Name = name;
        if (tensor.DocString is not null) proto.DocString = tensor.DocString;
        return proto;
    }

    /// <summary>The tensor with its data inline (raw_data, or string_data for strings).</summary>
    public static TensorProto Inline(ITensor tensor, string? name)
    {
        var proto = Header(tensor, name);
        switch (tensor)
        {
            case StringTensor strings:
                proto.StringData.AddRange(strings.Values.Select(ByteString.CopyFrom));
                break;
            case ProtoTensor { DataType: DataType.String } protoStrings:
                proto.StringData.AddRange(protoStrings.GetStrings().Select(ByteString.CopyFrom));
                break;
            default:
                proto.RawData = UnsafeByteOperations.UnsafeWrap(tensor.GetRawData());
                break;
        }
        return proto;
    }
}
