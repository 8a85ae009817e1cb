namespace OnnxKit.Ir;

/// <summary>
/// A graph's inputs, in order. A value is an input of at most one graph, listed once, and is not
/// produced by a node; it may also be an initializer of the same graph (a default the caller may
/// override, or, before IR version 4, how every initializer was declared).
/// </summary>
public sealed class GraphInputList : GraphValueList
{
    internal GraphInputList(Graph graph)
        : base(graph)
    {
    }

    /// <inheritdoc/>
    public override bool Contains(Value value) => value.IsInputOf(Graph);

    private protected override void Attach(Value value, int index) => value.JoinInputs(Graph);

    private protected override void Detach(Value value, int index) => value.LeaveInputs();
}
