namespace OnnxKit.Ir;

/// <summary>A tensor of byte strings (UTF-8 by convention, but any bytes are kept).</summary>
public sealed class StringTensor : ITensor
{
    private readonly byte[][] values;
    private readonly long[] dims;

    /// <summary>Creates a string tensor; <paramref name="values"/> must have one entry per element.</summary>
    public StringTensor(IEnumerable<byte[]> values, IEnumerable<long> dims, string? name = null, string? docString = null)
    {
        this.values = values.ToArray();
        this.dims = dims.ToArray();
        ElementCount = TensorDims.ElementCount(this.dims, name);
        if (this.values.Length != ElementCount)
            throw new ArgumentException($"String tensor '{name}' with dims {TensorDims.Format(this.dims)} needs {ElementCount} values, got {this.values.Length}.", nameof(values));
        Name = name;
        DocString = docString;
    }

    /// <summary>Creates a string tensor from UTF-8 text.</summary>
    public static StringTensor FromStrings(string[] values, long[] dims, string? name = null) =>
        new(values.Select(System.Text.Encoding.UTF8.GetBytes), dims, name);

    /// <summary>The raw bytes of each element.</summary>
    public IReadOnlyList<byte[]> Values => values;

    /// <inheritdoc/>
    public string? Name { get; }

    /// <inheritdoc/>
    public DataType DataType => DataType.String;

    /// <inheritdoc/>
    public IReadOnlyList<long> Dims => dims;

    /// <inheritdoc/>
    public long ElementCount { get; }

    /// <inheritdoc/>
    public long ByteCount => 0;

    /// <inheritdoc/>
    public string? DocString { get; }

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> GetRawData() =>
        throw new InvalidOperationException($"String tensor '{Name}' has no raw data layout.");
}
