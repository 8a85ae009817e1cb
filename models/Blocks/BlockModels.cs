using OnnxKit.Exporter;
using OnnxKit.Exporter.Lowering;
using OnnxKit.Exporter.Networks;
using OnnxKit.Ir;

namespace OnnxKit.Models.Blocks;

/// <summary>The fixed-weight and custom blocks (docs/model-zoo.md, "Blocks with fixed weights or custom operations").</summary>
internal static class BlockModels
{
    /// <summary>
    /// A fixed Gaussian filter: a non-trainable depthwise 3×3 convolution (same padding, no
    /// bias) whose kernel is the Gaussian on every channel (a Keras kernel initializer that fills
    /// only channel 0 would leave every other channel zero).
    /// </summary>
    public static Network GaussianFilter(ZooOptions options)
    {
        int channels = options.Channels ?? 3;
        int size = options.ImageSize ?? 64;
        var input = Layers.Input(channels, size, size);
        var kernel = Initializers.FromFunction("gaussian", shape =>
        {
            // shape is [channels·multiplier, 1, kh, kw]: the same kernel for every channel.
            var single = GaussianKernel.Create((int)shape[2], (int)shape[3]).Select(v => (float)v).ToArray();
            return Enumerable.Repeat(single, (int)shape[0]).SelectMany(k => k).ToArray();
        });
        var filter = Layers.DepthwiseConv2D(3, padding: Padding.Same, useBias: false, depthwiseInitializer: kernel);
        filter.Trainable = false;
        return new FunctionalModel(input, filter.Call(input));
    }

    /// <summary>
    /// A "threshold with gradient flow" as a Lambda layer: x inside (min, max), min where
    /// x ≤ min, max where x ≥ max, built from comparisons, casts and products as a Keras Lambda
    /// writes it to keep gradients flowing (the same values as Clip).
    /// </summary>
    public static Network Threshold(ZooOptions options)
    {
        int size = options.ImageSize ?? 32;
        var input = Layers.Input(3, size, size);
        return new FunctionalModel(input, ThresholdLayer(0.25f, 0.75f).Call(input));
    }

    /// <summary>The threshold block: (x·[x &lt; max]·[x &gt; min]) + min·[x ≤ min] + max·[x ≥ max].</summary>
    public static Layer ThresholdLayer(float min, float max) => Layers.Lambda((b, x) =>
    {
        Value one = b.Scalar(1f);
        var geMax = b.Cast(b.GreaterOrEqual(x, b.Scalar(max)), DataType.Float);
        var ltMax = b.Sub(one, geMax);
        var leMin = b.Cast(b.LessOrEqual(x, b.Scalar(min)), DataType.Float);
        var gtMin = b.Sub(one, leMin);
        var inside = b.Mul(b.Mul(ltMax, gtMin), x);
        return b.Add(b.Add(inside, b.Mul(b.Scalar(min), leMin)), b.Mul(b.Scalar(max), geMax));
    }, name: "threshold");

    /// <summary>
    /// Batch normalization after a convolution and after a Dense layer: Conv64 → BN → ReLU → Flatten → Dense 4096 → ReLU → BN on
    /// 128×128×3. 4,294,989,824 parameters (about 17 GB of float32, past protobuf's 2 GiB limit).
    /// </summary>
    public static Network BatchNormExample(ZooOptions options)
    {
        int size = options.ImageSize ?? 128;
        return new SequentialModel([
            Layers.Conv2D(64, 3, padding: Padding.Same).WithInputShape(3, size, size), Layers.BatchNormalization(), Layers.ReLU(),
            Layers.Flatten(), Layers.Dense(4096), Layers.ReLU(), Layers.BatchNormalization()]);
    }
}
