using OnnxKit.Ir;
using OnnxKit.Optimizer.Rules.Folding;
using OnnxKit.Reference;

namespace OnnxKit.Optimizer.Evaluation;

/// <summary>Evaluates one node for constant folding with OnnxKit's reference evaluator (the optimizer's default).</summary>
public sealed class ReferenceConstantEvaluator : IConstantEvaluator
{
    /// <inheritdoc/>
    public IReadOnlyList<ITensor>? Evaluate(Node node, IReadOnlyList<ITensor?> inputs, IReadOnlyList<OpsetImport> opsets, out string? reason)
    {
        var model = SingleNodeModel.Build(node, inputs, opsets);
        try
        {
            using var backend = new ReferenceModelBackend(model);
            var outputs = backend.Run(new Dictionary<string, ITensor>());
            int next = 0;
            var results = new ITensor[node.Outputs.Count];
            for (int i = 0; i < results.Length; i++)
            {
                results[i] = node.Outputs[i].Name.Length == 0 ? DenseTensor.FromFloats([], [0]) : outputs[model.Graph.Outputs[next++].Name];
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
