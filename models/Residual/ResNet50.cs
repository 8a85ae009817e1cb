using OnnxKit.Exporter;
using OnnxKit.Exporter.Networks;

namespace OnnxKit.Models.Residual;

/// <summary>
/// ResNet50 (docs/model-zoo.md, "Residual networks"): bottleneck blocks with batch
/// normalization after every convolution (post-activation), a ZeroPadding/7×7/BN/ReLU/ZeroPadding/max-pool
/// stem, four groups of one projection block and 2, 3, 5, 2 identity blocks, and a GAP + softmax head.
/// v1 strides the projection block's first 1×1 convolution; v1.5 strides its 3×3 instead.
/// </summary>
internal static class ResNet50
{
    public static Network V1(ZooOptions options) => Build(options, strideOnThreeByThree: false);

    public static Network V15(ZooOptions options) => Build(options, strideOnThreeByThree: true);

    private static Network Build(ZooOptions options, bool strideOnThreeByThree)
    {
        int size = options.ImageSize ?? 224;
        var inputs = Layers.Input(3, size, size);
        var x = Layers.ZeroPadding2D(3).Call(inputs);
        x = Layers.Conv2D(64, 7, strides: 2, padding: Padding.Valid).Call(x);
        x = Layers.BatchNormalization().Call(x);
        x = Layers.ReLU().Call(x);
        x = Layers.ZeroPadding2D(1).Call(x);
        x = Layers.MaxPooling2D(3, strides: 2).Call(x);
        foreach (var (filters, stride, identityBlocks) in new[] { (64, 1, 2), (128, 2, 3), (256, 2, 5), (512, 2, 2) })
        {
            x = ProjectionBlock(x, filters, stride, strideOnThreeByThree);
            for (int i = 0; i < identityBlocks; i++) x = IdentityBlock(x, filters);
        }
        if (options.IncludeTop)
        {
            x = Layers.GlobalAveragePooling2D().Call(x);
            x = Layers.Dense(options.Classes ?? 1000, Activation.Softmax).Call(x);
        }
        return new FunctionalModel(inputs, x);
    }

    private static SymbolicTensor ConvBn(SymbolicTensor x, int filters, int kernel, int stride = 1, bool relu = true)
    {
        x = Layers.Conv2D(filters, kernel, strides: stride, padding: Padding.Same).Call(x);
        x = Layers.BatchNormalization().Call(x);
        return relu ? Layers.ReLU().Call(x) : x;
    }

    /// <summary>1×1 reduce, 3×3, 1×1 restore to 4·filters; added to the input; ReLU.</summary>
    internal static SymbolicTensor IdentityBlock(SymbolicTensor x, int filters)
    {
        var shortcut = x;
        x = ConvBn(x, filters, 1);
        x = ConvBn(x, filters, 3);
        x = ConvBn(x, 4 * filters, 1, relu: false);
        return Layers.ReLU().Call(Layers.Add().Call(shortcut, x));
    }

    private static SymbolicTensor ProjectionBlock(SymbolicTensor x, int filters, int stride, bool strideOnThreeByThree)
    {
        var shortcut = ConvBn(x, 4 * filters, 1, stride, relu: false);
        x = ConvBn(x, filters, 1, strideOnThreeByThree ? 1 : stride);
        x = ConvBn(x, filters, 3, strideOnThreeByThree ? stride : 1);
        x = ConvBn(x, 4 * filters, 1, relu: false);
        return Layers.ReLU().Call(Layers.Add().Call(x, shortcut));
    }
}
