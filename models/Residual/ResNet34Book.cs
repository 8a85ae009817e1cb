using OnnxKit.Exporter;
using OnnxKit.Exporter.Networks;

namespace OnnxKit.Models.Residual;

/// <summary>
/// The "ResNet34-style" network of <i>Deep Learning by Design</i> (docs/model-zoo.md, "Residual
/// networks"), faithful to the book's code: residual blocks
/// of two 3×3 convolutions with an identity shortcut, and transition blocks of two stride-2
/// 3×3 convolutions (so each transition shrinks the maps 16×: 56 → 14 → 4 → 1). 21,542,376
/// parameters.
/// </summary>
internal static class ResNet34Book
{
    public static Network Build(ZooOptions options)
    {
        int size = options.ImageSize ?? 224;
        var inputs = Layers.Input(3, size, size);
        var x = Layers.Conv2D(64, 7, strides: 2, padding: Padding.Same, activation: Activation.Relu).Call(inputs);
        x = Layers.MaxPooling2D(3, strides: 2, padding: Padding.Same).Call(x);
        for (int i = 0; i < 2; i++) x = ResidualBlock(64, x);
        foreach (var (filters, blocks) in new[] { (128, 3), (256, 5), (512, 2) })
        {
            x = ConvBlock(filters, x);
            for (int i = 0; i < blocks; i++) x = ResidualBlock(filters, x);
        }
        x = Layers.GlobalAveragePooling2D().Call(x);
        return new FunctionalModel(inputs, Layers.Dense(options.Classes ?? 1000, Activation.Softmax).Call(x));
    }

    private static SymbolicTensor ResidualBlock(int filters, SymbolicTensor x)
    {
        var shortcut = x;
        x = Layers.Conv2D(filters, 3, padding: Padding.Same, activation: Activation.Relu).Call(x);
        x = Layers.Conv2D(filters, 3, padding: Padding.Same, activation: Activation.Relu).Call(x);
        return Layers.Add().Call(shortcut, x);
    }

    private static SymbolicTensor ConvBlock(int filters, SymbolicTensor x)
    {
        x = Layers.Conv2D(filters, 3, strides: 2, padding: Padding.Same, activation: Activation.Relu).Call(x);
        return Layers.Conv2D(filters, 3, strides: 2, padding: Padding.Same, activation: Activation.Relu).Call(x);
    }
}
