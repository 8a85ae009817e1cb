using OnnxKit.Ir;
using OnnxKit.Training.Graphs;

namespace OnnxKit.Training.Optimizers;

/// <summary>
/// An update rule written into the training graph: from each trainable weight, its gradient,
/// its state slots (momentum, moments) and the step's learning rate and step number (graph
/// inputs, so schedules change them without rebuilding the graph), it emits the weight's and
/// slots' next values. Built-ins: <see cref="Sgd"/> and <see cref="Adam"/>.
/// </summary>
public abstract class Optimizer
{
    /// <summary>Creates an optimizer with an initial learning rate and L2 weight decay.</summary>
    protected Optimizer(float learningRate, float weightDecay)
    {
        if (!(learningRate > 0) || float.IsInfinity(learningRate)) throw new ArgumentOutOfRangeException(nameof(learningRate), $"The learning rate must be positive and finite; got {learningRate}.");
        if (!(weightDecay >= 0) || float.IsInfinity(weightDecay)) throw new ArgumentOutOfRangeException(nameof(weightDecay), $"The weight decay must be non-negative and finite; got {weightDecay}.");
        LearningRate = learningRate;
        WeightDecay = weightDecay;
    }

    /// <summary>The learning rate before any schedule or callback changes it.</summary>
    public float LearningRate { get; }

    /// <summary>The weight decay coefficient.</summary>
    public float WeightDecay { get; }

    /// <summary>The optimizer's name in logs (<c>sgd</c>, <c>adam</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The names of the per-weight state slots, each shaped like its weight and starting at zero.</summary>
    public abstract IReadOnlyList<string> Slots { get; }

    /// <summary>
    /// Emits one weight's update and returns its next value and its slots' next values (in
    /// <see cref="Slots"/> order). <paramref name="step"/> counts from 1.
    /// </summary>
    internal abstract (Value Weight, IReadOnlyList<Value> Slots) Update(GraphEmitter e, Value weight, Value gradient,
        IReadOnlyList<Value> slots, Value learningRate, Value step);

    /// <inheritdoc/>
    public override string ToString() => $"{Name}(lr={LearningRate})";
}
