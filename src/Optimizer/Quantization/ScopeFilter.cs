using OnnxKit.Ir;
using OnnxKit.Optimizer.Float16;

namespace OnnxKit.Optimizer.Quantization;

/// <summary>Which nodes the user's scope options leave in float: excluded names and types, types not asked for.</summary>
public static class ScopeFilter
{
    /// <summary>Why <paramref name="node"/> is out of scope, or null when it is in.</summary>
    public static string? Excluded(Node node, QuantizeOptions options) =>
        options.NodesToExclude.Contains(Float16Converter.NodeKey(node)) ? "excluded by name"
        : options.ExcludeOpTypes.Contains(node.OpType) ? "its operator type is excluded"
        : options.OpTypes is { } only && !only.Contains(node.OpType) ? "its operator type is not among those to quantize"
        : node.Attributes.Any(a => a.RefAttributeName is not null) ? "an attribute refers to a function attribute"
        : null;
}
