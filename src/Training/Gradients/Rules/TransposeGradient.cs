using OnnxKit.Ir;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>Transpose: dx = dy transposed by the inverse permutation (the default permutation reverses the axes).</summary>
internal sealed class TransposeGradient : GradientRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Transpose"];

    /// <inheritdoc/>
    public override Value?[] Backward(GradientContext c)
    {
        int rank = c.ShapeOf(c.Input(0)).Rank;
        var perm = c.Ints("perm") ?? Enumerable.Range(0, rank).Reverse().Select(a => (long)a).ToArray();
        var inverse = new long[rank];
        for (int i = 0; i < rank; i++) inverse[perm[i]] = i;
        return [c.Emit.Transpose(c.RequiredOutputGradient(), inverse)];
    }
}
