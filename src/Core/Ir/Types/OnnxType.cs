namespace OnnxKit.Ir;

/// <summary>
/// The type of an ONNX value: a tensor, sparse tensor, sequence, map, optional or
/// opaque type. Types are immutable records, so they can be shared and compared.
/// </summary>
public abstract record OnnxType
{
    /// <summary>ONNX's optional type denotation (<c>IMAGE</c>, <c>TEXT</c>, ...).</summary>
    public string? Denotation { get; init; }

    /// <summary>Formats as in ONNX's docs, e.g. <c>tensor(float)[N,3]</c>.</summary>
    public abstract override string ToString();
}
