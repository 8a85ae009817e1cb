using OnnxKit.Ir;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// DFT's <c>axis</c> attribute became an optional scalar input at opset 20, and its default changed with it:
/// 1 (the first axis after the batch) as an attribute, −2 (the last signal axis) as an input. Up, the axis is
/// always written as an input (the attribute's value, or 1 when absent), so the meaning never depends on the
/// default; down, a constant axis input becomes the attribute, and an absent one becomes rank − 2 (needs the rank).
/// </summary>
public sealed class DftAxisAdapter : VersionAdapter
{
    /// <summary>The attribute's default before opset 20.</summary>
    private const long AttributeDefault = 1;

    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["DFT"];

    /// <inheritdoc/>
    public override int Version => 20;

    /// <inheritdoc/>
    public override string Description => "axis attribute ↔ input (defaults 1 and −2)";

    /// <inheritdoc/>
    public override void Up(AdapterContext context)
    {
        var node = context.Node;
        long axis = node.Attributes["axis"]?.AsInt() ?? AttributeDefault;
        var input = context.Builder().Constant(DenseTensor.FromInt64s([axis], []), "axis");
        while (node.Inputs.Count < 3) node.AppendInput(null);
        node.ReplaceInput(2, input);
        node.Attributes.Remove("axis");
        context.Change = Description;
        SchemaDiffAdapter.Apply(context);
    }

    /// <inheritdoc/>
    public override void Down(AdapterContext context)
    {
        var node = context.Node;
        long axis;
        if (context.Input(2) is { } input)
        {
            axis = context.RequireConstantInt64s(2, "axis").Single();
            node.ReplaceInput(2, null);
            context.RemoveIfUnusedConstant(input);
        }
        else
        {
            axis = context.RequireRank(node.Inputs[0], "the default axis −2 must be written as an attribute counted from the front") - 2;
        }
        context.TruncateInputs(context.Input(1) is null ? 1 : 2);
        node.Attributes.Set(IrAttribute.Int("axis", axis));
        context.Change = Description;
        SchemaDiffAdapter.Apply(context);
    }
}
