using OnnxKit.Exporter;
using OnnxKit.Exporter.Networks;

namespace OnnxKit.Models.Inception;

/// <summary>
/// The naive inception block and GoogLeNet (Inception v1) with the paper's module table
/// (docs/model-zoo.md, "Inception"): 6,998,552 parameters with biases, no LRN and no auxiliary heads.
/// Branches are concatenated on the channel axis (axis 1, channels first).
/// </summary>
internal static class InceptionModels
{
    /// <summary>1×1, 3×3 and 5×5 same convolutions plus a 3×3 stride-1 max-pool, concatenated: 2016·D + 224 parameters.</summary>
    public static Network NaiveBlock(ZooOptions options)
    {
        int channels = options.Channels ?? 192;
        int size = options.ImageSize ?? 28;
        var input = Layers.Input(channels, size, size);
        var conv1 = Layers.Conv2D(64, 1, padding: Padding.Same, activation: Activation.Relu).Call(input);
        var conv3 = Layers.Conv2D(128, 3, padding: Padding.Same, activation: Activation.Relu).Call(input);
        var conv5 = Layers.Conv2D(32, 5, padding: Padding.Same, activation: Activation.Relu).Call(input);
        var pool = Layers.MaxPooling2D(3, strides: 1, padding: Padding.Same).Call(input);
        return new FunctionalModel(input, Layers.Concatenate(axis: 1).Call(conv1, conv3, conv5, pool));
    }

    private static readonly (string Name, int OneByOne, int Reduce3, int Three, int Reduce5, int Five, int PoolProjection)[] Modules =
    [
        ("3a", 64, 96, 128, 16, 32, 32), ("3b", 128, 128, 192, 32, 96, 64),
        ("4a", 192, 96, 208, 16, 48, 64), ("4b", 160, 112, 224, 24, 64, 64), ("4c", 128, 128, 256, 24, 64, 64),
        ("4d", 112, 144, 288, 32, 64, 64), ("4e", 256, 160, 320, 32, 128, 128),
        ("5a", 256, 160, 320, 32, 128, 128), ("5b", 384, 192, 384, 48, 128, 128),
    ];

    /// <summary>GoogLeNet: stem, modules 3a–5b with 3×3/2 pooling after 3b and 4e, GAP, dropout 0.4, softmax.</summary>
    public static Network GoogLeNet(ZooOptions options)
    {
        int size = options.ImageSize ?? 224;
        var input = Layers.Input(3, size, size);
        var x = Layers.Conv2D(64, 7, strides: 2, padding: Padding.Same, activation: Activation.Relu).Call(input);
        x = Layers.MaxPooling2D(3, strides: 2, padding: Padding.Same).Call(x);
        x = Layers.Conv2D(64, 1, activation: Activation.Relu).Call(x);
        x = Layers.Conv2D(192, 3, padding: Padding.Same, activation: Activation.Relu).Call(x);
        x = Layers.MaxPooling2D(3, strides: 2, padding: Padding.Same).Call(x);
        foreach (var module in Modules)
        {
            x = InceptionModule(x, module.OneByOne, module.Reduce3, module.Three, module.Reduce5, module.Five, module.PoolProjection);
            if (module.Name is "3b" or "4e") x = Layers.MaxPooling2D(3, strides: 2, padding: Padding.Same).Call(x);
        }
        x = Layers.GlobalAveragePooling2D().Call(x);
        x = Layers.Dropout(0.4f).Call(x);
        return new FunctionalModel(input, Layers.Dense(options.Classes ?? 1000, Activation.Softmax).Call(x));
    }

    /// <summary>An inception module with 1×1 bottlenecks before the 3×3 and 5×5 convolutions and after the pool.</summary>
    private static SymbolicTensor InceptionModule(SymbolicTensor x, int oneByOne, int reduce3, int three, int reduce5, int five, int poolProjection)
    {
        SymbolicTensor Conv(SymbolicTensor input, int filters, int kernel) =>
            Layers.Conv2D(filters, kernel, padding: Padding.Same, activation: Activation.Relu).Call(input);
        var branch1 = Conv(x, oneByOne, 1);
        var branch2 = Conv(Conv(x, reduce3, 1), three, 3);
        var branch3 = Conv(Conv(x, reduce5, 1), five, 5);
        var branch4 = Conv(Layers.MaxPooling2D(3, strides: 1, padding: Padding.Same).Call(x), poolProjection, 1);
        return Layers.Concatenate(axis: 1).Call(branch1, branch2, branch3, branch4);
    }
}
