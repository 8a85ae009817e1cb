using OnnxKit.Ir;
using OnnxKit.Optimizer.Float16;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Quantization.Numerics;
using OnnxKit.Optimizer.Rewriting;
using OnnxKit.ShapeInference;

namespace OnnxKit.Optimizer.Quantization.Placement;

/// <summary>
/// Plans static QDQ quantization of a model's main graph, so that ONNX Runtime's CPU fusions turn
/// every quantized node into an integer kernel:
/// <list type="number">
/// <item>Each node of a quantizable type is matched by <see cref="QdqNodeRules"/> unless excluded by
/// name or type, or unsupported at the model's opset; nodes in subgraphs stay float (calibration
/// observes the main graph only). Add, Mul, pooling, Sigmoid, Softmax, Concat and Where nodes that
/// produce a model output stay float, so outputs keep full precision.</item>
/// <item>A ReLU, or a Clip whose bounds hold 0, that is the only reader of a quantized node's output
/// is folded: removed, with the node's output taking the range calibrated after the activation. With
/// asymmetric ranges that start at 0 (or inside the clip bounds) QuantizeLinear's saturation does the
/// clipping. Symmetric activations keep their ReLUs.</item>
/// <item>Inputs of quantized nodes get their own calibrated range, as do the outputs of Conv and of
/// every non-compute node; MatMul and Gemm outputs only when a quantized node reads them (otherwise
/// ONNX Runtime runs them as MatMulIntegerToFloat and QGemm with float outputs).</item>
/// <item>MaxPool, Resize and data-movement nodes are quantized when their input is, and their outputs
/// reuse the input's scale and zero point (ONNX Runtime drops the pair and moves integers).</item>
/// </list>
/// The planner edits the model it is given (the folds) and returns the plan for <see cref="QdqRewriter"/>.
/// </summary>
public static class QdqPlanner
{
    /// <summary>Folds activations in <paramref name="model"/> and plans its quantization.</summary>
    public static QdqPlan Plan(Model model, QuantizeOptions options)
    {
        ShapeInferer.Infer(model, new ShapeInferenceOptions { WriteValueInfo = false });
        var context = new ModelContext(model, new PassContext(), "quantize");
        var graphs = context.Graphs().ToList();
        var main = graphs[0];
        var activationType = QuantizedType.For(options.ActivationType, options.SymmetricActivations);
        var kept = new List<KeptNode>();
        foreach (var other in graphs.Skip(1))
        {
            foreach (var node in other.Graph.Nodes.Where(n => n.IsDefaultDomain && QuantizableOperators.RoleOf(n.OpType) is not null))
                kept.Add(Kept(node, other.Function is null ? "in a subgraph (static calibration observes the main graph only)" : "in a model-local function"));
        }

        var candidates = new List<NodeQuantization>();
        foreach (var node in main.Graph.Nodes)
        {
            if (!node.IsDefaultDomain || QuantizableOperators.RoleOf(node.OpType) is not OperatorRole role) continue;
            string? reason = ScopeFilter.Excluded(node, options) ?? QuantizableOperators.Unsupported(node, role, main.Opset, activationType);
            if (reason is null)
            {
                var check = QdqNodeRules.Match(node, role, main, options);
                if (check.Match is { } match && role is not (OperatorRole.Compute or OperatorRole.Passthrough) && node.Outputs.Any(main.IsOutput))
                    reason = "produces a model output (kept float for full-precision outputs)";
                else if (check.Match is { } matched) candidates.Add(matched);
                else reason = check.Reason;
            }
            if (reason is not null) kept.Add(Kept(node, reason));
        }

        var rangeSources = new Dictionary<Value, string>(ReferenceEqualityComparer.Instance);
        var folded = options.SymmetricActivations ? [] : FoldActivations(candidates, main, options, rangeSources);
        var ownRanges = new Dictionary<Value, string>(ReferenceEqualityComparer.Instance);
        void Own(Value v) => ownRanges[v] = rangeSources.GetValueOrDefault(v) ?? v.Name;
        foreach (var c in candidates.Where(c => c.Role != OperatorRole.Passthrough))
        {
            foreach (int i in c.Activations) Own(c.Node.Inputs[i]!);
            if (c.QuantizeOutput) Own(c.Node.Outputs[0]);
        }

        var shared = new Dictionary<Value, Value>(ReferenceEqualityComparer.Instance);
        var accepted = new List<NodeQuantization>();
        foreach (var c in candidates)
        {
            if (c.Role == OperatorRole.Passthrough)
            {
                var input = c.Node.Inputs[0]!;
                if (!ownRanges.ContainsKey(input) && !shared.ContainsKey(input))
                {
                    kept.Add(Kept(c.Node, "its input is not quantized (quantizing it would only add a QuantizeLinear)"));
                    continue;
                }
                foreach (var output in c.Node.Outputs.Where(o => o.Name.Length > 0))
                {
                    ownRanges.Remove(output);
                    shared[output] = input;
                }
            }
            accepted.Add(c);
        }
        for (int k = 0; k < accepted.Count; k++)
        {
            var c = accepted[k];
            if (c.Role == OperatorRole.Compute && !c.QuantizeOutput && ownRanges.ContainsKey(c.Node.Outputs[0])) accepted[k] = c with { QuantizeOutput = true };
        }
        return new QdqPlan(model, accepted, ownRanges, shared, folded, kept);
    }

    private static KeptNode Kept(Node node, string reason) => new(Float16Converter.NodeKey(node), node.OpType, reason);

    /// <summary>Removes each ReLU or Clip that only clips what the quantized range before it clips anyway.</summary>
    private static List<FoldedActivation> FoldActivations(List<NodeQuantization> candidates, GraphContext graph, QuantizeOptions options,
        Dictionary<Value, string> rangeSources)
    {
        var folded = new List<FoldedActivation>();
        foreach (var c in candidates.Where(c => c.Role != OperatorRole.Passthrough))
        {
            var output = c.Node.Outputs[0];
            if (graph.IsOutput(output) || output.Uses.Count != 1) continue;
            var activation = output.Uses[0].Node;
            if (!activation.IsDefaultDomain || !QuantizableOperators.FoldableActivations.Contains(activation.OpType) || ScopeFilter.Excluded(activation, options) is not null) continue;
            if (activation.OpType == "Clip" && !ClipHoldsZero(activation, graph)) continue;
            var clipped = activation.Outputs[0];
            if (graph.IsOutput(clipped)) continue;
            string source = clipped.Name;
            clipped.ReplaceAllUsesWith(output);
            graph.Graph.Nodes.Remove(activation);
            rangeSources[output] = source;
            folded.Add(new FoldedActivation(Float16Converter.NodeKey(activation), activation.OpType, Float16Converter.NodeKey(c.Node)));
        }
        return folded;
    }

    /// <summary>True when the Clip's bounds are known and 0 lies between them (so a range holding 0 inside them clips alike).</summary>
    private static bool ClipHoldsZero(Node clip, GraphContext graph)
    {
        double min = double.NegativeInfinity, max = double.PositiveInfinity;
        if (graph.Opset < 11)
        {
            min = clip.Attributes.GetFloat("min", float.MinValue);
            max = clip.Attributes.GetFloat("max", float.MaxValue);
        }
        else
        {
            for (int i = 1; i <= 2 && i < clip.Inputs.Count; i++)
            {
                if (clip.Inputs[i] is not { } bound) continue;
                if (graph.ConstantDoubles(bound) is not [double value]) return false;
                if (i == 1) min = value;
                else max = value;
            }
        }
        return min <= 0 && max >= 0;
    }
}
