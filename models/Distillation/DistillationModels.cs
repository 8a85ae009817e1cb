using OnnxKit.Exporter;
using OnnxKit.Exporter.Networks;

namespace OnnxKit.Models.Distillation;

/// <summary>
/// The distillation pair (docs/model-zoo.md, "Distillation pair") on 28×28 MNIST: a teacher that averages the
/// logits of an ensemble of CNNs (each a separate model called on the shared input), and a
/// small student CNN. Both output logits (no softmax), as distillation needs them: the
/// temperature softmax belongs to training.
/// </summary>
internal static class DistillationModels
{
    /// <summary>The ensemble members' (first, second) convolution widths.</summary>
    public static readonly (int First, int Second)[] Members = [(16, 32), (24, 48), (32, 64)];

    public static Network Teacher(ZooOptions options)
    {
        int size = options.ImageSize ?? 28;
        int classes = options.Classes ?? 10;
        var input = Layers.Input(1, size, size);
        var logits = Members.Select((widths, i) => MemberCnn(size, classes, widths, $"cnn_{i + 1}").Call(input)).ToArray();
        return new FunctionalModel(input, Layers.Average().Call(logits));
    }

    /// <summary>The student's convolution width (13,610 parameters at 28×28 and ten classes).</summary>
    public const int StudentWidth = 8;

    /// <summary>The wide student's convolution width: the same CNN, 4× wider (54,410 parameters, 1/17 of the teacher).</summary>
    public const int WideStudentWidth = 32;

    public static Network Student(ZooOptions options) => Student(options, StudentWidth);

    public static Network WideStudent(ZooOptions options) => Student(options, WideStudentWidth);

    /// <summary>The fully connected student's two hidden widths (89,610 parameters at 28×28 and ten classes).</summary>
    public const int MlpStudentHidden = 100;

    /// <summary>
    /// A fully connected student without dropout or any other regularizer: Flatten, Dense
    /// <see cref="MlpStudentHidden"/> relu, Dense <see cref="MlpStudentHidden"/> relu, Dense to the
    /// classes' logits. Unlike the CNN students it overfits the labels, the case in which Hinton et al.
    /// found soft targets help most.
    /// </summary>
    public static Network MlpStudent(ZooOptions options)
    {
        int size = options.ImageSize ?? 28;
        return new SequentialModel([
            Layers.Flatten().WithInputShape(1, size, size), Layers.Dense(MlpStudentHidden, Activation.Relu),
            Layers.Dense(MlpStudentHidden, Activation.Relu), Layers.Dense(options.Classes ?? 10)]);
    }

    /// <summary>One small CNN: Conv <paramref name="width"/>@3×3 relu, 2×2 max-pool, Flatten, Dense to the classes' logits.</summary>
    private static Network Student(ZooOptions options, int width)
    {
        int size = options.ImageSize ?? 28;
        return new SequentialModel([
            Layers.Conv2D(width, 3, activation: Activation.Relu).WithInputShape(1, size, size), Layers.MaxPooling2D(2),
            Layers.Flatten(), Layers.Dense(options.Classes ?? 10)]);
    }

    private static Network MemberCnn(int size, int classes, (int First, int Second) widths, string name)
    {
        var input = Layers.Input(1, size, size);
        var x = Layers.Conv2D(widths.First, 3, padding: Padding.Same, activation: Activation.Relu).Call(input);
        x = Layers.MaxPooling2D(2).Call(x);
        x = Layers.Conv2D(widths.Second, 3, padding: Padding.Same, activation: Activation.Relu).Call(x);
        x = Layers.MaxPooling2D(2).Call(x);
        x = Layers.Dense(128, Activation.Relu).Call(Layers.Flatten().Call(x));
        return new FunctionalModel(input, Layers.Dense(classes).Call(x), name: name);
    }
}
