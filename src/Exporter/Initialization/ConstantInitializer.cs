using System.Globalization;

namespace OnnxKit.Exporter.Initialization;

/// <summary>Every element set to one value (Keras's <c>zeros</c>, <c>ones</c>, <c>constant</c>).</summary>
public sealed class ConstantInitializer(float value) : Initializer
{
    /// <summary>The value.</summary>
    public float Value { get; } = value;

    /// <inheritdoc/>
    public override string Name => Value switch
    {
        0f => "zeros",
        1f => "ones",
        _ => $"constant({Value.ToString(CultureInfo.InvariantCulture)})",
    };

    /// <inheritdoc/>
    public override void FillChunk(Span<float> destination, long chunkIndex, in InitializerContext context) => destination.Fill(Value);
}
