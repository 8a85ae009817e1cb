using System.Buffers.Binary;

namespace OnnxKit.Serialization;

/// <summary>
/// A serialized ModelProto with every tensor's <c>raw_data</c> lifted out: each payload is
/// replaced by a short marker that names its range in the original bytes. Google.Protobuf parses
/// the skeleton (everything but the weights, usually a few kilobytes), and the reader turns each
/// marker back into a <see cref="SourceRange"/> that a tensor reads when its values are needed.
/// So loading a model neither copies nor touches its weights.
/// </summary>
/// <remarks>
/// <para>
/// Google.Protobuf parses whole messages and copies every <c>bytes</c> field, so the lifting is
/// done by this light scanner of the wire format. It descends only through the fields by which
/// ONNX's schema reaches a TensorProto (model → graph, functions, training info; graph →
/// initializers, sparse initializers, nodes; node and function → attributes; attribute → tensors,
/// graphs, sparse tensors; sparse tensor → values, indices), matching the tag (field number and
/// wire type 2) that the generated parsers match, and copies every other field byte for byte. Each
/// <c>raw_data</c> is replaced where it stands, so the skeleton means what the original means, even
/// when a field is repeated or a message is given twice and merged.
/// </para>
/// <para>
/// A rewritten message's length is written as a five-byte varint (a padded form protobuf reads),
/// so it can be filled in after the contents; the skeleton is only parsed, never saved. Anything
/// malformed (a bad tag or wire type, a length past the end, nesting deeper than protobuf's limit)
/// ends the scan without a skeleton: the caller then lets Google.Protobuf parse the original bytes,
/// which reports the problem in its own words.
/// </para>
/// </remarks>
internal sealed class ModelSkeleton
{
    /// <summary>Google.Protobuf's default nesting limit.</summary>
    private const int RecursionLimit = 100;

    /// <summary>TensorProto's <c>raw_data</c> field.</summary>
    private const int RawDataField = 9;

    /// <summary>A marker: these four bytes, then the range's index as a little-endian 32-bit integer.</summary>
    private static ReadOnlySpan<byte> MarkerPrefix => "OKrd"u8;

    private const int MarkerLength = 8;

    private readonly List<(long Offset, int Length)> rawData;

    private ModelSkeleton(byte[] bytes, List<(long Offset, int Length)> rawData)
    {
        Bytes = bytes;
        this.rawData = rawData;
    }

    /// <summary>The skeleton, for Google.Protobuf to parse.</summary>
    public byte[] Bytes { get; }

    /// <summary>Where each lifted payload lies in the original bytes, by marker index.</summary>
    public IReadOnlyList<(long Offset, int Length)> RawData => rawData;

    /// <summary>The skeleton of <paramref name="model"/>, or null when its wire format is malformed.</summary>
    public static ModelSkeleton? TryBuild(ReadOnlySpan<byte> model)
    {
        var builder = new Builder(model.Length);
        return builder.Message(model, 0, model.Length, MessageKind.Model, 0)
            ? new ModelSkeleton(builder.ToArray(), builder.Lifted)
            : null;
    }

    /// <summary>The range index a parsed <c>raw_data</c> marker names, or null when <paramref name="rawData"/> is not a marker.</summary>
    public static int? MarkerIndex(ReadOnlySpan<byte> rawData) =>
        rawData.Length == MarkerLength && rawData.StartsWith(MarkerPrefix)
            ? BinaryPrimitives.ReadInt32LittleEndian(rawData[MarkerPrefix.Length..])
            : null;

    /// <summary>The messages on the way from a ModelProto to a TensorProto.</summary>
    private enum MessageKind { Model, TrainingInfo, Function, Graph, Node, Attribute, SparseTensor, Tensor }

    /// <summary>The kind of message field <paramref name="field"/> of a <paramref name="parent"/> holds, when it leads to tensors.</summary>
    private static MessageKind? Child(MessageKind parent, int field) => (parent, field) switch
    {
        (MessageKind.Model, 7) => MessageKind.Graph,                    // graph
        (MessageKind.Model, 20) => MessageKind.TrainingInfo,            // training_info
        (MessageKind.Model, 25) => MessageKind.Function,                // functions
        (MessageKind.TrainingInfo, 1 or 2) => MessageKind.Graph,        // initialization, algorithm
        (MessageKind.Graph, 1) => MessageKind.Node,                     // node
        (MessageKind.Graph, 5) => MessageKind.Tensor,                   // initializer
        (MessageKind.Graph, 15) => MessageKind.SparseTensor,            // sparse_initializer
        (MessageKind.Function, 7) => MessageKind.Node,                  // node
        (MessageKind.Function, 11) => MessageKind.Attribute,            // attribute_proto
        (MessageKind.Node, 5) => MessageKind.Attribute,                 // attribute
        (MessageKind.Attribute, 5 or 10) => MessageKind.Tensor,         // t, tensors
        (MessageKind.Attribute, 6 or 11) => MessageKind.Graph,          // g, graphs
        (MessageKind.Attribute, 22 or 23) => MessageKind.SparseTensor,  // sparse_tensor, sparse_tensors
        (MessageKind.SparseTensor, 1 or 2) => MessageKind.Tensor,       // values, indices
        _ => null,
    };

