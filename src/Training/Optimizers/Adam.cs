using OnnxKit.Ir;
using OnnxKit.Training.Graphs;

namespace OnnxKit.Training.Optimizers;

/// <summary>
/// Adam (Kingma and Ba), in PyTorch's form: m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
/// w ← w − η/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε). Weight decay is L2 (g ← g + λ·w), or with
/// <see cref="Decoupled"/> AdamW's w ← w·(1 − η·λ) before the update. ε defaults to Keras's 1e-7.
/// </summary>
public sealed class Adam(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f,
    float weightDecay = 0f, bool decoupled = false) : Optimizer(learningRate, weightDecay)
{
    /// <summary>The first-moment decay β₁.</summary>
    public float Beta1 { get; } = beta1 is >= 0 and < 1 ? beta1 : throw new ArgumentOutOfRangeException(nameof(beta1));

    /// <summary>The second-moment decay β₂.</summary>
    public float Beta2 { get; } = beta2 is >= 0 and < 1 ? beta2 : throw new ArgumentOutOfRangeException(nameof(beta2));

    /// <summary>The denominator's ε.</summary>
    public float Epsilon { get; } = epsilon > 0 ? epsilon : throw new ArgumentOutOfRangeException(nameof(epsilon));

    /// <summary>Whether weight decay is decoupled from the gradient (AdamW).</summary>
    public bool Decoupled { get; } = decoupled;

    /// <inheritdoc/>
    public override string Name => Decoupled ? "adamw" : "adam";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Slots { get; } = ["m", "v"];

    /// <inheritdoc/>
    internal override (Value Weight, IReadOnlyList<Value> Slots) Update(GraphEmitter e, Value weight, Value gradient,
        IReadOnlyList<Value> slots, Value learningRate, Value step)
    {
        if (WeightDecay > 0 && !Decoupled) gradient = e.Add(gradient, e.Scale(weight, WeightDecay));
        if (WeightDecay > 0 && Decoupled) weight = e.Sub(weight, e.Mul(e.Scale(learningRate, WeightDecay), weight));
        var m = e.Add(e.Scale(slots[0], Beta1), e.Scale(gradient, 1f - Beta1));
        var v = e.Add(e.Scale(slots[1], Beta2), e.Scale(e.Mul(gradient, gradient), 1f - Beta2));
        var one = e.Scalar(1f);
        var correction1 = e.Sub(one, e.Op("Pow", e.Scalar(Beta1), step));
        var correction2 = e.Sub(one, e.Op("Pow", e.Scalar(Beta2), step));
        var stepSize = e.Div(learningRate, correction1);
        var denominator = e.Add(e.Div(e.Op("Sqrt", v), e.Op("Sqrt", correction2)), e.Scalar(Epsilon));
        return (e.Sub(weight, e.Mul(stepSize, e.Div(m, denominator))), [m, v]);
    }
}
