namespace OnnxKit.Reference;

/// <summary>An ONNX sequence: an ordered list of tensors (or of other values) of one element type.</summary>
public sealed class SequenceValue : RuntimeValue
{
    /// <summary>Creates a sequence; <paramref name="elementType"/> is needed to describe an empty one.</summary>
    public SequenceValue(IEnumerable<RuntimeValue> items, Ir.OnnxType? elementType = null)
    {
        Items = items.ToArray();
        ElementType = elementType;
    }

    /// <summary>The elements, in order.</summary>
    public IReadOnlyList<RuntimeValue> Items { get; }

    /// <summary>The declared element type, when known (an empty sequence still has one).</summary>
    public Ir.OnnxType? ElementType { get; }

    /// <inheritdoc/>
    public override string Describe() => $"seq[{Items.Count}]({(Items.Count > 0 ? Items[0].Describe() : ElementType?.ToString() ?? "?")})";
}
