namespace OnnxKit.Reference;

/// <summary>An ONNX optional: either holds one value (a tensor or a sequence) or is empty.</summary>
public sealed class OptionalValue : RuntimeValue
{
    /// <summary>Creates an optional; a null <paramref name="content"/> makes an empty one.</summary>
    public OptionalValue(RuntimeValue? content, Ir.OnnxType? elementType = null)
    {
        Content = content;
        ElementType = elementType;
    }

    /// <summary>The held value, or null when the optional is empty.</summary>
    public RuntimeValue? Content { get; }

    /// <summary>The declared type of the content, when known.</summary>
    public Ir.OnnxType? ElementType { get; }

    /// <summary>True when the optional holds a value.</summary>
    public bool HasValue => Content is not null;

    /// <inheritdoc/>
    public override string Describe() => $"optional({Content?.Describe() ?? "empty"})";
}
