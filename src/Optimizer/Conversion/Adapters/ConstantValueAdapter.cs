using OnnxKit.Ir;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// Constant's value forms. At opset 12 it gained <c>value_float(s)</c> and <c>value_int(s)</c> (and strings): down,
/// those become the same tensor in <c>value</c>. Before opset 9 a Constant held float16, float or double only: down
/// across 9, a Constant of another type becomes an initializer of the same name (what a Constant node means in a
/// graph), which needs the constant to be in a graph (not a function body) and not be a graph output.
/// </summary>
public sealed class ConstantValueAdapter(int version) : VersionAdapter
{
    private static readonly DataType[] Before9 = [DataType.Float16, DataType.Float, DataType.Double];

    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Constant"];

    /// <inheritdoc/>
    public override int Version => version;

    /// <inheritdoc/>
    public override string Description => version == 12 ? "value_float(s)/value_int(s) → value" : "non-float Constant → initializer";

    /// <inheritdoc/>
    public override void Up(AdapterContext context) => SchemaDiffAdapter.Apply(context);

    /// <inheritdoc/>
    public override void Down(AdapterContext context)
    {
        var node = context.Node;
        if (version == 12 && node.Attributes.Count == 1 && node.Attributes[0].Name.StartsWith("value_", StringComparison.Ordinal))
        {
            var tensor = ConstantNodes.TryRead(node) ?? throw context.Refuse($"attribute '{node.Attributes[0].Name}' has no tensor form that OnnxKit writes");
            node.Attributes.Remove(node.Attributes[0].Name);
            node.Attributes.Set(IrAttribute.Tensor("value", tensor));
            context.Change = Description;
        }
        else if (version == 9 && node.Attributes["value"]?.AsTensor() is { } value && !Before9.Contains(value.DataType))
        {
            var output = node.Outputs[0];
            if (context.Graph.UsesConstantNodes || context.Graph.IsOutput(output))
                throw context.Refuse($"its {value.DataType.OnnxName()} value needs an initializer before opset 9, and '{output.Name}' cannot become one here");
            context.Graph.ReplaceWithConstant(output, value, node);
            context.Graph.Graph.Nodes.Remove(node);
            context.Change = Description;
            return;
        }
        SchemaDiffAdapter.Apply(context);
    }
}
