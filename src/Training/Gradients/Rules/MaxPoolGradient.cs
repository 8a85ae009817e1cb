using OnnxKit.Ir;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>
/// MaxPool: each output's gradient goes to the input element that won its window. The
/// training form of the graph gives every differentiated MaxPool its Indices output (flat
/// positions in the whole input tensor), so dx is a scatter-add of dy at those positions into
/// zeros (overlapping windows may pick the same element twice; their gradients add).
/// </summary>
internal sealed class MaxPoolGradient : GradientRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["MaxPool"];

    /// <inheritdoc/>
    public override Value?[] Backward(GradientContext c)
    {
        if (c.Node.Outputs.Count < 2 || c.Output(1).Name.Length == 0)
            throw c.Unsupported("the node has no Indices output (the training form adds it)");
        if (c.Int("storage_order", 0) != 0) throw c.Unsupported("storage_order 1 is not supported");
        var e = c.Emit;
        var x = c.Input(0);
        var flatSize = e.Reshape(e.Op("Size", x), [1]);
        var zeros = e.Op("ConstantOfShape", [flatSize], Attribute.Tensor("value", DenseTensor.FromFloats([0f], [1])));
        var scattered = e.Op("ScatterElements", [zeros, e.Reshape(c.Output(1), [-1]), e.Reshape(c.RequiredOutputGradient(), [-1])],
            Attribute.Int("axis", 0), Attribute.String("reduction", "add"));
        return [e.Reshape(scattered, e.Shape(x))];
    }
}
