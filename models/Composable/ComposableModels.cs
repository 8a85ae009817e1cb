using OnnxKit.Exporter;
using OnnxKit.Exporter.Networks;

namespace OnnxKit.Models.Composable;

/// <summary>
/// The composable stem → learner → classifier pattern, with the sizes of docs/model-zoo.md
/// ("Composable stem, learner and classifier") on 32×32×3 CIFAR-10: each part is its own model,
/// and the application calls them in turn, so the parts can be swapped and reused.
/// Learner groups: [64], [128, 128]. Totals: stem+classifier 1,354 (64 non-trainable);
/// with max-pool blocks 243,530 (704); with feature-pooling blocks 576,906 (1,344).
/// </summary>
internal static class ComposableModels
{
    /// <summary>What a learner block ends with.</summary>
    public enum BlockKind
    {
        /// <summary>No learner: stem straight into the classifier.</summary>
        None,
        /// <summary>Conv3×3 → BN → ReLU → 2×2 max-pool.</summary>
        MaxPool,
        /// <summary>Conv3×3 → BN → ReLU → stride-2 Conv3×3 → BN → ReLU ("feature pooling").</summary>
        FeaturePool,
    }

    private static readonly int[][] Groups = [[64], [128, 128]];

    public static Network Build(ZooOptions options, BlockKind kind)
    {
        int size = options.ImageSize ?? 32;
        var input = Layers.Input(3, size, size);
        var stem = Stem(input.Shape.ToArray());
        var x = stem.Call(input);
        if (kind != BlockKind.None)
        {
            var learner = Learner(x.Shape.ToArray(), kind);
            x = learner.Call(x);
        }
        var classifier = Classifier(x.Shape.ToArray(), options.Classes ?? 10);
        return new FunctionalModel(input, classifier.Call(x));
    }

    /// <summary>Conv2D(32, 3×3, same) → BN → ReLU.</summary>
    private static Network Stem(long[] inputShape)
    {
        var input = Layers.Input(inputShape);
        var x = Layers.Conv2D(32, 3, padding: Padding.Same).Call(input);
        x = Layers.ReLU().Call(Layers.BatchNormalization().Call(x));
        return new FunctionalModel(input, x, name: "stem");
    }

    /// <summary>Groups of blocks; each group is a plain C# loop over its block widths.</summary>
    private static Network Learner(long[] inputShape, BlockKind kind)
    {
        var input = Layers.Input(inputShape);
        var x = input;
        foreach (var group in Groups)
        {
            foreach (int filters in group) x = Block(x, filters, kind);
        }
        return new FunctionalModel(input, x, name: "learner");
    }

    private static SymbolicTensor Block(SymbolicTensor x, int filters, BlockKind kind)
    {
        x = ConvBnRelu(x, filters, 1);
        return kind == BlockKind.MaxPool ? Layers.MaxPooling2D(2, strides: 2).Call(x) : ConvBnRelu(x, filters, 2);
    }

    private static SymbolicTensor ConvBnRelu(SymbolicTensor x, int filters, int stride) =>
        Layers.ReLU().Call(Layers.BatchNormalization().Call(Layers.Conv2D(filters, 3, strides: stride, padding: Padding.Same).Call(x)));

    /// <summary>GAP → Dense(classes, softmax).</summary>
    private static Network Classifier(long[] inputShape, int classes)
    {
        var input = Layers.Input(inputShape);
        var x = Layers.GlobalAveragePooling2D().Call(input);
        return new FunctionalModel(input, Layers.Dense(classes, Activation.Softmax).Call(x), name: "classifier");
    }
}
