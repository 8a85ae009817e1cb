namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// Dropout's mask output became boolean at opset 10 (it had X's type before). Up, a mask nothing reads is
/// dropped; a read one is refused, since its readers expect the old type. Down goes through
/// <see cref="SchemaDiffAdapter"/>, which refuses a read boolean mask the same way.
/// </summary>
public sealed class DropoutMaskAdapter : VersionAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Dropout"];

    /// <inheritdoc/>
    public override int Version => 10;

    /// <inheritdoc/>
    public override string Description => "mask output made boolean";

    /// <inheritdoc/>
    public override void Up(AdapterContext context)
    {
        if (context.Node.Outputs.Count > 1)
        {
            // The copy without the mask is carried on from opset 10 like any node the step creates.
            context.TruncateOutputs(1, "the mask becomes boolean at opset 10");
            context.Change = "unread mask output dropped";
            return;
        }
        SchemaDiffAdapter.Apply(context);
    }

    /// <inheritdoc/>
    public override void Down(AdapterContext context) => SchemaDiffAdapter.Apply(context);
}
