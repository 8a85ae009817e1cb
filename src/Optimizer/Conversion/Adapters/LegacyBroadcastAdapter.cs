namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// Opset 7 replaced the <c>broadcast</c>/<c>axis</c> attributes of the arithmetic, logic and comparison
/// operators (and Gemm's <c>broadcast</c>) by NumPy broadcasting. Up: without <c>axis</c>, legacy broadcasting
/// aligned B with A's trailing dimensions, as NumPy does, so the attributes are dropped; with <c>axis</c>, B is
/// unsqueezed at the end so that it lines up with A from that axis (which needs A's and B's ranks). Down is
/// never needed: opset 7 is the oldest conversion target.
/// </summary>
public sealed class LegacyBroadcastAdapter : VersionAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Add", "Sub", "Mul", "Div", "Pow", "And", "Or", "Xor", "Equal", "Greater", "Less", "Gemm"];

    /// <inheritdoc/>
    public override int Version => 7;

    /// <inheritdoc/>
    public override string Description => "legacy broadcast/axis attributes → NumPy broadcasting";

    /// <inheritdoc/>
    public override void Up(AdapterContext context)
    {
        var node = context.Node;
        bool broadcast = node.Attributes.GetInt("broadcast", 0) != 0;
        if (broadcast && node.OpType != "Gemm" && node.Attributes["axis"] is { } axisAttribute)
        {
            long axis = axisAttribute.AsInt();
            int rankA = context.RequireRank(node.Inputs[0], "legacy broadcasting with an axis aligns B from that axis of A");
            int rankB = context.RequireRank(node.Inputs[1], "legacy broadcasting with an axis aligns B from that axis of A");
            if (axis < 0) axis += rankA;
            long trailing = rankA - axis - rankB;
            if (trailing < 0) throw context.Refuse($"B (rank {rankB}) does not fit into A (rank {rankA}) from axis {axis}");
            if (trailing > 0)
            {
                var unsqueezed = context.Builder().Unsqueeze(node.Inputs[1]!, Enumerable.Range(rankB, (int)trailing).Select(i => (long)i).ToArray());
                node.ReplaceInput(1, unsqueezed);
            }
        }
        node.Attributes.Remove("broadcast");
        node.Attributes.Remove("axis");
        SchemaDiffAdapter.Apply(context);
    }

    /// <inheritdoc/>
    public override void Down(AdapterContext context) =>
        throw context.Refuse($"OnnxKit converts down to opset {OpsetConverter.MinTargetOpset} at the oldest");
}
