using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Rewriting;

/// <summary>Small matching helpers the rewrite rules share.</summary>
public static class Matching
{
    /// <summary>The ai.onnx node of type <paramref name="opType"/> that produces <paramref name="value"/>, or null.</summary>
    public static Node? ProducedBy(Value? value, string opType) =>
        value?.Producer is { IsDefaultDomain: true } p && p.OpType == opType && p.Attributes.All(a => a.RefAttributeName is null) ? p : null;

    /// <summary>True when <paramref name="value"/> has exactly one consumer and is not a graph output.</summary>
    public static bool HasSingleUse(Value value, GraphContext graph) => value.Uses.Count == 1 && !graph.IsOutput(value);

    /// <summary>The value of a constant whose elements are all equal (a scalar, or a filled tensor), or null.</summary>
    public static double? UniformConstant(GraphContext graph, Value? value) =>
        graph.ConstantDoubles(value) is { Length: > 0 } values && values.All(v => v.Equals(values[0])) ? values[0] : null;

    /// <summary>True when <paramref name="actual"/> is within a relative 1e-5 of <paramref name="expected"/> (constants written in float32).</summary>
    public static bool Near(double? actual, double expected) =>
        actual is double a && Math.Abs(a - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected));

    /// <summary>
    /// The operands of an associative chain of Add or Mul nodes rooted at <paramref name="root"/>:
    /// inner nodes of the same type whose result only feeds the chain are opened up. Also returns those inner nodes.
    /// </summary>
    public static (List<Value> Operands, List<Node> Inner) Operands(Node root, GraphContext graph)
    {
        var operands = new List<Value>();
        var inner = new List<Node>();
        void Visit(Value? v)
        {
            if (v is null) return;
            if (ProducedBy(v, root.OpType) is { Inputs.Count: 2 } p && p.Graph == graph.Graph && HasSingleUse(v, graph))
            {
                inner.Add(p);
                Visit(p.Inputs[0]);
                Visit(p.Inputs[1]);
            }
            else operands.Add(v);
        }
        Visit(root.Inputs.ElementAtOrDefault(0));
        Visit(root.Inputs.ElementAtOrDefault(1));
        return (operands, inner);
    }

    /// <summary>
    /// The axes a Reduce* node reduces (attribute in older opsets, second input in newer), or null when
    /// they are not constant. An empty result means all axes (unless noop_with_empty_axes is set).
    /// </summary>
    public static long[]? ReduceAxes(Node reduce, GraphContext graph)
    {
        long inputSince = reduce.OpType == "ReduceSum" ? 13 : 18;
        if (graph.Opset < inputSince) return reduce.Attributes.GetInts("axes")?.ToArray() ?? [];
        if (reduce.Inputs.Count < 2 || reduce.Inputs[1] is null) return [];
        return graph.TryGetConstant(reduce.Inputs[1], out var axes) ? axes.ToInt64Array() : null;
    }

    /// <summary>Normalizes a possibly negative axis against <paramref name="rank"/>, or null when out of range.</summary>
    public static long? NormalizeAxis(long axis, int rank) => axis < -rank || axis >= rank ? null : (axis < 0 ? axis + rank : axis);
}
