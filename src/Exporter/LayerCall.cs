namespace OnnxKit.Exporter;

/// <summary>
/// One call of a layer on symbolic tensors (Keras's "node"): the inputs it read and the
/// outputs it produced. A layer called twice has two calls and one set of weights.
/// </summary>
public sealed class LayerCall
{
    private static long nextSequence;
    private SymbolicTensor[] outputs = [];

    internal LayerCall(Layer layer, int callIndex, IReadOnlyList<SymbolicTensor> inputs)
    {
        Layer = layer;
        CallIndex = callIndex;
        Inputs = inputs.ToArray();
        Sequence = Interlocked.Increment(ref nextSequence);
    }

    /// <summary>The layer that was called.</summary>
    public Layer Layer { get; }

    /// <summary>Which call of <see cref="Layer"/> this is (0 for the first).</summary>
    public int CallIndex { get; }

    /// <summary>The tensors the call read.</summary>
    public IReadOnlyList<SymbolicTensor> Inputs { get; }

    /// <summary>The tensors the call produced.</summary>
    public IReadOnlyList<SymbolicTensor> Outputs => outputs;

    /// <summary>Creation order across all calls; a call always comes after the calls producing its inputs.</summary>
    internal long Sequence { get; }

    internal void SetOutputs(SymbolicTensor[] values) => outputs = values;

    /// <inheritdoc/>
    public override string ToString() => $"{Layer.Name}[{CallIndex}]";
}
