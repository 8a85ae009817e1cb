namespace OnnxKit.Optimizer.Passes;

/// <summary>
/// The record of one pass in one pipeline iteration: whether it changed the model, how long it
/// took, the node counts per operator before and after it, and, when verification rejected its
/// change, why (the change was then undone).
/// </summary>
public sealed record PassRun(
    string Pass,
    int Iteration,
    bool Modified,
    TimeSpan Elapsed,
    IReadOnlyDictionary<string, int> OpsBefore,
    IReadOnlyDictionary<string, int> OpsAfter,
    string? RejectedBecause = null)
{
    /// <summary>Total nodes before the pass.</summary>
    public int NodesBefore => OpsBefore.Values.Sum();

    /// <summary>Total nodes after the pass.</summary>
    public int NodesAfter => OpsAfter.Values.Sum();

    /// <summary>Per operator, how the count changed (only operators whose count changed).</summary>
    public IReadOnlyDictionary<string, int> OpDelta =>
        OpsBefore.Keys.Union(OpsAfter.Keys).Order(StringComparer.Ordinal)
            .Select(op => (op, delta: OpsAfter.GetValueOrDefault(op) - OpsBefore.GetValueOrDefault(op)))
            .Where(d => d.delta != 0).ToDictionary(d => d.op, d => d.delta);
}
