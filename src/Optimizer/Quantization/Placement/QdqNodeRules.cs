using OnnxKit.Ir;
using OnnxKit.Optimizer.Quantization.Numerics;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Quantization.Placement;

/// <summary>
/// The per-operator checks of static QDQ placement: for a node of a quantizable type, which inputs
/// are activations, weights, other constants or an int32 bias, or why the node stays float
/// ("the bias is not a constant"). These mirror the conditions of ONNX Runtime's QDQ node-group
/// selectors, so that every node placed here becomes an integer kernel there.
/// </summary>
public static class QdqNodeRules
{
    /// <summary>Matches <paramref name="node"/> of role <paramref name="role"/>.</summary>
    public static RuleCheck<NodeQuantization> Match(Node node, OperatorRole role, GraphContext graph, QuantizeOptions options)
    {
        foreach (var output in node.Outputs.Where(o => o.Name.Length > 0))
        {
            if (ShapeFacts.ElementTypeOf(output) is not DataType.Float) return Rule.Fail($"output '{output.Name}' is not known to be float32");
        }
        return role switch
        {
            OperatorRole.Compute => MatchCompute(node, graph, options),
            OperatorRole.Binary => MatchInputs(node, role, graph, [0, 1]),
            OperatorRole.Unary or OperatorRole.Passthrough => MatchInputs(node, role, graph, [0]),
            OperatorRole.Variadic => MatchInputs(node, role, graph, Enumerable.Range(0, node.Inputs.Count).ToArray()),
            _ => MatchInputs(node, role, graph, [1, 2]),
        };
    }

    /// <summary>Inputs that are activations or, where the operator allows, constants quantized with the activation type.</summary>
    private static RuleCheck<NodeQuantization> MatchInputs(Node node, OperatorRole role, GraphContext graph, int[] slots)
    {
        var activations = new List<int>();
        var constants = new List<ConstantInput>();
        foreach (int i in slots)
        {
            if (i >= node.Inputs.Count || node.Inputs[i] is not { } input) return Rule.Fail($"input {i} is missing");
            if (ShapeFacts.ElementTypeOf(input) is not DataType.Float) return Rule.Fail($"input '{input.Name}' is not known to be float32");
            if (!graph.TryGetConstant(input, out _)) activations.Add(i);
            else if (role is OperatorRole.Binary or OperatorRole.Variadic) constants.Add(new ConstantInput(i, false, Granularity.PerTensor));
            else return Rule.Fail($"input '{input.Name}' is a constant (fold it first)");
        }
        if (activations.Count == 0) return Rule.Fail("every input is a constant (fold it first)");
        return new NodeQuantization(node, role, activations, constants, null, role != OperatorRole.Passthrough);
    }

    private static RuleCheck<NodeQuantization> MatchCompute(Node node, GraphContext graph, QuantizeOptions options)
    {
        if (node.Inputs.Count < 2 || node.Inputs[0] is null || node.Inputs[1] is null) return Rule.Fail("an input is missing");
        var activations = new List<int>();
        var constants = new List<ConstantInput>();
        for (int i = 0; i < 2; i++)
        {
            var input = node.Inputs[i]!;
            if (ShapeFacts.ElementTypeOf(input) is not DataType.Float) return Rule.Fail($"input '{input.Name}' is not known to be float32");
            if (!graph.TryGetConstant(input, out var tensor)) activations.Add(i);
            else if (i == 0 && node.OpType == "Conv") return Rule.Fail("the convolution's input is a constant (fold it first)");
            else constants.Add(i == 1 ? new ConstantInput(1, true, WeightGranularity(node, tensor, options, graph.Opset)) : new ConstantInput(0, false, Granularity.PerTensor));
        }
        if (activations.Count == 0) return Rule.Fail("both inputs are constants (fold it first)");
        if (node.OpType == "Gemm" && (node.Attributes.GetFloat("alpha", 1) != 1 || node.Attributes.GetFloat("beta", 1) != 1 && node.Inputs.Count > 2 && node.Inputs[2] is not null))
            return Rule.Fail("Gemm with alpha or beta other than 1 (ONNX Runtime's QGemm adds an unscaled int32 bias)");
        BiasInput? bias = null;
        if (node.Inputs.Count > 2 && node.Inputs[2] is { } b && node.OpType is "Conv" or "Gemm")
        {
            if (!graph.TryGetConstant(b, out var biasTensor) || biasTensor.DataType != DataType.Float) return Rule.Fail($"the bias '{b.Name}' is not a float32 constant");
            long channels = node.OpType == "Conv" ? OutputChannels(node) : GemmColumns(node);
            if (biasTensor.ElementCount != channels || biasTensor.Dims.Count(d => d != 1) > 1)
                return Rule.Fail($"the bias has shape [{string.Join(",", biasTensor.Dims)}]; an int32 bias needs one value per output channel");
            if (activations[0] != 0) return Rule.Fail("the bias needs a quantized activation as the first input");
            bias = new BiasInput(2, 0, 1);
        }
        return new NodeQuantization(node, OperatorRole.Compute, activations, constants, bias, node.OpType == "Conv");
    }

    /// <summary>
    /// One scale per output channel when asked and the opset allows it (13): Conv weights along axis 0,
    /// 2-D MatMul weights along axis 1, Gemm weights along the axis holding the output columns.
    /// </summary>
    public static Granularity WeightGranularity(Node node, ITensor weights, QuantizeOptions options, long opset)
    {
        if (!options.PerChannel || opset < 13) return Granularity.PerTensor;
        return node.OpType switch
        {
            "Conv" => Granularity.PerAxis(0),
            "MatMul" when weights.Dims.Count == 2 => Granularity.PerAxis(1),
            "Gemm" => Granularity.PerAxis(node.Attributes.GetInt("transB", 0) != 0 ? 0 : 1),
            _ => Granularity.PerTensor,
        };
    }

    private static long OutputChannels(Node conv) => ShapeFacts.ShapeOf(conv.Inputs[1]) is { Rank: > 0 } w && w[0].Value is long m ? m : -1;

    private static long GemmColumns(Node gemm)
    {
        var shape = ShapeFacts.ShapeOf(gemm.Inputs[1]);
        if (shape is not { Rank: 2 }) return -1;
        return shape[gemm.Attributes.GetInt("transB", 0) != 0 ? 0 : 1].Value ?? -1;
    }
}
