using OnnxKit.Exporter;
using OnnxKit.Exporter.Networks;

namespace OnnxKit.Models.Convolutional;

/// <summary>Small CNNs: the 26-letter sign classifier, LeNet-5 and a one-convolution example (docs/model-zoo.md, "Small convolutional networks").</summary>
internal static class SmallCnnModels
{
    /// <summary>128×128 grayscale hand signs A–Z; 8,402,618 parameters, nearly all in the first Dense.</summary>
    public static Network SignCnn(ZooOptions options)
    {
        int size = options.ImageSize ?? 128;
        return new SequentialModel([
            Layers.Conv2D(16, 3, strides: 2, padding: Padding.Same).WithInputShape(1, size, size), Layers.ReLU(),
            Layers.MaxPooling2D(2, strides: 2), Layers.Flatten(), Layers.Dense(512), Layers.ReLU(),
            Layers.Dense(options.Classes ?? 26), Layers.Activation(Activation.Softmax)]);
    }

    /// <summary>
    /// LeNet-5 with ReLU and max pooling: conv 6@5×5 same, pool, conv 16@5×5 valid, pool, 120, 84, 10.
    /// 61,706 parameters on 28×28; 82,826 on 32×32 (the flatten grows to 576).
    /// </summary>
    public static Network LeNet5(ZooOptions options)
    {
        int size = options.ImageSize ?? 28;
        return new SequentialModel([
            Layers.Conv2D(6, 5, padding: Padding.Same, activation: Activation.Relu).WithInputShape(1, size, size), Layers.MaxPooling2D(2),
            Layers.Conv2D(16, 5, activation: Activation.Relu), Layers.MaxPooling2D(2), Layers.Flatten(),
            Layers.Dense(120, Activation.Relu), Layers.Dense(84, Activation.Relu), Layers.Dense(options.Classes ?? 10, Activation.Softmax)]);
    }

    /// <summary>A one-convolution CNN written in the functional style: conv 32@5×5, pool, Dense 10 (46,922 parameters on 28×28).</summary>
    public static Network SmallCnn(ZooOptions options)
    {
        int size = options.ImageSize ?? 28;
        var input = Layers.Input(1, size, size);
        var conv = Layers.Conv2D(32, 5).Call(input);
        var pool = Layers.MaxPooling2D(2).Call(conv);
        return new FunctionalModel(input, Layers.Dense(options.Classes ?? 10, Activation.Softmax).Call(Layers.Flatten().Call(pool)));
    }
}