    /// <summary>Writes the skeleton while walking the original.</summary>
    private sealed class Builder(int capacity)
    {
        private byte[] output = new byte[Math.Clamp(capacity / 16, 256, 1 << 20)];
        private int count;

        public List<(long Offset, int Length)> Lifted { get; } = [];

        public byte[] ToArray() => output.AsSpan(0, count).ToArray();

        /// <summary>Copies the message in [<paramref name="start"/>, <paramref name="end"/>), lifting raw data out of the tensors in it.</summary>
        public bool Message(ReadOnlySpan<byte> data, int start, int end, MessageKind kind, int depth)
        {
            int position = start, copyFrom = start;
            while (position < end)
            {
                int tagStart = position;
                if (!TryReadVarint(data, ref position, end, out ulong rawTag)) return false;
                uint tag = (uint)rawTag; // protobuf keeps the low 32 bits of a tag
                int field = (int)(tag >> 3), wireType = (int)(tag & 7);
                if (field == 0) return false;
                int tagEnd = position;
                switch (wireType)
                {
                    case 0:
                        if (!TryReadVarint(data, ref position, end, out _)) return false;
                        break;
                    case 1:
                    case 5:
                        int size = wireType == 1 ? 8 : 4;
                        if (end - position < size) return false;
                        position += size;
                        break;
                    case 3:
                        if (!SkipGroup(data, ref position, end, field, depth + 1)) return false;
                        break;
                    case 2:
                        if (!TryReadVarint(data, ref position, end, out ulong length) || length > (ulong)(end - position)) return false;
                        int payload = position;
                        position += (int)length;
                        if (kind == MessageKind.Tensor && field == RawDataField)
                        {
                            Write(data[copyFrom..tagStart]);
                            Write(data[tagStart..tagEnd]);
                            WriteMarker(payload, (int)length);
                            copyFrom = position;
                        }
                        else if (Child(kind, field) is { } child)
                        {
                            if (depth + 1 > RecursionLimit) return false;
                            Write(data[copyFrom..tagStart]);
                            Write(data[tagStart..tagEnd]);
                            int lengthAt = Reserve(5);
                            if (!Message(data, payload, position, child, depth + 1)) return false;
                            PatchLength(lengthAt, count - lengthAt - 5);
                            copyFrom = position;
                        }
                        break;
                    default:
                        return false; // an end-group without a start, or wire type 6 or 7
                }
            }
            Write(data[copyFrom..end]);
            return true;
        }

        /// <summary>Skips a group (deprecated wire types 3 and 4) up to its matching end, as protobuf keeps it among unknown fields.</summary>
        private static bool SkipGroup(ReadOnlySpan<byte> data, ref int position, int end, int field, int depth)
        {
            if (depth > RecursionLimit) return false;
            while (position < end)
            {
                if (!TryReadVarint(data, ref position, end, out ulong rawTag)) return false;
                uint tag = (uint)rawTag;
                int inner = (int)(tag >> 3);
                if (inner == 0) return false;
                switch (tag & 7)
                {
                    case 0:
                        if (!TryReadVarint(data, ref position, end, out _)) return false;
                        break;
                    case 1:
                        if (end - position < 8) return false;
                        position += 8;
                        break;
                    case 5:
                        if (end - position < 4) return false;
                        position += 4;
                        break;
                    case 2:
                        if (!TryReadVarint(data, ref position, end, out ulong length) || length > (ulong)(end - position)) return false;
                        position += (int)length;
                        break;
                    case 3:
                        if (!SkipGroup(data, ref position, end, inner, depth + 1)) return false;
                        break;
                    case 4:
                        return inner == field;
                    default:
                        return false;
                }
            }
            return false;
        }

        private static bool TryReadVarint(ReadOnlySpan<byte> data, ref int position, int end, out ulong value)
        {
            value = 0;
            for (int shift = 0; shift < 70; shift += 7)
            {
                if (position >= end) return false;
                byte b = data[position++];
                if (shift < 64) value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80) return true;
            }
            return false; // more than ten bytes
        }

        private void WriteMarker(int payload, int length)
        {
            Span<byte> marker = stackalloc byte[1 + MarkerLength];
            marker[0] = MarkerLength;
            MarkerPrefix.CopyTo(marker[1..]);
            BinaryPrimitives.WriteInt32LittleEndian(marker[(1 + MarkerPrefix.Length)..], Lifted.Count);
            Write(marker);
            Lifted.Add((payload, length));
        }

        private void Write(ReadOnlySpan<byte> bytes)
        {
            Grow(bytes.Length);
            bytes.CopyTo(output.AsSpan(count));
            count += bytes.Length;
        }

        private int Reserve(int length)
        {
            Grow(length);
            int at = count;
            count += length;
            return at;
        }

        /// <summary>Writes <paramref name="length"/> as a varint padded to five bytes.</summary>
        private void PatchLength(int at, int length)
        {
            for (int i = 0; i < 4; i++) output[at + i] = (byte)(((length >> (7 * i)) & 0x7F) | 0x80);
            output[at + 4] = (byte)((length >> 28) & 0x7F);
        }

        private void Grow(int extra)
        {
            if (count + extra <= output.Length) return;
            Array.Resize(ref output, Math.Max(output.Length * 2, count + extra));
        }
    }
}
