namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// Shape gained <c>start</c> and <c>end</c> at opset 15, which take a slice of the shape with Slice's clamping
/// and negative indices. Down, a Shape with either becomes Slice(Shape(x), [start], [end]) on axis 0 (an absent
/// end reads to the last dimension); up changes nothing.
/// </summary>
public sealed class ShapeSliceAdapter : VersionAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Shape"];

    /// <inheritdoc/>
    public override int Version => 15;

    /// <inheritdoc/>
    public override string Description => "start/end → Slice of the whole shape";

    /// <inheritdoc/>
    public override void Up(AdapterContext context) => SchemaDiffAdapter.Apply(context);

    /// <inheritdoc/>
    public override void Down(AdapterContext context)
    {
        var node = context.Node;
        if (node.Attributes["start"] is null && node.Attributes["end"] is null)
        {
            SchemaDiffAdapter.Apply(context);
            return;
        }
        var b = context.Builder();
        long start = node.Attributes.GetInt("start", 0), end = node.Attributes.GetInt("end", long.MaxValue);
        var sliced = b.Op("Slice", [b.Shape(node.Inputs[0]!), b.Int64s([start], "start"), b.Int64s([end], "end"), b.Int64s([0], "axes")]);
        context.Change = Description;
        context.ReplaceWith(sliced);
    }
}
