using OnnxKit.Ir;
using OnnxKit.Optimizer.Rewriting;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// Attributes that became inputs (Slice 10, TopK 10, Pad 11, Clip 11, Dropout 12, Split, Squeeze, Unsqueeze
/// and ReduceSum 13, the other Reduce operators 18, Reshape 5, Upsample 9). Up, each attribute present
/// becomes a constant input at its position (an absent one stays an absent input, which means the same);
/// down, each input present must be a constant and becomes the attribute. The rest of the change
/// (attributes added or removed with the same version) goes through <see cref="SchemaDiffAdapter"/>.
/// </summary>
public sealed class AttributeToInputAdapter(int version, IReadOnlyList<string> opTypes, params AttributeInput[] moves) : VersionAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes => opTypes;

    /// <inheritdoc/>
    public override int Version => version;

    /// <inheritdoc/>
    public override string Description => $"{string.Join(", ", moves.Where(m => m.Attribute.Length > 0).Select(m => m.Attribute))} attribute ↔ input";

    /// <inheritdoc/>
    public override void Up(AdapterContext context)
    {
        var node = context.Node;
        var builder = context.Builder();
        foreach (var move in moves)
        {
            if (move.Attribute.Length == 0 || node.Attributes[move.Attribute] is not { } attribute) continue;
            var value = move.Form switch
            {
                InputForm.Int64s => builder.Int64s(attribute.AsInts(), move.Attribute),
                InputForm.Int64 => builder.Int64s([attribute.AsInt()], move.Attribute),
                InputForm.ScalarOfDataType => builder.Scalar(context.RequireElementType(node.Inputs[0]), attribute.AsFloat(), move.Attribute),
                InputForm.FloatScalar => builder.Scalar(DataType.Float, attribute.AsFloat(), move.Attribute),
                InputForm.Floats => builder.Constant(TensorValues.FromDoubles(DataType.Float, attribute.AsFloats().Select(f => (double)f).ToArray(), [attribute.AsFloats().Count]), move.Attribute),
                _ => throw new InvalidOperationException($"{move.Form} has no attribute"),
            };
            while (node.Inputs.Count <= move.Index) node.AppendInput(null);
            node.ReplaceInput(move.Index, value);
            node.Attributes.Remove(move.Attribute);
        }
        context.Change = Description;
        SchemaDiffAdapter.Apply(context);
    }

    /// <inheritdoc/>
    public override void Down(AdapterContext context)
    {
        var node = context.Node;
        foreach (var move in moves)
        {
            if (context.Input(move.Index) is not { } input) continue;
            string role = move.Attribute.Length > 0 ? move.Attribute : $"input {move.Index}";
            var numbers = context.RequireConstantDoubles(move.Index, role);
            IrAttribute? attribute = move.Form switch
            {
                InputForm.Int64s => IrAttribute.Ints(move.Attribute, numbers.Select(d => (long)d)),
                InputForm.Int64 => IrAttribute.Int(move.Attribute, (long)numbers.Single()),
                InputForm.ScalarOfDataType or InputForm.FloatScalar => IrAttribute.Float(move.Attribute, (float)numbers.Single()),
                InputForm.Floats => IrAttribute.Floats(move.Attribute, numbers.Select(d => (float)d)),
                InputForm.OnesOnly when numbers.All(d => d == 1) => null,
                InputForm.ZeroOnly when numbers.All(d => d == 0) => null,
                _ => throw context.Refuse($"its {role} input '{input.Name}' holds [{string.Join(", ", numbers)}], which opset {context.ToOpset} cannot express"),
            };
            if (attribute is not null) node.Attributes.Set(attribute);
            node.ReplaceInput(move.Index, null);
            context.RemoveIfUnusedConstant(input);
        }
        int count = node.Inputs.Count;
        while (count > 0 && node.Inputs[count - 1] is null) count--;
        context.TruncateInputs(count);
        context.Change = Description;
        SchemaDiffAdapter.Apply(context);
    }
}
