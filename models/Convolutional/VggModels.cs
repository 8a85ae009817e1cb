using OnnxKit.Exporter;
using OnnxKit.Exporter.Networks;

namespace OnnxKit.Models.Convolutional;

/// <summary>
/// VGG16 and VGG19 in procedural form (docs/model-zoo.md, "VGG"): groups of 3×3 same convolutions
/// with ReLU, each followed by 2×2 max pooling, then 4096-4096-classes.
/// </summary>
internal static class VggModels
{
    /// <summary>VGG16: conv groups 2, 2, 3, 3, 3 (138,357,544 parameters).</summary>
    public static Network Vgg16(ZooOptions options) => Build(options, [2, 2, 3, 3, 3]);

    /// <summary>VGG19: conv groups 2, 2, 4, 4, 4 (143,667,240 parameters).</summary>
    public static Network Vgg19(ZooOptions options) => Build(options, [2, 2, 4, 4, 4]);

    private static Network Build(ZooOptions options, int[] groupDepths)
    {
        int size = options.ImageSize ?? 224;
        int[] filters = [64, 128, 256, 512, 512];
        // The first convolution carries the input shape; the rest of group 1 follows in ConvBlock.
        var model = new SequentialModel([Layers.Conv2D(64, 3, padding: Padding.Same, activation: Activation.Relu).WithInputShape(3, size, size)]);
        ConvBlock(model, groupDepths[0] - 1, filters[0]);
        for (int group = 1; group < groupDepths.Length; group++) ConvBlock(model, groupDepths[group], filters[group]);
        if (options.IncludeTop)
        {
            model.Add(Layers.Flatten());
            model.Add(Layers.Dense(4096, Activation.Relu));
            model.Add(Layers.Dense(4096, Activation.Relu));
            model.Add(Layers.Dense(options.Classes ?? 1000, Activation.Softmax));
        }
        return model;
    }

    private static void ConvBlock(SequentialModel model, int layers, int filters)
    {
        for (int i = 0; i < layers; i++) model.Add(Layers.Conv2D(filters, 3, padding: Padding.Same, activation: Activation.Relu));
        model.Add(Layers.MaxPooling2D(2, strides: 2));
    }
}
