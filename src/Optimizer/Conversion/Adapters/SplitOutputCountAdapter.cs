using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// Split 18 must be told how to split: by its <c>split</c> input or by <c>num_outputs</c> (the last chunk may
/// then be smaller); before, no <c>split</c> meant equal parts, one per output. Up adds <c>num_outputs</c> when
/// there is no <c>split</c> input. Down drops it, writing the chunk sizes as a <c>split</c> input when the
/// split dimension is known and not divisible by the count (refused when unknown and uneven is possible).
/// </summary>
public sealed class SplitOutputCountAdapter : VersionAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Split"];

    /// <inheritdoc/>
    public override int Version => 18;

    /// <inheritdoc/>
    public override string Description => "num_outputs attribute";

    /// <inheritdoc/>
    public override void Up(AdapterContext context)
    {
        if (context.Input(1) is null) context.Node.Attributes.Set(IrAttribute.Int("num_outputs", context.Node.Outputs.Count));
        else context.Change = null;
        SchemaDiffAdapter.Apply(context);
    }

    /// <inheritdoc/>
    public override void Down(AdapterContext context)
    {
        var node = context.Node;
        if (node.Attributes["num_outputs"] is { } count && context.Input(1) is null)
        {
            long parts = count.AsInt();
            if (parts != node.Outputs.Count) throw context.Refuse($"num_outputs = {parts} differs from its {node.Outputs.Count} outputs");
            var x = node.Inputs[0]!;
            long axis = node.Attributes.GetInt("axis", 0);
            int rank = context.RequireRank(x, "num_outputs may leave a smaller last chunk, so the split dimension must be known");
            var size = context.ShapeOf(x)![(int)(axis < 0 ? axis + rank : axis)].Value
                ?? throw context.Refuse("num_outputs may leave a smaller last chunk, and the split dimension's size is unknown");
            if (size % parts != 0)
            {
                long chunk = (size + parts - 1) / parts;
                var sizes = Enumerable.Range(0, (int)parts).Select(i => Math.Min(chunk, size - i * chunk)).ToArray();
                while (node.Inputs.Count < 2) node.AppendInput(null);
                node.ReplaceInput(1, context.Builder().Int64s(sizes, "split"));
            }
        }
        node.Attributes.Remove("num_outputs");
        SchemaDiffAdapter.Apply(context);
    }
}
