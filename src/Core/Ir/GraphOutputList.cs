namespace OnnxKit.Ir;

/// <summary>
/// A graph's outputs, in order. Any value visible in the graph may be an output: a node output, an
/// input, an initializer, or (in a subgraph) a value of an enclosing graph; the same value may be
/// listed more than once. Each value knows which graphs list it, so
/// <see cref="GraphValueList.Contains"/> and <see cref="Value.IsGraphOutput"/> are O(1).
/// </summary>
public sealed class GraphOutputList : GraphValueList
{
    internal GraphOutputList(Graph graph)
        : base(graph)
    {
    }

    /// <inheritdoc/>
    public override bool Contains(Value value) => value.IsOutputOf(Graph);

    /// <summary>Lists <paramref name="replacement"/> wherever <paramref name="value"/> is listed.</summary>
    internal void ReplaceAll(Value value, Value replacement)
    {
        for (int i = 0; i < Count; i++)
        {
            if (ReferenceEquals(this[i], value)) this[i] = replacement;
        }
    }

    private protected override void Attach(Value value, int index) => value.JoinOutputs(Graph);

    private protected override void Detach(Value value, int index) => value.LeaveOutputs(Graph);
}
