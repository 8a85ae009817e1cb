namespace OnnxKit.Exporter.Initialization;

/// <summary>Explicit values, in ONNX's layout; the length must match the weight.</summary>
public sealed class ArrayInitializer : Initializer
{
    private readonly float[] values;

    /// <summary>Copies <paramref name="values"/>.</summary>
    public ArrayInitializer(float[] values) => this.values = (float[])values.Clone();

    /// <inheritdoc/>
    public override string Name => "array";

    /// <inheritdoc/>
    public override void FillChunk(Span<float> destination, long chunkIndex, in InitializerContext context)
    {
        if (values.LongLength != context.ElementCount)
            throw new OnnxKitException($"An explicit array of {values.LongLength} values cannot initialize a weight of shape {ShapeText.FormatDims(context.Shape)} ({context.ElementCount} elements).");
        values.AsSpan((int)(chunkIndex * ChunkElements), destination.Length).CopyTo(destination);
    }
}
