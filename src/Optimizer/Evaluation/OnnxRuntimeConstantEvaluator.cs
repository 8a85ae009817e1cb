using OnnxKit.Ir;
using OnnxKit.Optimizer.Rules.Folding;
using OnnxKit.Runtime;

namespace OnnxKit.Optimizer.Evaluation;

/// <summary>Evaluates one node for constant folding by running a one-node model in ONNX Runtime (CPU, its own optimizations off).</summary>
public sealed class OnnxRuntimeConstantEvaluator : IConstantEvaluator
{
    private static readonly SessionSettings Settings = new() { OptimizationLevel = OptimizationLevel.None, IntraOpThreads = 1 };

    /// <inheritdoc/>
    public IReadOnlyList<ITensor>? Evaluate(Node node, IReadOnlyList<ITensor?> inputs, IReadOnlyList<OpsetImport> opsets, out string? reason)
    {
        var model = SingleNodeModel.Build(node, inputs, opsets);
        try
        {
            using var session = OnnxSession.FromModel(model, Settings);
            var outputs = session.Run(new Dictionary<string, ITensor>());
            int next = 0;
            var results = new ITensor[node.Outputs.Count];
            for (int i = 0; i < results.Length; i++)
            {
                if (node.Outputs[i].Name.Length == 0) results[i] = DenseTensor.FromFloats([], [0]);
                else results[i] = outputs[model.Graph.Outputs[next++].Name];
            }
            reason = null;
            return results;
        }
        catch (OnnxKitException e)
        {
            reason = e.Message;
            return null;
        }
    }
}
