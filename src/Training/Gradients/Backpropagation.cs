using OnnxKit.Ir;
using OnnxKit.Training.Graphs;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Training.Gradients;

/// <summary>
/// Reverse-mode differentiation of an ONNX graph: appends to the graph the nodes computing
/// the gradient of a scalar loss with respect to chosen values (the trainable weights), by
/// walking the forward nodes in reverse order and asking each operator's
/// <see cref="GradientRule"/> for its backward step.
/// </summary>
/// <remarks>
/// Only nodes on a path from a chosen value to the loss are differentiated: a node is
/// differentiated when one of its floating-point outputs depends on a chosen value and the loss
/// depends on it. Gradients reaching a value along several paths are added (one Sum node).
/// Every such node must have a rule; otherwise <see cref="NoGradientException"/> names the
/// first one, before anything is emitted. The graph's values must carry inferred shapes.
/// </remarks>
internal static class Backpropagation
{
    /// <summary>
    /// Emits the gradients of <paramref name="loss"/> (a scalar) with respect to each of
    /// <paramref name="wrt"/> and returns them in that order; a value the loss does not
    /// depend on gets a zero gradient.
    /// </summary>
    public static IReadOnlyList<Value> Gradients(GraphEmitter emitter, Value loss, IReadOnlyList<Value> wrt, GradientRegistry? registry = null)
    {
        registry ??= GradientRegistry.Default;
        var nodes = emitter.Graph.Nodes.ToList();
        var dependsOnWrt = DependsOn(nodes, wrt);
        if (!dependsOnWrt.Contains(loss)) throw new OnnxKitException($"The loss '{loss.Name}' does not depend on any trainable weight.");
        var active = ActiveNodes(nodes, loss, dependsOnWrt);
        foreach (var node in active)
        {
            if (registry.Find(node) is null) throw new NoGradientException(node, null);
        }

        var contributions = new Dictionary<Value, List<Value>>();
        string scope = emitter.Scope;
        emitter.Scope = "grad";
        contributions[loss] = [emitter.Scalar(1f)];
        for (int n = active.Count - 1; n >= 0; n--)
        {
            var node = active[n];
            var outputGradients = node.Outputs.Select(o => Total(emitter, contributions, o)).ToArray();
            if (outputGradients.All(g => g is null)) continue;
            var needs = node.Inputs.Select(i => i is not null && dependsOnWrt.Contains(i)).ToArray();
            emitter.Scope = $"grad/{node.Name ?? node.Outputs[0].Name}";
            var context = new GradientContext(node, outputGradients, needs, emitter);
            var inputGradients = registry.Find(node)!.Backward(context);
            for (int i = 0; i < needs.Length; i++)
            {
                if (!needs[i]) continue;
                var gradient = i < inputGradients.Length ? inputGradients[i] : null;
                if (gradient is null) throw context.Unsupported($"no gradient was produced for input {i} ('{node.Inputs[i]!.Name}')");
                if (!contributions.TryGetValue(node.Inputs[i]!, out var list)) contributions[node.Inputs[i]!] = list = [];
                list.Add(gradient);
            }
        }

        emitter.Scope = "grad";
        var result = wrt.Select(value => Total(emitter, contributions, value) ?? Zeros(emitter, value)).ToArray();
        emitter.Scope = scope;
        return result;
    }

    /// <summary>The values that depend on <paramref name="wrt"/> through floating-point computation.</summary>
    private static HashSet<Value> DependsOn(List<Node> nodes, IReadOnlyList<Value> wrt)
    {
        var dependent = new HashSet<Value>(wrt);
        foreach (var node in nodes)
        {
            if (!node.Inputs.Any(i => i is not null && dependent.Contains(i))) continue;
            foreach (var output in node.Outputs)
            {
                if (output.Name.Length > 0 && IsDifferentiable(output)) dependent.Add(output);
            }
        }
        return dependent;
    }

    /// <summary>The nodes to differentiate, in graph order: those with an output that depends on the weights and that the loss depends on.</summary>
    private static List<Node> ActiveNodes(List<Node> nodes, Value loss, HashSet<Value> dependsOnWrt)
    {
        var feedsLoss = new HashSet<Value> { loss };
        var active = new List<Node>();
        for (int n = nodes.Count - 1; n >= 0; n--)
        {
            var node = nodes[n];
            if (!node.Outputs.Any(o => feedsLoss.Contains(o) && dependsOnWrt.Contains(o))) continue;
            active.Add(node);
            foreach (var input in node.Inputs)
            {
                if (input is not null) feedsLoss.Add(input);
            }
        }
        active.Reverse();
        return active;
    }

    private static bool IsDifferentiable(Value value) =>
        value.TensorType?.ElementType is null or DataType.Float or DataType.Double or DataType.Float16 or DataType.BFloat16;

    /// <summary>The sum of the gradients reaching <paramref name="value"/>, or null when none did.</summary>
    private static Value? Total(GraphEmitter emitter, Dictionary<Value, List<Value>> contributions, Value value)
    {
        if (!contributions.TryGetValue(value, out var list) || list.Count == 0) return null;
        if (list.Count == 1) return list[0];
        var sum = emitter.Op("Sum", list.ToArray());
        contributions[value] = [sum];
        return sum;
    }

    private static Value Zeros(GraphEmitter emitter, Value value) =>
        emitter.Op("ConstantOfShape", [emitter.Shape(value)], Attribute.Tensor("value", DenseTensor.FromFloats([0f], [1])));
}
