using OnnxKit.Ir;
using OnnxKit.Execution;

namespace OnnxKit.Optimizer.Float16;

/// <summary>
/// Finds the first layer producing NaN or infinity: runs a copy of the model with every
/// floating-point node output of the main graph exposed as a graph output, on one input set, and
/// returns the first node in graph order with a non-finite element.
/// </summary>
public static class NanInfScanner
{
    /// <summary>The first node with a non-finite output, or null when all are finite.</summary>
    public static NanInfFinding? Scan(Model model, IBackend backend, IReadOnlyDictionary<string, ITensor> inputs)
    {
        var probe = model.Clone();
        var exposed = new List<(Node Node, Value Value)>();
        foreach (var node in probe.Graph.Nodes)
        {
            foreach (var output in node.Outputs)
            {
                if (output.Name.Length == 0 || output.TensorType?.ElementType is not { } type || !type.IsFloatingPoint()) continue;
                if (!probe.Graph.Outputs.Contains(output)) probe.Graph.Outputs.Add(output);
                exposed.Add((node, output));
            }
        }
        var results = backend.RunEach(probe, [inputs])[0];
        foreach (var (node, value) in exposed)
        {
            double[] values = results[value.Name].ToDoubleArray();
            long nans = values.LongCount(double.IsNaN), infinities = values.LongCount(double.IsInfinity);
            if (nans + infinities > 0)
                return new NanInfFinding(Float16Converter.NodeKey(node), node.OpType, value.Name, nans, infinities, values.Length);
        }
        return null;
    }
}
