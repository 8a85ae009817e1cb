namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// Gemm's C input became optional at opset 11. Down, a Gemm without C gets a scalar zero of A's element type,
/// which broadcasts to the same result.
/// </summary>
public sealed class GemmOptionalBiasAdapter : VersionAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Gemm"];

    /// <inheritdoc/>
    public override int Version => 11;

    /// <inheritdoc/>
    public override string Description => "optional C input";

    /// <inheritdoc/>
    public override void Up(AdapterContext context) => SchemaDiffAdapter.Apply(context);

    /// <inheritdoc/>
    public override void Down(AdapterContext context)
    {
        var node = context.Node;
        if (context.Input(2) is null)
        {
            var zero = context.Builder().Scalar(context.RequireElementType(node.Inputs[0]), 0, "c");
            while (node.Inputs.Count < 3) node.AppendInput(null);
            node.ReplaceInput(2, zero);
            context.Change = Description + ": zero C added";
        }
        SchemaDiffAdapter.Apply(context);
    }
}
