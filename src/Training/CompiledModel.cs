using OnnxKit.Exporter.Networks;
using OnnxKit.Training.Callbacks;
using OnnxKit.Training.Losses;
using OnnxKit.Training.Metrics;
using OnnxKit.Training.Optimizers;
using OnnxKit.Training.Schedules;

namespace OnnxKit.Training;

using Optimizer = OnnxKit.Training.Optimizers.Optimizer;

/// <summary>
/// A DSL model with a loss, an optimizer and metrics (Keras's compiled model), from
/// <see cref="ModelTraining.Compile"/>. <see cref="Fit"/> trains it on ONNX Runtime and writes
/// the trained weights back into the model, so <c>model.Export(...)</c> then writes them at any
/// opset. The training session (weights, optimizer state, step count) is built on the first
/// fit and kept, so later fits continue where the last stopped; dispose to release it.
/// </summary>
public sealed class CompiledModel : IDisposable
{
    private Trainer? trainer;

    internal CompiledModel(Network model, Optimizer optimizer, Loss loss, IReadOnlyList<Metric> metrics, TrainingOptions options)
    {
        Model = model;
        Optimizer = optimizer;
        Loss = loss;
        Metrics = metrics;
        Options = options;
    }

    /// <summary>The model trained.</summary>
    public Network Model { get; }

    /// <summary>The update rule.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The objective.</summary>
    public Loss Loss { get; }

    /// <summary>The metrics reported besides the loss.</summary>
    public IReadOnlyList<Metric> Metrics { get; }

    /// <summary>Seed and threads.</summary>
    public TrainingOptions Options { get; }

    /// <summary>
    /// Trains for <paramref name="epochs"/> epochs of shuffled batches, evaluating on
    /// <paramref name="validation"/> after each, calling <paramref name="callbacks"/> between
    /// epochs, with the learning rate of <paramref name="schedule"/> (constant when null).
    /// The trained weights are then assigned to <see cref="Model"/>.
    /// </summary>
    /// <exception cref="TrainingDivergedException">A step's loss or gradient was NaN or infinite; the model's weights are left as they were.</exception>
    /// <exception cref="Gradients.NoGradientException">The model uses an operator that has no gradient.</exception>
    public TrainingHistory Fit(TrainingSet data, int epochs = 1, int batchSize = 32, TrainingSet? validation = null,
        IReadOnlyList<Callback>? callbacks = null, LearningRateSchedule? schedule = null) =>
        Trainer().Fit(data, epochs, batchSize, validation, callbacks ?? [], schedule);

    /// <summary>The mean loss and metrics over <paramref name="data"/> with the current weights, in inference mode.</summary>
    public EvaluationResult Evaluate(TrainingSet data, int batchSize = 256) => Trainer().Evaluate(data, batchSize);

    /// <summary>Releases the training session.</summary>
    public void Dispose()
    {
        trainer?.Dispose();
        trainer = null;
    }

    private Trainer Trainer() => trainer ??= new Trainer(Model, Loss, Optimizer, Metrics, Options);
}
