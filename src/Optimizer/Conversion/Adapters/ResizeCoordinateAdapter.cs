using OnnxKit.Ir;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// Resize-11 added the <c>roi</c> input (scales moved from input 1 to 2), an optional <c>sizes</c> input, and
/// attributes for the coordinate transformation and the nearest rounding. Resize-10 (like Upsample) maps output
/// to input coordinates asymmetrically (x_in = x_out / scale) and, for nearest, rounds down. Up writes those
/// two attributes explicitly and an empty roi; down accepts only that meaning: asymmetric coordinates, floor
/// rounding for nearest, no cubic mode, scales rather than sizes (exclude_outside and extrapolation_value then
/// have no effect, and roi is only read by tf_crop_and_resize).
/// </summary>
public sealed class ResizeCoordinateAdapter : VersionAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Resize"];

    /// <inheritdoc/>
    public override int Version => 11;

    /// <inheritdoc/>
    public override string Description => "roi input, coordinate transformation and nearest rounding made explicit";

    /// <inheritdoc/>
    public override void Up(AdapterContext context)
    {
        var node = context.Node;
        var scales = node.Inputs[1];
        var roi = context.Builder().EmptyFloats("roi");
        node.ReplaceInput(1, roi);
        node.AppendInput(scales);
        node.Attributes.Set(IrAttribute.String("coordinate_transformation_mode", "asymmetric"));
        if ((node.Attributes["mode"]?.AsString() ?? "nearest") == "nearest") node.Attributes.Set(IrAttribute.String("nearest_mode", "floor"));
        context.Change = Description;
        SchemaDiffAdapter.Apply(context);
    }

    /// <inheritdoc/>
    public override void Down(AdapterContext context)
    {
        var node = context.Node;
        string mode = node.Attributes["mode"]?.AsString() ?? "nearest";
        string transform = node.Attributes["coordinate_transformation_mode"]?.AsString() ?? "half_pixel";
        string rounding = node.Attributes["nearest_mode"]?.AsString() ?? "round_prefer_floor";
        if (mode == "cubic") throw context.Refuse("cubic mode has no equivalent before opset 11");
        if (transform != "asymmetric")
            throw context.Refuse($"coordinate_transformation_mode '{transform}' has no equivalent before opset 11, where coordinates are asymmetric");
        if (mode == "nearest" && rounding != "floor")
            throw context.Refuse($"nearest_mode '{rounding}' has no equivalent before opset 11, where nearest rounds down");
        if (context.Input(3) is not null) throw context.Refuse("its output size is given by sizes, which opset 10 lacks (it takes scales)");
        if (context.Input(2) is not { } scales) throw context.Refuse("it has no scales input");
        foreach (string name in new[] { "coordinate_transformation_mode", "nearest_mode", "cubic_coeff_a", "exclude_outside", "extrapolation_value" })
            node.Attributes.Remove(name);
        var roi = node.Inputs[1];
        node.ReplaceInput(1, scales);
        context.TruncateInputs(2);
        if (roi is not null) context.RemoveIfUnusedConstant(roi);
        context.Change = Description;
        SchemaDiffAdapter.Apply(context);
    }
}
