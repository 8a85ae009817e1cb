using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// GreaterOrEqual and LessOrEqual (12) below their opset: a ≥ b is not(a &lt; b), and a ≤ b is not(a &gt; b), except
/// that a comparison with NaN must be false. For float types the expansion therefore also requires both sides
/// to be numbers, written with the comparisons that exist at opset 7 (x is a number when x &lt; +∞ or x &gt; −∞),
/// so the result is exact for every input, NaN and infinities included.
/// </summary>
public sealed class ComparisonOrEqualExpansion : VersionAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["GreaterOrEqual", "LessOrEqual"];

    /// <inheritdoc/>
    public override int Version => 12;

    /// <inheritdoc/>
    public override string Description => "expanded into Not of the strict comparison, false where either side is NaN";

    /// <inheritdoc/>
    public override void Up(AdapterContext context) => throw new InvalidOperationException($"{context.Node.OpType} has no form before opset 12 to convert up from");

    /// <inheritdoc/>
    public override void Down(AdapterContext context)
    {
        var node = context.Node;
        Value a = node.Inputs[0]!, b = node.Inputs[1]!;
        var type = context.RequireElementType(a);
        var builder = context.Builder();
        Value result = builder.Not(node.OpType == "GreaterOrEqual" ? builder.Less(a, b) : builder.Greater(a, b));
        if (type is DataType.Float or DataType.Double or DataType.Float16 or DataType.BFloat16)
            result = builder.And(result, builder.And(IsNumber(builder, a, type), IsNumber(builder, b, type)));
        context.Change = Description;
        context.ReplaceWith(result);
    }

    private static Value IsNumber(ConversionBuilder b, Value x, DataType type) =>
        b.Or(b.Less(x, b.Scalar(type, double.PositiveInfinity)), b.Greater(x, b.Scalar(type, double.NegativeInfinity)));
}
