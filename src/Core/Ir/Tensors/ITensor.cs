namespace OnnxKit.Ir;

/// <summary>
/// A tensor constant: an initializer, an attribute value, or a test input.
/// Implementations differ in where the bytes live (in memory, in an unparsed
/// protobuf message, in a memory-mapped external file); asking for the type,
/// dims or size never reads the data.
/// </summary>
public interface ITensor
{
    /// <summary>The tensor's own name (for initializers, the value's name).</summary>
    string? Name { get; }

    /// <summary>The element type.</summary>
    DataType DataType { get; }

    /// <summary>The dimensions; empty for a scalar.</summary>
    IReadOnlyList<long> Dims { get; }

    /// <summary>The number of elements (the product of <see cref="Dims"/>).</summary>
    long ElementCount { get; }

    /// <summary>The size of the packed data in bytes (0 for string tensors).</summary>
    long ByteCount { get; }

    /// <summary>ONNX's doc string, when present.</summary>
    string? DocString { get; }

    /// <summary>
    /// The data in ONNX's raw layout: little-endian, packed, sub-byte types two or four
    /// to a byte. Reads the data on first use. Not available for string tensors.
    /// </summary>
    ReadOnlyMemory<byte> GetRawData();
}
