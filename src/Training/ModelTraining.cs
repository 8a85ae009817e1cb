using OnnxKit.Exporter.Networks;
using OnnxKit.Training.Losses;
using OnnxKit.Training.Metrics;
using OnnxKit.Training.Optimizers;

namespace OnnxKit.Training;

using Optimizer = OnnxKit.Training.Optimizers.Optimizer;

/// <summary>Keras's <c>model.compile</c> for DSL models.</summary>
public static class ModelTraining
{
    /// <summary>
    /// Pairs <paramref name="model"/> with an optimizer, a loss and metrics, ready to
    /// <see cref="CompiledModel.Fit"/>: <c>model.Compile(new Adam(1e-3f), new SoftmaxCrossEntropy(), [Metric.Accuracy]).Fit(train, epochs: 5)</c>.
    /// </summary>
    public static CompiledModel Compile(this Network model, Optimizer optimizer, Loss loss, IReadOnlyList<Metric>? metrics = null, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        return new CompiledModel(model, optimizer, loss, metrics ?? [], options ?? new TrainingOptions());
    }
}
