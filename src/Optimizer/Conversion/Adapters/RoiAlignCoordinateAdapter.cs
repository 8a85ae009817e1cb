using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// RoiAlign gained <c>coordinate_transformation_mode</c> at opset 16 with the default <c>half_pixel</c>, whereas
/// RoiAlign-10 always worked as <c>output_half_pixel</c>. Up writes <c>output_half_pixel</c> explicitly; down
/// accepts only that mode.
/// </summary>
public sealed class RoiAlignCoordinateAdapter : VersionAdapter
{
    private const string Attribute = "coordinate_transformation_mode", OldMeaning = "output_half_pixel";

    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["RoiAlign"];

    /// <inheritdoc/>
    public override int Version => 16;

    /// <inheritdoc/>
    public override string Description => "coordinate_transformation_mode added (default half_pixel; output_half_pixel before)";

    /// <inheritdoc/>
    public override void Up(AdapterContext context)
    {
        context.Node.Attributes.Set(IrAttribute.String(Attribute, OldMeaning));
        context.Change = Description;
        SchemaDiffAdapter.Apply(context);
    }

    /// <inheritdoc/>
    public override void Down(AdapterContext context)
    {
        string mode = context.Node.Attributes.GetString(Attribute, "half_pixel");
        if (mode != OldMeaning) throw context.Refuse($"{Attribute} '{mode}' has no equivalent before opset 16, where RoiAlign works as '{OldMeaning}'");
        context.Node.Attributes.Remove(Attribute);
        context.Change = Description;
        SchemaDiffAdapter.Apply(context);
    }
}
