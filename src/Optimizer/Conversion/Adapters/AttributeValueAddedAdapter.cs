namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>
/// A string attribute that gained values at <paramref name="version"/> with no other change to the schema that
/// matters (Resize's <c>half_pixel_symmetric</c> coordinates and Pad's <c>wrap</c> mode at 19). Up changes nothing;
/// down refuses a node that uses one of the new values, which the schemas alone cannot tell.
/// </summary>
public sealed class AttributeValueAddedAdapter(int version, string opType, string attribute, params string[] addedValues) : VersionAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = [opType];

    /// <inheritdoc/>
    public override int Version => version;

    /// <inheritdoc/>
    public override string Description => $"{attribute} value{(addedValues.Length > 1 ? "s" : "")} {string.Join(", ", addedValues)} added";

    /// <inheritdoc/>
    public override void Up(AdapterContext context) => SchemaDiffAdapter.Apply(context);

    /// <inheritdoc/>
    public override void Down(AdapterContext context)
    {
        if (context.Node.Attributes[attribute]?.AsString() is { } value && addedValues.Contains(value))
            throw context.Refuse($"{attribute} '{value}' does not exist before opset {version}");
        SchemaDiffAdapter.Apply(context);
    }
}
