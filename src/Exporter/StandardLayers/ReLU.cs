using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>
/// Keras's ReLU layer: max_value where x ≥ max_value, x where threshold ≤ x &lt; max_value,
/// negative_slope·(x − threshold) otherwise. The common cases export as Relu, LeakyRelu and
/// Clip; a non-zero threshold uses a comparison mask.
/// </summary>
public sealed class ReLU(float? maxValue = null, float negativeSlope = 0f, float threshold = 0f, string? name = null) : Layer(name)
{
    /// <summary>The upper bound, if any.</summary>
    public float? MaxValue { get; } = maxValue is null or >= 0 ? maxValue : throw new ArgumentOutOfRangeException(nameof(maxValue), "max_value cannot be negative.");

    /// <summary>The slope below the threshold.</summary>
    public float NegativeSlope { get; } = negativeSlope >= 0 ? negativeSlope : throw new ArgumentOutOfRangeException(nameof(negativeSlope), "negative_slope cannot be negative.");

    /// <summary>Where the slope changes.</summary>
    public float Threshold { get; } = threshold;

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes) => [inputShapes[0]];

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs)
    {
        var x = inputs[0];
        Value y;
        if (Threshold == 0f && NegativeSlope == 0f && MaxValue is float max) return [builder.Clip(x, 0f, max)];
        if (Threshold == 0f) y = NegativeSlope == 0f ? builder.Relu(x) : builder.LeakyRelu(x, NegativeSlope);
        else
        {
            // below = 1 where x < threshold; y = x + below·(slope·(x − threshold) − x)
            var below = builder.Cast(builder.Less(x, builder.Scalar(Threshold)), DataType.Float);
            var slope = builder.Mul(builder.Sub(x, builder.Scalar(Threshold)), builder.Scalar(NegativeSlope));
            y = builder.Add(x, builder.Mul(below, builder.Sub(slope, x)));
        }
        return [MaxValue is float upper ? builder.Clip(y, null, upper) : y];
    }
}
