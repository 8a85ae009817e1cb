using OnnxKit.Exporter;
using OnnxKit.Exporter.Networks;

namespace OnnxKit.Models.Mobile;

/// <summary>
/// MobileNet v1 and v2 as in <c>keras.applications</c> (width multiplier 1, 224×224;
/// docs/model-zoo.md, "Mobile networks"). Convolutions before batch
/// normalization have no bias; strided depthwise convolutions pad explicitly as Keras does.
/// v1: 4,253,864 parameters (21,888 non-trainable); v2: 3,538,984 (34,112 non-trainable).
/// </summary>
internal static class MobileNetModels
{
    /// <summary>MobileNet v1: a strided 3×3 stem and 13 depthwise-separable blocks; Keras's 1×1-convolution head.</summary>
    public static Network V1(ZooOptions options)
    {
        int size = options.ImageSize ?? 224;
        int classes = options.Classes ?? 1000;
        var input = Layers.Input(3, size, size);
        var x = Layers.ZeroPadding2D((0, 1), (0, 1)).Call(input);
        x = ConvBnRelu6(Layers.Conv2D(32, 3, strides: 2, useBias: false).Call(x));
        foreach (var (filters, stride) in new[] { (64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1) })
        {
            if (stride == 2) x = Layers.ZeroPadding2D((0, 1), (0, 1)).Call(x);
            x = ConvBnRelu6(Layers.DepthwiseConv2D(3, strides: stride, padding: stride == 1 ? Padding.Same : Padding.Valid, useBias: false).Call(x));
            x = ConvBnRelu6(Layers.Conv2D(filters, 1, padding: Padding.Same, useBias: false).Call(x));
        }
        x = Layers.GlobalAveragePooling2D(keepDims: true).Call(x);
        x = Layers.Dropout(1e-3f).Call(x);
        x = Layers.Conv2D(classes, 1, padding: Padding.Same).Call(x);
        x = Layers.Reshape([classes]).Call(x);
        return new FunctionalModel(input, Layers.Activation(Activation.Softmax).Call(x));
    }

    /// <summary>MobileNet v2: inverted residual blocks with linear bottlenecks, a 1280-channel last convolution, GAP and softmax.</summary>
    public static Network V2(ZooOptions options)
    {
        int size = options.ImageSize ?? 224;
        var input = Layers.Input(3, size, size);
        var x = Layers.ZeroPadding2D(CorrectPad(size), CorrectPad(size)).Call(input);
        x = ConvBnRelu6(Layers.Conv2D(32, 3, strides: 2, useBias: false).Call(x), momentum: 0.999f);
        int blockId = 0;
        foreach (var (filters, stride, expansion, repeats) in new[] { (16, 1, 1, 1), (24, 2, 6, 2), (32, 2, 6, 3), (64, 2, 6, 4), (96, 1, 6, 3), (160, 2, 6, 3), (320, 1, 6, 1) })
        {
            for (int i = 0; i < repeats; i++) x = InvertedResidual(x, filters, i == 0 ? stride : 1, expansion, blockId++);
        }
        x = ConvBnRelu6(Layers.Conv2D(1280, 1, useBias: false).Call(x), momentum: 0.999f);
        x = Layers.GlobalAveragePooling2D().Call(x);
        return new FunctionalModel(input, Layers.Dense(options.Classes ?? 1000, Activation.Softmax).Call(x));
    }

    private static SymbolicTensor InvertedResidual(SymbolicTensor input, int filters, int stride, int expansion, int blockId)
    {
        long channels = input.Shape[0];
        var x = input;
        if (blockId > 0) x = ConvBnRelu6(Layers.Conv2D((int)(expansion * channels), 1, padding: Padding.Same, useBias: false).Call(x), momentum: 0.999f);
        if (stride == 2) x = Layers.ZeroPadding2D(CorrectPad(x.Shape[1]), CorrectPad(x.Shape[2])).Call(x);
        x = ConvBnRelu6(Layers.DepthwiseConv2D(3, strides: stride, padding: stride == 1 ? Padding.Same : Padding.Valid, useBias: false).Call(x), momentum: 0.999f);
        x = Layers.Conv2D(filters, 1, padding: Padding.Same, useBias: false).Call(x);
        x = Layers.BatchNormalization(momentum: 0.999f).Call(x);
        return channels == filters && stride == 1 ? Layers.Add().Call(input, x) : x;
    }

    /// <summary>Keras's <c>correct_pad</c> for a 3×3 stride-2 window: (0, 1) on even sizes, (1, 1) on odd.</summary>
    private static (int, int) CorrectPad(long size) => size % 2 == 0 ? (0, 1) : (1, 1);

    private static SymbolicTensor ConvBnRelu6(SymbolicTensor x, float momentum = 0.99f) =>
        Layers.ReLU(maxValue: 6).Call(Layers.BatchNormalization(momentum: momentum).Call(x));
}
