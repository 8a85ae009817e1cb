namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// BatchNormalization 14 added <c>training_mode</c> and changed the optional outputs (the running statistics
/// in training mode, where 9-13 had mean, var, saved mean and saved var). An inference node (only Y read) is
/// the same in both forms; one whose extra outputs are read, or with <c>training_mode</c> = 1 going down, is
/// refused.
/// </summary>
public sealed class BatchNormalizationTrainingAdapter : VersionAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["BatchNormalization"];

    /// <inheritdoc/>
    public override int Version => 14;

    /// <inheritdoc/>
    public override string Description => "training outputs redefined (inference form kept)";

    /// <inheritdoc/>
    public override void Up(AdapterContext context) => Convert(context);

    /// <inheritdoc/>
    public override void Down(AdapterContext context)
    {
        if (context.Node.Attributes.GetInt("training_mode", 0) != 0) throw context.Refuse("training_mode = 1 has no equivalent before opset 14");
        Convert(context);
    }

    private static void Convert(AdapterContext context)
    {
        var node = context.TruncateOutputs(1, "the optional statistics outputs mean different things on each side of opset 14");
        node.Attributes.Remove("training_mode");
        if (node == context.Node) SchemaDiffAdapter.Apply(context);
    }
}
