using OnnxKit.Exporter.Initialization;
using OnnxKit.Ir;

namespace OnnxKit.Exporter;

/// <summary>
/// A weight tensor of a layer: its shape in ONNX's layout, how its values are generated,
/// whether it is trained, and optionally values assigned explicitly (loaded from a
/// <c>.npz</c> file or set in code). Values are generated lazily at export, from the export
/// seed and the weight's full name, so they are reproducible and never held in memory
/// before they are needed.
/// </summary>
/// <remarks>
/// Default fans for variance-scaling initializers follow Keras: a vector uses its length
/// for both; a matrix <c>[in, out]</c> uses <c>in</c> and <c>out</c>; a convolution kernel
/// <c>[out, in, k...]</c> uses <c>in·∏k</c> and <c>out·∏k</c>.
/// </remarks>
public sealed class Weight
{
    private readonly long[] shape;
    private readonly bool declaredTrainable;
    private ITensor? assigned;
    private Tuple<ulong, ITensor>? generated;

    internal Weight(Layer layer, string name, long[] shape, Initializer initializer, bool trainable, (long FanIn, long FanOut)? fans, KerasLayout? kerasLayout)
    {
        if (shape.Any(d => d < 0)) throw new ArgumentException($"Weight '{name}' of layer '{layer.Name}' has a negative dimension in {ShapeText.FormatDims(shape)}.", nameof(shape));
        Layer = layer;
        Name = name;
        this.shape = (long[])shape.Clone();
        Initializer = initializer;
        declaredTrainable = trainable;
        ElementCount = shape.Aggregate(1L, (a, b) => checked(a * b));
        (FanIn, FanOut) = fans ?? DefaultFans(this.shape);
        KerasLayout = kerasLayout;
    }

    /// <summary>The layer that owns the weight.</summary>
    public Layer Layer { get; }

    /// <summary>The name within the layer (<c>kernel</c>).</summary>
    public string Name { get; }

    /// <summary>The name in exported models and weight files: <c>layer/weight</c> (<c>dense_1/kernel</c>).</summary>
    public string FullName => $"{Layer.Name}/{Name}";

    /// <summary>The shape, in ONNX's layout.</summary>
    public IReadOnlyList<long> Shape => shape;

    /// <summary>The number of elements.</summary>
    public long ElementCount { get; }

    /// <summary>How values are generated when none were assigned.</summary>
    public Initializer Initializer { get; }

    /// <summary>Whether the weight is trained: created trainable and its layer not frozen.</summary>
    public bool IsTrainable => declaredTrainable && Layer.Trainable;

    /// <summary>The fan-in used by variance-scaling initializers.</summary>
    public long FanIn { get; }

    /// <summary>The fan-out used by variance-scaling initializers.</summary>
    public long FanOut { get; }

    /// <summary>How Keras stores this weight, when its layout differs from ONNX's.</summary>
    public KerasLayout? KerasLayout { get; }

    /// <summary>True when values were assigned rather than generated.</summary>
    public bool HasAssignedValue => assigned is not null;

    /// <summary>Assigns explicit values in ONNX's layout (row-major over <see cref="Shape"/>).</summary>
    public void Assign(float[] values)
    {
        if (values.LongLength != ElementCount)
            throw new ArgumentException($"Weight '{FullName}' of shape {ShapeText.FormatDims(shape)} needs {ElementCount} values, got {values.LongLength}.", nameof(values));
        assigned = DenseTensor.FromFloats((float[])values.Clone(), shape, FullName);
    }

    /// <summary>
    /// The weight's values for an export with <paramref name="seed"/>: the assigned tensor,
    /// or a lazily generated one. A generated tensor is kept, so repeated exports with one
    /// seed generate once, unless <paramref name="streamed"/> asks for a tensor generated
    /// chunk by chunk as it is written (never held whole; see
    /// <see cref="InitializedTensor.Streamed"/>), which weights over 2 GiB always are.
    /// </summary>
    public ITensor GetValue(ulong seed, bool streamed = false)
    {
        if (assigned is not null) return assigned;
        var context = new InitializerContext(shape, FanIn, FanOut, WeightSeed(seed));
        if (streamed || ElementCount * sizeof(float) > Array.MaxLength)
            return InitializedTensor.Streamed(FullName, shape, Initializer, context);
        if (generated is { } cached && cached.Item1 == seed) return cached.Item2;
        var tensor = new InitializedTensor(FullName, shape, Initializer, context);
        generated = Tuple.Create(seed, (ITensor)tensor);
        return tensor;
    }

    /// <summary>The weight's values as floats (generating them when none were assigned).</summary>
    public float[] ToFloats(ulong seed = 0) => GetValue(seed).ToArray<float>();

    private ulong WeightSeed(ulong seed) => SeededRandom.Mix(seed, SeededRandom.HashName(FullName));

    private static (long, long) DefaultFans(long[] shape) => shape.Length switch
    {
        0 => (1, 1),
        1 => (shape[0], shape[0]),
        2 => (shape[0], shape[1]),
        _ => (shape[1] * shape[2..].Aggregate(1L, (a, b) => a * b), shape[0] * shape[2..].Aggregate(1L, (a, b) => a * b)),
    };

    /// <inheritdoc/>
    public override string ToString() => $"{FullName} {ShapeText.FormatDims(shape)}{(IsTrainable ? "" : " (non-trainable)")}";
}
