using OnnxKit.Exporter;
using OnnxKit.Exporter.Networks;

namespace OnnxKit.Models.Dense;

/// <summary>Small fully connected networks on tabular features (docs/model-zoo.md, "Fully connected networks on tabular features").</summary>
internal static class DnnModels
{
    /// <summary>Regressor 13-10-10-1 in long form, ReLU as separate layers (Keras rows of 140, 110 and 11 parameters).</summary>
    public static Network Regressor(ZooOptions options) => new SequentialModel([
        Layers.Dense(10).WithInputShape(13), Layers.ReLU(), Layers.Dense(10), Layers.ReLU(), Layers.Dense(1)]);

    /// <summary>Binary (logistic) classifier 13-10-10-1 with a sigmoid output.</summary>
    public static Network Binary(ZooOptions options) => new SequentialModel([
        Layers.Dense(10, Activation.Relu).WithInputShape(13), Layers.Dense(10, Activation.Relu), Layers.Dense(1, Activation.Sigmoid)]);

    /// <summary>Multi-class classifier 4-10-10-5 with softmax (age group from four measurements).</summary>
    public static Network MultiClass(ZooOptions options) => new SequentialModel([
        Layers.Dense(10, Activation.Relu).WithInputShape(4), Layers.Dense(10, Activation.Relu), Layers.Dense(options.Classes ?? 5, Activation.Softmax)]);

    /// <summary>Multi-label classifier 3-10-10-7 with independent sigmoids (5 age + 2 gender labels).</summary>
    public static Network MultiLabel(ZooOptions options) => new SequentialModel([
        Layers.Dense(10, Activation.Relu).WithInputShape(3), Layers.Dense(10, Activation.Relu), Layers.Dense(7, Activation.Sigmoid)]);

    /// <summary>Multi-task model 3-10-10 with two softmax heads (5 age groups, 2 genders); functional only.</summary>
    public static Network MultiOutput(ZooOptions options)
    {
        var inputs = Layers.Input(3);
        var x = Layers.Dense(10, Activation.Relu).Call(inputs);
        x = Layers.Dense(10, Activation.Relu).Call(x);
        var age = Layers.Dense(5, Activation.Softmax).Call(x);
        var gender = Layers.Dense(2, Activation.Softmax).Call(x);
        return new FunctionalModel([inputs], [age, gender]);
    }
}
