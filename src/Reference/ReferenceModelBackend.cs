using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Security;
using OnnxKit.Serialization;

namespace OnnxKit.Reference;

/// <summary>
/// The reference evaluator behind OnnxKit's <see cref="IModelBackend"/>, so that commands such as
/// <c>onnxkit run --backend reference</c> can use it in place of ONNX Runtime. It holds no native
/// resources; <see cref="Dispose"/> does nothing.
/// </summary>
public sealed class ReferenceModelBackend : IModelBackend
{
    private readonly ReferenceSession session;

    /// <summary>Prepares <paramref name="model"/>; throws <see cref="UnsupportedFeatureException"/> naming an operator the evaluator lacks.</summary>
    public ReferenceModelBackend(Model model, ResourceLimits? limits = null)
    {
        session = new ReferenceSession(model, limits);
        Inputs = session.Inputs.Select(Spec).ToList();
        Outputs = session.Outputs.DistinctBy(v => v.Name).Select(Spec).ToList(); // an output listed twice is one value
    }

    /// <summary>Loads the model file at <paramref name="path"/> and prepares it.</summary>
    public static ReferenceModelBackend Open(string path) => Open(path, null);

    /// <summary>Loads the model file at <paramref name="path"/> and prepares it to run within <paramref name="limits"/>.</summary>
    public static ReferenceModelBackend Open(string path, ResourceLimits? limits) => new(OnnxFile.Load(path), limits);

    /// <inheritdoc/>
    public string Name => "reference";

    /// <inheritdoc/>
    public IReadOnlyList<TensorSpec> Inputs { get; }

    /// <inheritdoc/>
    public IReadOnlyList<TensorSpec> Outputs { get; }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, ITensor> Run(IReadOnlyDictionary<string, ITensor> inputs, CancellationToken cancellationToken = default)
    {
        var values = inputs.ToDictionary(kv => kv.Key, kv => (RuntimeValue)TensorValue.FromTensor(kv.Value));
        var outputs = session.Run(values, cancellationToken);
        return outputs.ToDictionary(kv => kv.Key, kv => kv.Value is TensorValue tensor
            ? tensor.ToTensor(kv.Key)
            : throw new UnsupportedFeatureException("non-tensor outputs", $"Output '{kv.Key}' is {kv.Value.Describe()}; this interface returns tensors only."));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private static TensorSpec Spec(Value value) => value.Type switch
    {
        TensorType tensor => new TensorSpec(value.Name, tensor.ElementType, tensor.Shape),
        _ => new TensorSpec(value.Name, DataType.Undefined, null),
    };
}
