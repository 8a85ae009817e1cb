using OnnxKit.Ir;
using OnnxKit.Training.Graphs;

namespace OnnxKit.Training.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum, in PyTorch's form: g ← g + λ·w (weight
/// decay), v ← μ·v + g, w ← w − η·v (with Nesterov: w ← w − η·(g + μ·v)). Without momentum,
/// w ← w − η·g and no slot is kept.
/// </summary>
public sealed class Sgd(float learningRate = 0.01f, float momentum = 0f, bool nesterov = false, float weightDecay = 0f)
    : Optimizer(learningRate, weightDecay)
{
    /// <summary>The momentum μ in [0, 1).</summary>
    public float Momentum { get; } = momentum is >= 0 and < 1 ? momentum : throw new ArgumentOutOfRangeException(nameof(momentum), $"Momentum must be in [0, 1); got {momentum}.");

    /// <summary>Whether the Nesterov form is used.</summary>
    public bool Nesterov { get; } = nesterov;

    /// <inheritdoc/>
    public override string Name => "sgd";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Slots => Momentum > 0 ? ["momentum"] : [];

    /// <inheritdoc/>
    internal override (Value Weight, IReadOnlyList<Value> Slots) Update(GraphEmitter e, Value weight, Value gradient,
        IReadOnlyList<Value> slots, Value learningRate, Value step)
    {
        if (WeightDecay > 0) gradient = e.Add(gradient, e.Scale(weight, WeightDecay));
        if (Momentum == 0) return (e.Sub(weight, e.Mul(learningRate, gradient)), []);
        var velocity = e.Add(e.Scale(slots[0], Momentum), gradient);
        var direction = Nesterov ? e.Add(gradient, e.Scale(velocity, Momentum)) : velocity;
        return (e.Sub(weight, e.Mul(learningRate, direction)), [velocity]);
    }
}
