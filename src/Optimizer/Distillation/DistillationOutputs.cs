using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Distillation;

/// <summary>
/// The output names distillation prep gives a teacher (<see cref="Logits"/>, <see cref="SoftTargets"/>)
/// and how a tensor is published under such a name without disturbing the model's other names.
/// </summary>
public static class DistillationOutputs
{
    /// <summary>The output holding the teacher's class logits, [batch, classes].</summary>
    public const string Logits = "logits";

    /// <summary>The output holding Softmax(logits / T), [batch, classes].</summary>
    public const string SoftTargets = "soft_targets";

    /// <summary>
    /// Makes <paramref name="source"/> a graph output called <paramref name="name"/>: an Identity
    /// copies it when it has another name (an inner value already called <paramref name="name"/>
    /// is renamed out of the way); nothing changes when it already is that output.
    /// </summary>
    /// <exception cref="OnnxKitException">Another graph output already has the name.</exception>
    public static Value Publish(Model model, Value source, string name)
    {
        var graph = model.Graph;
        if (source.Name == name && graph.Outputs.Contains(source)) return source;
        if (graph.Outputs.FirstOrDefault(o => o.Name == name) is { } taken)
            throw new OnnxKitException($"The model already has an output named '{name}' that is not the tensor distillation prep puts there ('{source.Name}'); rename that output first.");
        var names = new NameAllocator(model);
        foreach (var value in ValuesOf(graph).Where(v => v.Name == name)) value.Name = names.Fresh(name);
        var published = new Value(name, source.Type);
        graph.Nodes.Add(new Node("", "Identity", [source], [published], name: names.Fresh($"{name}/Identity")));
        graph.Outputs.Add(published);
        return published;
    }

    /// <summary>The oldest opset distillation prep writes to: its scalar Div and Mul need the implicit broadcasting of opset 7.</summary>
    public const int MinOpset = 7;

    /// <summary>Fails, naming the model, when it imports an ai.onnx opset older than <see cref="MinOpset"/>.</summary>
    /// <exception cref="OnnxKitException">The opset is too old.</exception>
    public static void CheckOpset(Model model, string name)
    {
        if (model.OpsetVersion("") is { } opset && opset < MinOpset)
            throw new OnnxKitException($"'{name}' imports ai.onnx opset {opset}; distillation prep needs opset {MinOpset} or newer (convert the model first).");
    }

    /// <summary>Adds a scalar float initializer named after <paramref name="hint"/> and returns it.</summary>
    public static Value ScalarConstant(Model model, string hint, float value) =>
        model.Graph.AddInitializer(new NameAllocator(model).Fresh(hint), DenseTensor.FromFloats([value], []));

    private static IEnumerable<Value> ValuesOf(Graph graph) =>
        graph.Inputs.Concat(graph.Initializers).Concat(graph.Nodes.SelectMany(n => n.Outputs)).Distinct();
}
