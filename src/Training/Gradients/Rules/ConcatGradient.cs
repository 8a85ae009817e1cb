using OnnxKit.Ir;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>Concat: dy split back along the axis into pieces the sizes of the inputs (which must be known along it).</summary>
internal sealed class ConcatGradient : GradientRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Concat"];

    /// <inheritdoc/>
    public override Value?[] Backward(GradientContext c)
    {
        int rank = c.ShapeOf(c.Output()).Rank;
        long axis = c.Int("axis", 0);
        if (axis < 0) axis += rank;
        var sizes = c.Node.Inputs.Select(input => c.ShapeOf(input!)[(int)axis].Value
            ?? throw c.Unsupported($"the size of '{input!.Name}' along axis {axis} is unknown")).ToArray();
        var e = c.Emit;
        return e.Ops("Split", sizes.Length, [c.RequiredOutputGradient(), e.Int64s(sizes)], Attribute.Int("axis", axis)).ToArray<Value?>();
    }
}
