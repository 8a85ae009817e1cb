namespace OnnxKit.ShapeInference;

/// <summary>How <see cref="ShapeInferer.Infer"/> records what it finds.</summary>
public sealed record ShapeInferenceOptions
{
    /// <summary>
    /// Whether intermediate values that gain a type are added to their graph's
    /// <see cref="Ir.Graph.ValueInfo"/>, so a saved model carries them. Types are always set on the
    /// values themselves. Default: true.
    /// </summary>
    public bool WriteValueInfo { get; init; } = true;

    /// <summary>
    /// Whether a declared type that contradicts the inferred one, or a node whose inputs cannot be
    /// valid for its operator, makes <see cref="ShapeInferer.Infer"/> throw a
    /// <see cref="ShapeInferenceException"/> once the whole model has been walked. Default: false
    /// (they are only listed in the report).
    /// </summary>
    public bool ConflictsAreErrors { get; init; }
}
