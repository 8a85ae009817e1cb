using OnnxKit.Ir;
using OnnxKit.Security;
using OnnxKit.Serialization;

namespace OnnxKit.Reference;

/// <summary>
/// One model prepared on the reference evaluator, behind OnnxKit's execution contract, so that
/// commands such as <c>onnxkit run --backend reference</c>, verification and constant folding can
/// use it in place of ONNX Runtime. It exchanges tensors, and through <see cref="RunValues"/> also
/// sequences and optionals. It holds no native resources; <see cref="Dispose"/> does nothing.
/// <see cref="ReferenceBackend"/> makes these.
/// </summary>
public sealed class ReferenceModelBackend : IModelBackend
{
    private readonly ReferenceSession session;

    /// <summary>Prepares <paramref name="model"/>; throws <see cref="UnsupportedFeatureException"/> naming an operator the evaluator lacks.</summary>
    public ReferenceModelBackend(Model model, string? name = null, ResourceLimits? limits = null) => session = new ReferenceSession(model, name, limits);

    /// <summary>Loads the model file at <paramref name="path"/> and prepares it.</summary>
    public static ReferenceModelBackend Open(string path) => Open(path, null);

    /// <summary>Loads the model file at <paramref name="path"/> and prepares it to run within <paramref name="limits"/>.</summary>
    public static ReferenceModelBackend Open(string path, ResourceLimits? limits) => new(OnnxFile.Load(path), Path.GetFileName(path), limits);

    /// <inheritdoc/>
    public string Name => "reference";

    /// <inheritdoc/>
    public IReadOnlyList<TensorSpec> Inputs => session.InputSpecs;

    /// <inheritdoc/>
    public IReadOnlyList<TensorSpec> Outputs => session.OutputSpecs;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, ITensor> Run(IReadOnlyDictionary<string, ITensor> inputs, CancellationToken cancellationToken = default)
    {
        var values = inputs.ToDictionary(kv => kv.Key, kv => (RuntimeValue)TensorValue.FromTensor(kv.Value));
        var outputs = session.Run(values, cancellationToken);
        return outputs.ToDictionary(kv => kv.Key, kv => kv.Value is TensorValue tensor
            ? tensor.ToTensor(kv.Key)
            : throw new UnsupportedFeatureException("non-tensor outputs", $"Output '{kv.Key}' is {kv.Value.Describe()}; Run returns tensors only (use RunValues)."));
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, OnnxValue> RunValues(IReadOnlyDictionary<string, OnnxValue> inputs, CancellationToken cancellationToken = default)
    {
        var values = inputs.ToDictionary(kv => kv.Key, kv => FromContract(kv.Value));
        var outputs = session.Run(values, cancellationToken);
        return outputs.ToDictionary(kv => kv.Key, kv => ToContract(kv.Value, kv.Key));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private static RuntimeValue FromContract(OnnxValue value) => value.Kind switch
    {
        OnnxValueKind.Tensor => TensorValue.FromTensor(value.Tensor),
        OnnxValueKind.Sequence => new SequenceValue(value.Items.Select(FromContract), value.ElementType),
        _ => new OptionalValue(value.Content is { } content ? FromContract(content) : null, value.ElementType),
    };

    private static OnnxValue ToContract(RuntimeValue value, string? name) => value switch
    {
        TensorValue tensor => OnnxValue.FromTensor(tensor.ToTensor(name)),
        SequenceValue sequence => OnnxValue.Sequence(sequence.Items.Select(item => ToContract(item, null)), sequence.ElementType),
        OptionalValue optional => OnnxValue.Optional(optional.Content is { } content ? ToContract(content, name) : null, optional.ElementType),
        _ => throw new UnsupportedFeatureException("value kind", $"The evaluator produced {value.Describe()}, which the execution contract does not carry."),
    };
}
