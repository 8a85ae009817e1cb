using OnnxKit.Ir;

namespace OnnxKit.ShapeInference;

/// <summary>
/// Infers the element types and shapes of a model's values, with symbolic dimensions: a dim named
/// <c>N</c> on an input stays <c>N</c> through every operator that passes it along.
/// </summary>
/// <remarks>
/// Walks model-local functions (on their own, then once per call with the caller's types), the main
/// graph, and every subgraph (If branches, Loop and Scan bodies with their declared inputs, untyped
/// ones typed from the node). A node output without a type gets the inferred one; a declared type is
/// only made more specific, never replaced: a contradiction is reported as a
/// <see cref="ShapeDiagnosticKind.TypeConflict"/>. Sizes computed from symbols (<c>2*N</c>) are
/// unknown. See docs/shape-inference.md for the operators covered.
/// </remarks>
public static class ShapeInferer
{
    /// <summary>Infers types in place and reports what was done and what could not be.</summary>
    /// <exception cref="ShapeInferenceException">
    /// <see cref="ShapeInferenceOptions.ConflictsAreErrors"/> is set and the model has a conflict or
    /// an inconsistent node (thrown after the whole model was walked).
    /// </exception>
    public static ShapeInferenceReport Infer(Model model, ShapeInferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new ShapeInferenceEngine(model, options ?? new ShapeInferenceOptions()).Run();
    }
}
