using OnnxKit.Exporter.StandardLayers;

namespace OnnxKit.Exporter.Networks;

/// <summary>
/// The layer calls between a model's inputs and outputs, in a topological order (creation
/// order), and the layers they use. Built once per model; checks that every output is
/// reachable from the declared inputs and that layer names are unique.
/// </summary>
internal sealed class NetworkGraph
{
    private NetworkGraph(IReadOnlyList<LayerCall> calls, IReadOnlyList<Layer> layers)
    {
        Calls = calls;
        Layers = layers;
    }

    /// <summary>Every call on a path from an input to an output, input-layer calls included, in creation order.</summary>
    public IReadOnlyList<LayerCall> Calls { get; }

    /// <summary>The distinct layers of <see cref="Calls"/>, in order of first use.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>Traces the graph from <paramref name="outputs"/> back to <paramref name="inputs"/>.</summary>
    public static NetworkGraph Trace(string modelName, IReadOnlyList<SymbolicTensor> inputs, IReadOnlyList<SymbolicTensor> outputs)
    {
        if (inputs.Count == 0) throw new OnnxKitException($"Model '{modelName}' has no inputs.");
        if (outputs.Count == 0) throw new OnnxKitException($"Model '{modelName}' has no outputs.");
        foreach (var input in inputs)
        {
            if (input.Layer is not InputLayer)
                throw new OnnxKitException($"Model '{modelName}': input {input.Name} is produced by layer '{input.Layer.Name}' ({input.Layer.TypeName}); model inputs must come from Layers.Input.");
        }
        var inputSet = inputs.ToHashSet();
        var visited = new HashSet<LayerCall>();
        var pending = new Stack<SymbolicTensor>(outputs);
        while (pending.Count > 0)
        {
            var tensor = pending.Pop();
            if (!visited.Add(tensor.Producer)) continue;
            if (tensor.Layer is InputLayer && !inputSet.Contains(tensor))
                throw new OnnxKitException($"Model '{modelName}' is disconnected: its outputs depend on input '{tensor.Layer.Name}', which is not among the model's inputs ({string.Join(", ", inputs.Select(i => i.Layer.Name))}).");
            foreach (var input in tensor.Producer.Inputs) pending.Push(input);
        }
        foreach (var input in inputs) visited.Add(input.Producer);
        var calls = visited.OrderBy(c => c.Sequence).ToArray();
        var layers = calls.Select(c => c.Layer).Distinct().ToArray();
        var duplicate = layers.GroupBy(l => l.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new OnnxKitException($"Model '{modelName}' has {duplicate.Count()} different layers named '{duplicate.Key}'; layer names must be unique.");
        return new NetworkGraph(calls, layers);
    }
}
