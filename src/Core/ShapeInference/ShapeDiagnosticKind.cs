namespace OnnxKit.ShapeInference;

/// <summary>What a <see cref="ShapeInferenceDiagnostic"/> is about.</summary>
public enum ShapeDiagnosticKind
{
    /// <summary>A value's declared type contradicts the type its producer yields; the declared type was kept.</summary>
    TypeConflict,

    /// <summary>A node's input types or attributes cannot be valid for its operator (e.g. shapes that do not broadcast).</summary>
    InconsistentNode,
}
