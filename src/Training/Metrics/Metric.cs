using OnnxKit.Ir;
using OnnxKit.Training.Losses;

namespace OnnxKit.Training.Metrics;

/// <summary>
/// A quantity reported after each epoch besides the loss, computed inside the training and
/// evaluation graphs as a per-batch sum of per-example values (so no output leaves the graph
/// but one scalar) and averaged over the epoch's examples.
/// </summary>
public abstract class Metric
{
    /// <summary>The name in logs (<c>accuracy</c>; validation values are <c>val_accuracy</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Emits the batch's sum of the per-example metric, a float scalar.</summary>
    internal abstract Value Build(LossContext context, Loss loss);

    /// <summary>Whether higher values are better (for callbacks monitoring it).</summary>
    public virtual bool HigherIsBetter => true;

    /// <summary>Classification accuracy: top-1 against the labels, or for a binary loss, outputs thresholded at 0.5.</summary>
    public static Metric Accuracy { get; } = new AccuracyMetric();

    /// <summary>The mean absolute error between output and dense targets.</summary>
    public static Metric MeanAbsoluteError { get; } = new MeanAbsoluteErrorMetric();

    /// <summary>The metric with Keras name <paramref name="name"/> (<c>accuracy</c>, <c>acc</c>, <c>mae</c>).</summary>
    public static Metric Get(string name) => name switch
    {
        "accuracy" or "acc" => Accuracy,
        "mae" or "mean_absolute_error" => MeanAbsoluteError,
        _ => throw new ArgumentException($"Unknown metric '{name}'; known: accuracy, mae.", nameof(name)),
    };

    /// <inheritdoc/>
    public override string ToString() => Name;
}
