
namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// Resize's <c>roi</c> and <c>scales</c> inputs became optional at opset 13; before, both had to be given,
/// empty when unused. Down fills an absent roi or scales with an empty float tensor; up changes nothing.
/// </summary>
public sealed class ResizeOptionalInputsAdapter : VersionAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Resize"];

    /// <inheritdoc/>
    public override int Version => 13;

    /// <inheritdoc/>
    public override string Description => "optional roi and scales";

    /// <inheritdoc/>
    public override void Up(AdapterContext context) => SchemaDiffAdapter.Apply(context);

    /// <inheritdoc/>
    public override void Down(AdapterContext context)
    {
        var node = context.Node;
        while (node.Inputs.Count < 3) node.AppendInput(null);
        for (int i = 1; i <= 2; i++)
        {
            if (node.Inputs[i] is not null) continue;
            node.ReplaceInput(i, context.Builder().EmptyFloats(i == 1 ? "roi" : "scales"));
            context.Change = Description + ": empty " + (i == 1 ? "roi" : "scales") + " written";
        }
        SchemaDiffAdapter.Apply(context);
    }
}
