using OnnxKit.Ir;

namespace OnnxKit.Training.Gradients;

/// <summary>
/// A node on the path from the trainable weights to the loss whose operator (or whose
/// particular use of it) has no gradient rule. The message names the operator and the node.
/// </summary>
public sealed class NoGradientException : OnnxKitException
{
    internal NoGradientException(Node node, string? detail)
        : base(detail is null
            ? $"Operator '{node.OpType}' (node '{node.Name ?? node.Outputs[0].Name}') has no gradient yet, so a model that uses it cannot be trained; supported: {string.Join(", ", GradientRegistry.Default.OpTypes)}."
            : $"The gradient of operator '{node.OpType}' (node '{node.Name ?? node.Outputs[0].Name}') is not supported here: {detail}.")
    {
        OpType = node.OpType;
        NodeName = node.Name ?? node.Outputs[0].Name;
    }

    /// <summary>The operator without a gradient.</summary>
    public string OpType { get; }

    /// <summary>The node's name (or its first output's, when it has none).</summary>
    public string NodeName { get; }
}
