namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// Max, Min, Sum and Mean broadcast their inputs from opset 8; before, all inputs had to have one shape. Up is
/// a no-op; down is exact only when the inputs' shapes are known and equal.
/// </summary>
public sealed class SameShapeVariadicAdapter : VersionAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Max", "Min", "Sum", "Mean"];

    /// <inheritdoc/>
    public override int Version => 8;

    /// <inheritdoc/>
    public override string Description => "multidirectional broadcasting of the inputs";

    /// <inheritdoc/>
    public override void Up(AdapterContext context)
    {
        SchemaDiffAdapter.Apply(context);
    }

    /// <inheritdoc/>
    public override void Down(AdapterContext context)
    {
        var shapes = context.Node.Inputs.Select(context.ShapeOf).ToList();
        if (shapes.Any(s => s is null || !s.IsStatic) || shapes.Distinct().Count() != 1)
            throw context.Refuse("before opset 8 its inputs must have one shape, and theirs are not known to be equal");
        SchemaDiffAdapter.Apply(context);
    }
}
