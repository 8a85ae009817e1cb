using OnnxKit.Exporter;
using OnnxKit.Exporter.Networks;

namespace OnnxKit.Models.Dense;

/// <summary>The MNIST multilayer perceptrons and the residual MLP (docs/model-zoo.md, "Multilayer perceptrons on MNIST").</summary>
internal static class MnistMlpModels
{
    /// <summary>Flatten(28×28) → 512 → 512 → 10 (669,706 parameters).</summary>
    public static Network Mlp512(ZooOptions options) => new SequentialModel([
        Layers.Flatten().WithInputShape(28, 28), Layers.Dense(512, Activation.Relu), Layers.Dense(512, Activation.Relu), Layers.Dense(options.Classes ?? 10, Activation.Softmax)]);

    /// <summary>The same MLP with Dropout(0.5) after each hidden Dense and explicit activation layers.</summary>
    public static Network Mlp512Dropout(ZooOptions options) => new SequentialModel([
        Layers.Flatten().WithInputShape(28, 28),
        Layers.Dense(512), Layers.Dropout(0.5f), Layers.ReLU(),
        Layers.Dense(512), Layers.Dropout(0.5f), Layers.ReLU(),
        Layers.Dense(options.Classes ?? 10), Layers.Activation(Activation.Softmax)]);

    /// <summary>Functional 784 → 64 → 64 → 10 (55,050 parameters; Keras's table in docs/model-zoo.md).</summary>
    public static Network Mlp64(ZooOptions options)
    {
        var inputs = Layers.Input(784);
        var x = Layers.Dense(64, Activation.Relu).Call(inputs);
        x = Layers.Dense(64, Activation.Relu).Call(x);
        return new FunctionalModel(inputs, Layers.Dense(options.Classes ?? 10, Activation.Softmax).Call(x));
    }

    /// <summary>Flatten(28×28) → 128 → 10 (101,770 parameters).</summary>
    public static Network Mlp128(ZooOptions options) => new SequentialModel([
        Layers.Flatten().WithInputShape(28, 28), Layers.Dense(128, Activation.Relu), Layers.Dense(options.Classes ?? 10, Activation.Softmax)]);

    /// <summary>784 → 64 (shortcut) → 32 → 64, added to the shortcut, ReLU, 10 (55,082 parameters).</summary>
    public static Network Residual(ZooOptions options)
    {
        var inputs = Layers.Input(784);
        var shortcut = Layers.Dense(64, Activation.Relu).Call(inputs);
        var x = Layers.Dense(32, Activation.Relu).Call(shortcut);
        x = Layers.Dense(64).Call(x);
        x = Layers.Add().Call(shortcut, x);
        x = Layers.ReLU().Call(x);
        return new FunctionalModel(inputs, Layers.Dense(options.Classes ?? 10, Activation.Softmax).Call(x));
    }
}
