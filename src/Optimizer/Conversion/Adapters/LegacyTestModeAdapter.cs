namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// Opset 7 removed BatchNormalization's and Dropout's <c>is_test</c> attribute: from 7 the mode follows from
/// the outputs used (only the first: inference). Up drops it and refuses when a training output is read.
/// Down is never needed (opset 7 is the oldest conversion target).
/// </summary>
public sealed class LegacyTestModeAdapter : VersionAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["BatchNormalization", "Dropout"];

    /// <inheritdoc/>
    public override int Version => 7;

    /// <inheritdoc/>
    public override string Description => "is_test attribute dropped (inference is implied by the outputs used)";

    /// <inheritdoc/>
    public override void Up(AdapterContext context)
    {
        for (int i = 1; i < context.Node.Outputs.Count; i++)
        {
            if (context.IsOutputUsed(i)) throw context.Refuse($"its training output {i} ('{context.Node.Outputs[i].Name}') is used");
        }
        context.Node.Attributes.Remove("is_test");
        SchemaDiffAdapter.Apply(context);
    }

    /// <inheritdoc/>
    public override void Down(AdapterContext context) =>
        throw context.Refuse($"OnnxKit converts down to opset {OpsetConverter.MinTargetOpset} at the oldest");
}
