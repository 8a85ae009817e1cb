using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// Softmax, LogSoftmax and Hardmax at opset 13: before, the input was coerced to 2-D at <c>axis</c> (default 1)
/// and normalized over everything from that axis on; from 13 they normalize over the one axis (default -1).
/// The two agree when the axis is the last one. Up, any other axis becomes Flatten(axis) → op(axis 1) →
/// Reshape to the input's shape, which is exact for every rank. Down, any other axis becomes
/// Transpose(axis ↔ last) → op(last) → Transpose back, which needs the input's rank.
/// </summary>
public sealed class SoftmaxAxisAdapter : VersionAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Softmax", "LogSoftmax", "Hardmax"];

    /// <inheritdoc/>
    public override int Version => 13;

    /// <inheritdoc/>
    public override string Description => "axis semantics: coerced 2-D before 13, one axis from 13";

    /// <inheritdoc/>
    public override void Up(AdapterContext context)
    {
        var node = context.Node;
        long axis = node.Attributes.GetInt("axis", 1);
        int? rank = context.RankOf(node.Inputs[0]);
        if (axis == -1 || axis == rank - 1)
        {
            node.Attributes.Set(IrAttribute.Int("axis", axis));
            context.Change = "axis kept (it is the last)";
            return;
        }
        var b = context.Builder();
        var x = node.Inputs[0]!;
        var flat = b.Flatten(x, axis);
        var normalized = b.Op(node.OpType, [flat], IrAttribute.Int("axis", 1));
        context.ReplaceWith(b.Reshape(normalized, b.Shape(x)));
        context.Change = "Flatten → op → Reshape (axis is not the last)";
    }

    /// <inheritdoc/>
    public override void Down(AdapterContext context)
    {
        var node = context.Node;
        long axis = node.Attributes.GetInt("axis", -1);
        int? rank = context.RankOf(node.Inputs[0]);
        if (rank is { } known && axis < 0) axis += known;
        if (axis == -1 || axis == rank - 1)
        {
            node.Attributes.Set(IrAttribute.Int("axis", axis));
            context.Change = "axis kept (it is the last)";
            return;
        }
        int r = context.RequireRank(node.Inputs[0], $"axis {axis} must be moved last for the older, 2-D-coerced form");
        var perm = Enumerable.Range(0, r).Select(i => (long)i).ToArray();
        (perm[axis], perm[r - 1]) = (perm[r - 1], perm[axis]);
        var b = context.Builder();
        var moved = b.Transpose(node.Inputs[0]!, perm);
        var normalized = b.Op(node.OpType, [moved], IrAttribute.Int("axis", r - 1));
        context.ReplaceWith(b.Transpose(normalized, perm));
        context.Change = "Transpose → op → Transpose (axis is not the last)";
    }
}
