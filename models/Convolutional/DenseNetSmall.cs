using OnnxKit.Exporter;
using OnnxKit.Exporter.Networks;

namespace OnnxKit.Models.Convolutional;

/// <summary>
/// A small DenseNet-BC for 32×32 images (docs/model-zoo.md, "DenseNet"): a 3×3 stem of 2k
/// channels, three dense blocks of
/// four bottleneck layers (BN-ReLU-1×1 conv to 4k, BN-ReLU-3×3 conv to k, concatenated to
/// the block's input) with growth rate k = 12, transitions that halve channels (1×1 conv)
/// and size (2×2 average pool), and BN-ReLU-GAP-softmax.
/// </summary>
internal static class DenseNetSmall
{
    public const int GrowthRate = 12;
    public const int LayersPerBlock = 4;
    public const int Blocks = 3;

    public static Network Build(ZooOptions options)
    {
        int size = options.ImageSize ?? 32;
        var input = Layers.Input(3, size, size);
        var x = Layers.Conv2D(2 * GrowthRate, 3, padding: Padding.Same, useBias: false).Call(input);
        for (int block = 0; block < Blocks; block++)
        {
            for (int layer = 0; layer < LayersPerBlock; layer++)
            {
                var y = BnReluConv(x, 4 * GrowthRate, 1);
                y = BnReluConv(y, GrowthRate, 3);
                x = Layers.Concatenate(axis: 1).Call(x, y);
            }
            if (block < Blocks - 1)
            {
                x = BnReluConv(x, (int)(x.Shape[0] / 2), 1);
                x = Layers.AveragePooling2D(2).Call(x);
            }
        }
        x = Layers.ReLU().Call(Layers.BatchNormalization().Call(x));
        x = Layers.GlobalAveragePooling2D().Call(x);
        return new FunctionalModel(input, Layers.Dense(options.Classes ?? 10, Activation.Softmax).Call(x));
    }

    private static SymbolicTensor BnReluConv(SymbolicTensor x, int filters, int kernel)
    {
        x = Layers.ReLU().Call(Layers.BatchNormalization().Call(x));
        return Layers.Conv2D(filters, kernel, padding: Padding.Same, useBias: false).Call(x);
    }
}
