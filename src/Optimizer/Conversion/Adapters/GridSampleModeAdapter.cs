using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// GridSample's modes were renamed at opset 20 (bilinear → linear, bicubic → cubic) and it gained volumetric
/// (5-D) input. Up renames the mode; down renames it back and refuses input that is not 4-D, which opset 16
/// cannot sample.
/// </summary>
public sealed class GridSampleModeAdapter : VersionAdapter
{
    private static readonly (string Old, string New)[] Renamed = [("bilinear", "linear"), ("bicubic", "cubic")];

    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["GridSample"];

    /// <inheritdoc/>
    public override int Version => 20;

    /// <inheritdoc/>
    public override string Description => "mode names bilinear/bicubic ↔ linear/cubic, N-D input";

    /// <inheritdoc/>
    public override void Up(AdapterContext context)
    {
        // The mode attribute is always written, since the default's name changed with it.
        string mode = context.Node.Attributes["mode"]?.AsString() ?? "bilinear";
        context.Node.Attributes.Set(IrAttribute.String("mode", Renamed.FirstOrDefault(r => r.Old == mode).New ?? mode));
        context.Change = Description;
        SchemaDiffAdapter.Apply(context);
    }

    /// <inheritdoc/>
    public override void Down(AdapterContext context)
    {
        var node = context.Node;
        int rank = context.RequireRank(node.Inputs[0], "GridSample before opset 20 samples 4-D input only");
        if (rank != 4) throw context.Refuse($"its input '{node.Inputs[0]!.Name}' is {rank}-D; GridSample before opset 20 samples 4-D input only");
        string mode = node.Attributes["mode"]?.AsString() ?? "linear";
        node.Attributes.Set(IrAttribute.String("mode", Renamed.FirstOrDefault(r => r.New == mode).Old ?? mode));
        context.Change = Description;
        SchemaDiffAdapter.Apply(context);
    }
}
