using OnnxKit.Ir;
using OnnxKit.Schemas;

namespace OnnxKit.Optimizer.Rewriting;

/// <summary>Facts about operators that decide whether a node may be folded, merged or dropped.</summary>
public static class NodeTraits
{
    private static readonly HashSet<string> RandomOps = new(StringComparer.Ordinal)
    {
        "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Multinomial", "Bernoulli", "Dropout",
    };

    /// <summary>
    /// True for operators whose output may differ between runs on the same inputs (random
    /// generators, and Dropout, which is random in training mode); they are never folded or merged.
    /// </summary>
    public static bool IsNondeterministic(Node node) => node.IsDefaultDomain && RandomOps.Contains(node.OpType);

    /// <summary>
    /// True when the node's outputs are all it does: an operator of a domain OnnxKit has schemas for,
    /// or a call of a model-local function. Custom-domain operators may have other effects and are kept.
    /// </summary>
    public static bool IsKnownPure(Model model, Node node) =>
        !IsNondeterministic(node) &&
        (node.IsDefaultDomain || OpSchemaRegistry.Default.IsKnownDomain(node.Domain) || model.FindFunction(node.Domain, node.OpType, node.Overload) is not null);
}
