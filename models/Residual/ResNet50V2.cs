using OnnxKit.Exporter;
using OnnxKit.Exporter.Networks;

namespace OnnxKit.Models.Residual;

/// <summary>
/// ResNet50 v2 (pre-activation, "Identity Mappings in Deep Residual Networks": BN → ReLU → Conv,
/// no ReLU after the add), as <c>keras.applications.ResNet50V2</c> builds it (docs/model-zoo.md,
/// "Residual networks"; 25,613,800 parameters):
/// a biased 7×7 stem without BN, stacks of 3, 4, 6, 3 blocks whose first block projects the
/// shared pre-activation and whose last block strides (1×1 max-pool shortcut), and a final
/// BN + ReLU before the head. Batch normalization uses Keras Applications' epsilon 1.001e-5.
/// </summary>
internal static class ResNet50V2
{
    private const float Epsilon = 1.001e-5f;

    public static Network Build(ZooOptions options)
    {
        int size = options.ImageSize ?? 224;
        var inputs = Layers.Input(3, size, size);
        var x = Layers.ZeroPadding2D(3).Call(inputs);
        x = Layers.Conv2D(64, 7, strides: 2).Call(x);
        x = Layers.ZeroPadding2D(1).Call(x);
        x = Layers.MaxPooling2D(3, strides: 2).Call(x);
        x = Stack(x, 64, 3, lastStride: 2);
        x = Stack(x, 128, 4, lastStride: 2);
        x = Stack(x, 256, 6, lastStride: 2);
        x = Stack(x, 512, 3, lastStride: 1);
        x = Layers.BatchNormalization(epsilon: Epsilon).Call(x);
        x = Layers.ReLU().Call(x);
        if (options.IncludeTop)
        {
            x = Layers.GlobalAveragePooling2D().Call(x);
            x = Layers.Dense(options.Classes ?? 1000, Activation.Softmax).Call(x);
        }
        return new FunctionalModel(inputs, x);
    }

    private static SymbolicTensor Stack(SymbolicTensor x, int filters, int blocks, int lastStride)
    {
        x = Block(x, filters, stride: 1, projectShortcut: true);
        for (int i = 2; i < blocks; i++) x = Block(x, filters, stride: 1, projectShortcut: false);
        return Block(x, filters, lastStride, projectShortcut: false);
    }

    /// <summary>The pre-activation bottleneck: BN, ReLU, then 1×1, 3×3 (strided), 1×1 convolutions; added to the shortcut.</summary>
    private static SymbolicTensor Block(SymbolicTensor x, int filters, int stride, bool projectShortcut)
    {
        var preact = Layers.ReLU().Call(Layers.BatchNormalization(epsilon: Epsilon).Call(x));
        var shortcut = projectShortcut
            ? Layers.Conv2D(4 * filters, 1, strides: stride).Call(preact)
            : stride > 1 ? Layers.MaxPooling2D(1, strides: stride).Call(x) : x;
        var y = Layers.Conv2D(filters, 1, useBias: false).Call(preact);
        y = Layers.ReLU().Call(Layers.BatchNormalization(epsilon: Epsilon).Call(y));
        y = Layers.ZeroPadding2D(1).Call(y);
        y = Layers.Conv2D(filters, 3, strides: stride, useBias: false).Call(y);
        y = Layers.ReLU().Call(Layers.BatchNormalization(epsilon: Epsilon).Call(y));
        y = Layers.Conv2D(4 * filters, 1).Call(y);
        return Layers.Add().Call(shortcut, y);
    }
}
