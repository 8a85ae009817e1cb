namespace OnnxKit.Exporter.Initialization;

/// <summary>
/// Values computed by a function of the weight's shape (Keras's custom <c>kernel_init(shape, dtype)</c>);
/// for small fixed kernels. The function runs once per export and must return
/// exactly one value per element, in ONNX's layout.
/// </summary>
public sealed class FunctionInitializer(string name, Func<IReadOnlyList<long>, float[]> function) : Initializer
{
    private Tuple<long[], float[]>? cache;

    /// <inheritdoc/>
    public override string Name { get; } = name;

    /// <inheritdoc/>
    public override void FillChunk(Span<float> destination, long chunkIndex, in InitializerContext context)
    {
        var current = cache;
        if (current is null || !current.Item1.SequenceEqual(context.Shape))
        {
            var values = function(context.Shape);
            if (values.LongLength != context.ElementCount)
                throw new OnnxKitException($"Initializer '{Name}' returned {values.LongLength} values for a weight of shape {ShapeText.FormatDims(context.Shape)} ({context.ElementCount} elements).");
            current = Tuple.Create(context.Shape.ToArray(), values);
            cache = current;
        }
        current.Item2.AsSpan((int)(chunkIndex * ChunkElements), destination.Length).CopyTo(destination);
    }
}
