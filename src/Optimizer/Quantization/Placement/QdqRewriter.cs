using OnnxKit.Ir;
using OnnxKit.Optimizer.Float16;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Quantization.Calibration;
using OnnxKit.Optimizer.Quantization.Numerics;
using OnnxKit.Optimizer.Quantization.Reporting;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Quantization.Placement;

/// <summary>
/// Carries out a <see cref="QdqPlan"/> with calibrated ranges: constants first (weights with the
/// weight type and granularity, other constants with the activation type per tensor, biases to int32
/// with scale = input scale · weight scale), then one QuantizeLinear per quantized activation, right
/// after its producer, and one DequantizeLinear that every reader takes (readers of an activation
/// neither produced nor read by a quantized node keep the float value). A quantized graph output keeps
/// its name on the DequantizeLinear's output.
/// </summary>
public static class QdqRewriter
{
    /// <summary>Rewrites the plan's model in place and returns a record of every quantized tensor.</summary>
    /// <exception cref="OnnxKitException">A range the plan needs is missing.</exception>
    public static IReadOnlyList<TensorQuantization> Apply(QdqPlan plan, IReadOnlyDictionary<string, TensorRange> ranges, QuantizeOptions options)
    {
        var model = plan.Model;
        var graph = new ModelContext(model, new PassContext(), "quantize").Graphs().First();
        var builder = new QdqBuilder(graph);
        var activationType = QuantizedType.For(options.ActivationType, options.SymmetricActivations);
        var weightType = QuantizedType.For(options.WeightType, options.SymmetricWeights, options.ReduceRange);
        var activationParameters = new Dictionary<Value, QuantizationParameters>(ReferenceEqualityComparer.Instance);
        QuantizationParameters ParametersOf(Value value)
        {
            var source = plan.ParameterSource(value);
            if (activationParameters.TryGetValue(source, out var known)) return known;
            string name = plan.OwnRanges[source];
            if (!ranges.TryGetValue(name, out var range)) throw new OnnxKitException($"Calibration found no range for '{name}'.");
            var (scale, zeroPoint) = RangeParameters.For(range.Min, range.Max, activationType, options.SymmetricActivations);
            return activationParameters[source] = new QuantizationParameters(activationType, new ParameterLayout([], Granularity.PerTensor), [scale], [zeroPoint]);
        }

        var quantizedNodes = plan.Nodes.Select(n => n.Node).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var node in plan.Nodes)
        {
            var weights = new Dictionary<int, QuantizationParameters>();
            foreach (var constant in node.Constants)
            {
                var type = constant.IsWeight ? weightType : activationType;
                bool symmetric = constant.IsWeight ? options.SymmetricWeights : options.SymmetricActivations;
                var role = constant.IsWeight ? TensorRole.Weight : TensorRole.Constant;
                weights[constant.Index] = builder.DequantizeConstant(node.Node, constant.Index, type, constant.Granularity, symmetric, role).Parameters;
            }
            if (node.Bias is { } bias)
            {
                float inputScale = ParametersOf(node.Node.Inputs[bias.ActivationIndex]!).Scales[0];
                var weightScales = weights.TryGetValue(bias.WeightIndex, out var w) ? w.Scales : ParametersOf(node.Node.Inputs[bias.WeightIndex]!).Scales;
                graph.TryGetConstant(node.Node.Inputs[bias.Index], out var biasTensor);
                var floats = biasTensor.ToArray<float>();
                builder.DequantizeConstant(node.Node, bias.Index, BiasQuantizer.Quantize(floats, inputScale, weightScales), TensorRole.Bias, floats);
            }
        }

        var records = new List<TensorQuantization>(builder.Records);
        var activations = graph.Graph.Inputs.Concat(graph.Graph.Nodes.ToList().SelectMany(n => n.Outputs)).Where(plan.IsQuantized).ToList();
        foreach (var value in activations)
        {
            var parameters = ParametersOf(value);
            bool producedByQuantized = value.Producer is { } p && quantizedNodes.Contains(p);
            var firstReader = value.Uses.Count > 0 ? value.Uses[0].Node : null;
            var readers = value.Uses.Where(u => producedByQuantized || quantizedNodes.Contains(u.Node)).ToList();
            bool output = producedByQuantized && graph.IsOutput(value);
            var quantized = builder.Quantize(value, parameters);
            var dequantized = builder.Dequantize(quantized, parameters, value.Name, value.TensorType?.Shape);
            foreach (var use in readers) use.Node.ReplaceInput(use.InputIndex, dequantized);
            if (output) KeepOutputName(graph, value, dequantized);
            var range = plan.OwnRanges.TryGetValue(value, out var source) ? ranges[source] : null;
            records.Add(new TensorQuantization
            {
                Name = plan.OwnRanges.GetValueOrDefault(value) ?? value.Name,
                Role = TensorRole.Activation,
                Node = Float16Converter.NodeKey(value.Producer ?? firstReader ?? quantized.Producer!),
                OpType = value.Producer?.OpType ?? "input",
                Type = activationType.DataType,
                Granularity = Granularity.PerTensor.ToString(),
                Min = range?.Min ?? parameters.Dequantize(activationType.Min, 0),
                Max = range?.Max ?? parameters.Dequantize(activationType.Max, 0),
                ScaleMin = parameters.Scales[0],
                ScaleMax = parameters.Scales[0],
                ZeroPoint = parameters.ZeroPoints[0],
                DequantizedName = dequantized.Name,
            });
        }
        return records;
    }

    /// <summary>Gives a quantized graph output's name to the DequantizeLinear output that now carries it.</summary>
    private static void KeepOutputName(GraphContext graph, Value value, Value dequantized)
    {
        string name = value.Name;
        value.Name = graph.Model.Names.Fresh(name + "_float");
        dequantized.Name = name;
        for (int i = 0; i < graph.Graph.Outputs.Count; i++)
        {
            if (ReferenceEquals(graph.Graph.Outputs[i], value)) graph.Graph.Outputs[i] = dequantized;
        }
    }
}
