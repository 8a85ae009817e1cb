using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Rules.Folding;

/// <summary>
/// Computes one node's outputs from constant inputs, for constant folding. The optimizer's
/// default is the pure-C# reference evaluator; tests may plug in another backend.
/// </summary>
public interface IConstantEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="node"/> (which is not modified) on <paramref name="inputs"/>, given in
    /// the node's input order (null for omitted optional inputs), under <paramref name="opsets"/>.
    /// Returns one tensor per node output, or null with <paramref name="reason"/> when the node cannot be
    /// evaluated (unsupported operator or type).
    /// </summary>
    IReadOnlyList<ITensor>? Evaluate(Node node, IReadOnlyList<ITensor?> inputs, IReadOnlyList<OpsetImport> opsets, out string? reason);
}
