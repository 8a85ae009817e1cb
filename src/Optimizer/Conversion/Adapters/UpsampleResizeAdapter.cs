namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// Upsample was deprecated at opset 10 in favour of Resize, whose opset-10 form has the same inputs (X, scales),
/// modes and output size (floor of input × scale). Up renames Upsample to Resize; down renames Resize back,
/// which needs constant scales of at least 1 (Upsample only enlarges).
/// </summary>
public sealed class UpsampleResizeAdapter : VersionAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Upsample", "Resize"];

    /// <inheritdoc/>
    public override int Version => 10;

    /// <inheritdoc/>
    public override string Description => "Upsample ↔ Resize";

    /// <inheritdoc/>
    public override void Up(AdapterContext context)
    {
        context.Node.OpType = "Resize";
        context.Change = Description;
    }

    /// <inheritdoc/>
    public override void Down(AdapterContext context)
    {
        var scales = context.RequireConstantDoubles(1, "scales");
        if (scales.Any(s => s < 1)) throw context.Refuse($"its scales [{string.Join(", ", scales)}] shrink the input; Upsample before opset 10 only enlarges");
        context.Node.OpType = "Upsample";
        context.Change = Description;
    }
}
