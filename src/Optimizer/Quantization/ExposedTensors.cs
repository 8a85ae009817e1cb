using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Quantization;

/// <summary>Copies of a model whose intermediate tensors are also graph outputs, so a backend returns them.</summary>
public static class ExposedTensors
{
    /// <summary>
    /// A copy of <paramref name="model"/> with each of <paramref name="names"/> (node outputs of the main
    /// graph) added as a graph output; names that are graph inputs or outputs already are left as they are.
    /// </summary>
    /// <exception cref="OnnxKitException">A name is not an input or node output of the main graph.</exception>
    public static Model With(Model model, IEnumerable<string> names)
    {
        var copy = model.Clone();
        var graph = copy.Graph;
        var byName = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var value in graph.Inputs.Concat(graph.Nodes.SelectMany(n => n.Outputs))) byName.TryAdd(value.Name, value);
        foreach (var name in names)
        {
            if (!byName.TryGetValue(name, out var value)) throw new OnnxKitException($"'{name}' is not an input or a node output of the main graph.");
            if (graph.Inputs.Contains(value) || graph.Outputs.Contains(value)) continue;
            value.Type ??= new TensorType(DataType.Float, null);
            graph.Outputs.Add(value);
        }
        return copy;
    }

    /// <summary>The float32 values of <paramref name="name"/> after a run: from the outputs, or from the batch for a graph input.</summary>
    public static float[] Read(string name, IReadOnlyDictionary<string, ITensor> outputs, IReadOnlyDictionary<string, ITensor> inputs) =>
        (outputs.TryGetValue(name, out var tensor) ? tensor : inputs[name]).ToArray<float>();
}
