using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Reference.Conformance;

/// <summary>
/// Runs conformance cases on any <see cref="IModelBackend"/> (ONNX Runtime's session, for one).
/// That interface exchanges tensors only, so cases whose inputs or outputs are sequences or
/// optionals are skipped with that reason.
/// </summary>
public sealed class TensorBackendAdapter : IConformanceBackend
{
    private readonly Func<string, IModelBackend> open;

    /// <summary>Creates the adapter; <paramref name="open"/> loads a model file on the backend.</summary>
    public TensorBackendAdapter(string name, Func<string, IModelBackend> open)
    {
        Name = name;
        this.open = open;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public IPreparedModel Load(Model model, string modelPath)
    {
        var values = model.Graph.Inputs.Where(v => !model.Graph.Initializers.Contains(v.Name)).Concat(model.Graph.Outputs);
        if (values.FirstOrDefault(v => v.Type is not (TensorType or null)) is { } other)
            throw new UnsupportedFeatureException("non-tensor values", $"'{other.Name}' is {other.Type}; the {Name} backend is driven through tensors only.");
        return new Prepared(open(modelPath), model);
    }

    private sealed class Prepared(IModelBackend backend, Model model) : IPreparedModel
    {
        public IReadOnlyList<RuntimeValue> Run(IReadOnlyList<RuntimeValue> inputs)
        {
            var names = model.Graph.Inputs.Where(v => !model.Graph.Initializers.Contains(v.Name)).Select(v => v.Name).ToList();
            var feed = new Dictionary<string, ITensor>();
            for (int i = 0; i < inputs.Count; i++)
                feed[names[i]] = inputs[i] is TensorValue t ? t.ToTensor(names[i]) : throw new UnsupportedFeatureException("non-tensor values", "a fed value is not a tensor.");
            var outputs = backend.Run(feed);
            return model.Graph.Outputs.Select(o => (RuntimeValue)TensorValue.FromTensor(outputs[o.Name])).ToList();
        }

        public void Dispose() => backend.Dispose();
    }
}
