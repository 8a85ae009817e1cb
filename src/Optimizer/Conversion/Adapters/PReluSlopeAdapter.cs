namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// Before opset 7, PRelu's one-dimensional slope held one value per channel (axis 1 of X); from 7 the slope
/// broadcasts NumPy-style, aligned with X's last axes. Up, a one-dimensional slope of more than one value is
/// unsqueezed at the end to [C, 1, …, 1] so that it still lines up with the channel axis (which needs X's rank).
/// Down is never needed: opset 7 is the oldest conversion target.
/// </summary>
public sealed class PReluSlopeAdapter : VersionAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["PRelu"];

    /// <inheritdoc/>
    public override int Version => 7;

    /// <inheritdoc/>
    public override string Description => "per-channel slope → NumPy broadcasting";

    /// <inheritdoc/>
    public override void Up(AdapterContext context)
    {
        var node = context.Node;
        var slope = node.Inputs[1]!;
        if (context.ShapeOf(slope) is not { Rank: 1 } slopeShape || slopeShape[0].Value == 1)
        {
            SchemaDiffAdapter.Apply(context);
            return;
        }
        int rank = context.RequireRank(node.Inputs[0], "a per-channel slope must be lined up with X's channel axis");
        if (rank > 2) node.ReplaceInput(1, context.Builder().Unsqueeze(slope, Enumerable.Range(1, rank - 2).Select(i => (long)i).ToArray()));
        context.Change = Description;
        SchemaDiffAdapter.Apply(context);
    }

    /// <inheritdoc/>
    public override void Down(AdapterContext context) =>
        throw context.Refuse($"OnnxKit converts down to opset {OpsetConverter.MinTargetOpset} at the oldest");
}
