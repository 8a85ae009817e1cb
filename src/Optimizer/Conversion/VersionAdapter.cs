namespace OnnxKit.Optimizer.Conversion;

/// <summary>
/// Carries nodes of some operators across the opset <see cref="Version"/> where those operators changed:
/// <see cref="Up"/> rewrites a node written for an older opset into the form of <see cref="Version"/>,
/// <see cref="Down"/> the reverse. An adapter either rewrites the node in place (attributes, inputs) or
/// replaces it with nodes built by <see cref="AdapterContext.Builder"/>, or refuses with
/// <see cref="AdapterContext.Refuse"/> when there is no exact equivalent. Operator changes without an
/// adapter go through <see cref="SchemaDiffAdapter"/>, which handles what the schemas alone decide.
/// </summary>
public abstract class VersionAdapter
{
    /// <summary>The operators this adapter converts (their names at the older side for replaced operators).</summary>
    public abstract IReadOnlyList<string> OpTypes { get; }

    /// <summary>The opset where the operators changed (the since-version of their newer schema).</summary>
    public abstract int Version { get; }

    /// <summary>One line for docs and reports: what changed at <see cref="Version"/>.</summary>
    public abstract string Description { get; }

    /// <summary>Rewrites <see cref="AdapterContext.Node"/> from the form before <see cref="Version"/> to the form at it.</summary>
    public abstract void Up(AdapterContext context);

    /// <summary>Rewrites <see cref="AdapterContext.Node"/> from the form at <see cref="Version"/> to the form before it.</summary>
    public abstract void Down(AdapterContext context);
}
