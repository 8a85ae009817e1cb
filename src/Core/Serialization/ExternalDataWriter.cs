using System.Globalization;
using OnnxKit.Ir;
using OnnxKit.Serialization.Proto;

namespace OnnxKit.Serialization;

/// <summary>
/// Appends tensor data to one external data file while a model is written, each
/// tensor starting at a multiple of the alignment so it can be memory-mapped, and
/// returns the tensor message that points at it. Large tensors are streamed, never
/// copied whole into memory.
/// </summary>
internal sealed class ExternalDataWriter
{
    private readonly Stream output;
    private readonly string location;
    private readonly SaveOptions options;

    public ExternalDataWriter(Stream output, string location, SaveOptions options)
    {
        this.output = output;
        this.location = location;
        this.options = options;
    }

    /// <summary>True once any tensor has been written.</summary>
    public bool WroteAnything { get; private set; }

    public bool ShouldStoreExternally(ITensor tensor, bool isInitializer)
    {
        if (tensor.DataType == DataType.String) return false;
        bool alreadyExternal = tensor is IStreamableTensor || tensor.ExternalReference() is not null;
        return options.ExternalData switch
        {
            ExternalDataMode.Embed => false,
            ExternalDataMode.External => alreadyExternal || (isInitializer && tensor.ByteCount >= options.SizeThreshold),
            _ => alreadyExternal,
        };
    }

    public TensorProto Write(ITensor tensor, string? name, TensorProto? original)
    {
        long padding = (options.Alignment - output.Position % options.Alignment) % options.Alignment;
        for (long i = 0; i < padding; i++) output.WriteByte(0);
        long offset = output.Position;
        if (tensor is IStreamableTensor || tensor.ExternalReference() is not null)
        {
            using var source = tensor.OpenRead();
            source.CopyTo(output, 1 << 20);
        }
        else
        {
            output.Write(tensor.GetRawData().Span);
        }
        WroteAnything = true;

        var proto = TensorProtoBuilder.Header(tensor, name);
        if (original is not null) proto.MetadataProps.AddRange(original.MetadataProps);
        proto.DataLocation = TensorProto.Types.DataLocation.External;
        proto.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        proto.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset.ToString(CultureInfo.InvariantCulture) });
        proto.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = tensor.ByteCount.ToString(CultureInfo.InvariantCulture) });
        return proto;
    }
}
