using OnnxKit.Ir;

namespace OnnxKit.ShapeInference;

/// <summary>One problem found while inferring types.</summary>
/// <param name="Kind">What the problem is about.</param>
/// <param name="NodePath">
/// Where: the node's label (its name, or <c>OpType#index</c> when unnamed), prefixed by the labels of
/// the enclosing nodes and subgraph attributes, e.g. <c>main/loop_1/body/Add#3</c>.
/// </param>
/// <param name="ValueName">The value concerned, for a <see cref="ShapeDiagnosticKind.TypeConflict"/>.</param>
/// <param name="Declared">The declared type that was kept, for a conflict.</param>
/// <param name="Inferred">The type the producer yields, for a conflict.</param>
/// <param name="Message">A sentence saying what is wrong.</param>
public sealed record ShapeInferenceDiagnostic(
    ShapeDiagnosticKind Kind,
    string NodePath,
    string? ValueName,
    OnnxType? Declared,
    OnnxType? Inferred,
    string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{NodePath}: {Message}";
}
