using OnnxKit.Ir;

namespace OnnxKit.Execution;

/// <summary>
/// A graph input or output of any kind the execution contract exchanges: a tensor, a sequence
/// of values, or an optional value. Most models take and give tensors only and are run through
/// <see cref="IModelBackend.Run"/>; <see cref="IModelBackend.RunValues"/> takes these for the
/// rest (ONNX's sequence and optional operators, for one). Immutable.
/// </summary>
public sealed class OnnxValue
{
    private readonly ITensor? tensor;
    private readonly IReadOnlyList<OnnxValue>? items;

    private OnnxValue(OnnxValueKind kind, ITensor? tensor, IReadOnlyList<OnnxValue>? items, OnnxValue? content, OnnxType? elementType)
    {
        Kind = kind;
        this.tensor = tensor;
        this.items = items;
        Content = content;
        ElementType = elementType;
    }

    /// <summary>Which kind of value this is.</summary>
    public OnnxValueKind Kind { get; }

    /// <summary>The tensor, for a <see cref="OnnxValueKind.Tensor"/>.</summary>
    /// <exception cref="InvalidOperationException">The value is not a tensor.</exception>
    public ITensor Tensor => tensor ?? throw new InvalidOperationException($"The value is {Describe()}, not a tensor.");

    /// <summary>The elements, in order, for a <see cref="OnnxValueKind.Sequence"/>.</summary>
    /// <exception cref="InvalidOperationException">The value is not a sequence.</exception>
    public IReadOnlyList<OnnxValue> Items => items ?? throw new InvalidOperationException($"The value is {Describe()}, not a sequence.");

    /// <summary>For an <see cref="OnnxValueKind.Optional"/>, the value held, or null when it is empty.</summary>
    public OnnxValue? Content { get; }

    /// <summary>For a sequence, its element type; for an optional, the type it may hold; null when not known.</summary>
    public OnnxType? ElementType { get; }

    /// <summary>Wraps a tensor.</summary>
    public static OnnxValue FromTensor(ITensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return new(OnnxValueKind.Tensor, tensor, null, null, null);
    }

    /// <summary>A sequence of <paramref name="items"/>; <paramref name="elementType"/> lets an empty one say what it would hold.</summary>
    public static OnnxValue Sequence(IEnumerable<OnnxValue> items, OnnxType? elementType = null) =>
        new(OnnxValueKind.Sequence, null, items.ToArray(), null, elementType);

    /// <summary>An optional holding <paramref name="content"/>, or an empty one when it is null.</summary>
    public static OnnxValue Optional(OnnxValue? content, OnnxType? elementType = null) =>
        new(OnnxValueKind.Optional, null, null, content, elementType);

    /// <summary>Describes the value the way ONNX writes types, e.g. <c>tensor(float)[2,3]</c>, <c>seq[2](tensor(int64)[4])</c>, <c>optional(empty)</c>.</summary>
    public string Describe() => Kind switch
    {
        OnnxValueKind.Tensor => $"tensor({tensor!.DataType.OnnxName()}){TensorDims.Format(tensor.Dims)}",
        OnnxValueKind.Sequence => $"seq[{items!.Count}]({(items.Count > 0 ? items[0].Describe() : ElementType?.ToString() ?? "?")})",
        _ => $"optional({Content?.Describe() ?? "empty"})",
    };

    /// <inheritdoc/>
    public override string ToString() => Describe();
}
