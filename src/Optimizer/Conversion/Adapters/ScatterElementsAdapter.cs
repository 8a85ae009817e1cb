namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// Scatter (9) was renamed ScatterElements at opset 11, with the same inputs and meaning (11 also lets
/// indices be negative). Up renames Scatter; down renames ScatterElements back, for opsets 9 and 10.
/// </summary>
public sealed class ScatterElementsAdapter : VersionAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Scatter", "ScatterElements"];

    /// <inheritdoc/>
    public override int Version => 11;

    /// <inheritdoc/>
    public override string Description => "Scatter ↔ ScatterElements";

    /// <inheritdoc/>
    public override void Up(AdapterContext context) => context.Node.OpType = "ScatterElements";

    /// <inheritdoc/>
    public override void Down(AdapterContext context)
    {
        if (context.ToOpset < 9) throw context.Refuse("ScatterElements has no equivalent before opset 9 (Scatter)");
        context.Node.OpType = "Scatter";
    }
}
