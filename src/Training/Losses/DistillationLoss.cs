using OnnxKit.Ir;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Training.Losses;

/// <summary>
/// Knowledge distillation (Hinton et al., 2015): α·T²·CE(q, softmax(z/T)) + (1 − α)·CE(y, softmax(z)),
/// where z are the student's logits, q the teacher's soft targets (its softmax at temperature T),
/// y the true labels, and CE(p, r) = −Σ p·log r. The T² keeps the soft term's gradients on the
/// scale of the hard term's (they shrink as 1/T²). A final Softmax of the student is read through.
/// </summary>
public sealed class DistillationLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="temperature">The temperature T (&gt; 0) at which the soft targets were made.</param>
    /// <param name="alpha">The weight α in [0, 1] of the soft-target term.</param>
    public DistillationLoss(float temperature, float alpha)
    {
        if (!(temperature > 0) || float.IsInfinity(temperature)) throw new ArgumentOutOfRangeException(nameof(temperature), $"The temperature must be positive and finite; got {temperature}.");
        if (!(alpha is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(alpha), $"Alpha must be in [0, 1]; got {alpha}.");
        Temperature = temperature;
        Alpha = alpha;
    }

    /// <summary>The temperature T.</summary>
    public float Temperature { get; }

    /// <summary>The weight α of the soft-target term.</summary>
    public float Alpha { get; }

    /// <inheritdoc/>
    public override string Name => "distillation";

    /// <inheritdoc/>
    public override IReadOnlyList<TargetKind> Targets { get; } = [TargetKind.Labels, TargetKind.SoftTargets];

    /// <inheritdoc/>
    internal override Value Build(LossContext c)
    {
        var e = c.Emit;
        var z = c.Logits;
        var softLog = e.Op("LogSoftmax", [e.Scale(z, 1f / Temperature)], Attribute.Int("axis", -1));
        var soft = c.CrossEntropy(c.Target(TargetKind.SoftTargets), softLog);
        var hardLog = e.Op("LogSoftmax", [z], Attribute.Int("axis", -1));
        var hard = c.CrossEntropy(c.OneHot(c.Classes), hardLog);
        return e.Add(e.Scale(soft, Alpha * Temperature * Temperature), e.Scale(hard, 1f - Alpha));
    }
}
