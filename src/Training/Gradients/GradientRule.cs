using OnnxKit.Ir;

namespace OnnxKit.Training.Gradients;

/// <summary>
/// The backward step of one or more operators: given the gradients at a node's outputs, emit
/// standard ONNX nodes computing the gradients at its inputs (the vector–Jacobian product),
/// as ONNX Runtime's training graph builder does with its per-operator gradient builders.
/// </summary>
internal abstract class GradientRule
{
    /// <summary>The domain of the operators; ai.onnx by default.</summary>
    public virtual string Domain => "";

    /// <summary>The operators (of <see cref="Domain"/>) this rule differentiates.</summary>
    public abstract IReadOnlyList<string> OpTypes { get; }

    /// <summary>
    /// Emits the backward nodes and returns one gradient per forward input: a value for every
    /// input with <see cref="GradientContext.NeedsGradient"/>, null (or a shorter array) for
    /// the others.
    /// </summary>
    public abstract Value?[] Backward(GradientContext context);
}
