using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// Opset 11 let the axis attributes of these operators count from the back (negative values). Up changes
/// nothing; down rewrites a negative <c>axis</c> or <c>axes</c> to its non-negative equivalent, which needs
/// the rank (of the output for Unsqueeze and OneHot, whose axis counts in the output, of the first input otherwise). Other changes at 11 (TopK's
/// <c>largest</c>/<c>sorted</c>, ...) go through <see cref="SchemaDiffAdapter"/>.
/// </summary>
public sealed class NegativeAxisAdapter : VersionAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } =
    [
        "ArgMax", "ArgMin", "Compress", "Concat", "Flatten", "Gather", "Hardmax", "LogSoftmax", "OneHot", "ReduceL1", "ReduceL2",
        "ReduceLogSum", "ReduceLogSumExp", "ReduceMax", "ReduceMean", "ReduceMin", "ReduceProd", "ReduceSum", "ReduceSumSquare",
        "Softmax", "Split", "Squeeze", "TopK", "Unsqueeze",
    ];

    /// <inheritdoc/>
    public override int Version => 11;

    /// <inheritdoc/>
    public override string Description => "negative axes allowed";

    /// <inheritdoc/>
    public override void Up(AdapterContext context) => SchemaDiffAdapter.Apply(context);

    /// <inheritdoc/>
    public override void Down(AdapterContext context)
    {
        var node = context.Node;
        var rankOf = node.OpType is "Unsqueeze" or "OneHot" ? node.Outputs[0] : node.Inputs[0];
        if (node.Attributes["axis"] is { } axis && axis.AsInt() < 0)
        {
            int rank = context.RequireRank(rankOf, "a negative axis must be counted from the front before opset 11");
            node.Attributes.Set(IrAttribute.Int("axis", axis.AsInt() + rank));
            context.Change = "negative axis counted from the front";
        }
        if (node.Attributes["axes"] is { } axes && axes.AsInts().Any(a => a < 0))
        {
            int rank = context.RequireRank(rankOf, "negative axes must be counted from the front before opset 11");
            node.Attributes.Set(IrAttribute.Ints("axes", axes.AsInts().Select(a => a < 0 ? a + rank : a)));
            context.Change = "negative axes counted from the front";
        }
        SchemaDiffAdapter.Apply(context);
    }
}
