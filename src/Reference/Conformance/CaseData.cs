using OnnxKit.Ir;
using OnnxKit.Serialization;

namespace OnnxKit.Reference.Conformance;

/// <summary>Reads the inputs and expected outputs of one <c>test_data_set_N</c> folder, each file by the type the graph declares for it.</summary>
internal static class CaseData
{
    /// <summary>The values of <c>{prefix}_0.pb</c>, <c>{prefix}_1.pb</c>, ... read as the types of <paramref name="declared"/>, keyed by their names.</summary>
    public static Dictionary<string, OnnxValue> Read(string dataSetDirectory, string prefix, IReadOnlyList<Value> declared)
    {
        var values = new Dictionary<string, OnnxValue>(StringComparer.Ordinal);
        for (int k = 0; ; k++)
        {
            string path = Path.Combine(dataSetDirectory, $"{prefix}_{k}.pb");
            if (!File.Exists(path)) break;
            if (k >= declared.Count) throw new OnnxKitException($"'{path}' has no {prefix} of the model to go to ({declared.Count} declared).");
            values[declared[k].Name] = ReadValue(path, declared[k].Type);
        }
        return values;
    }

    private static OnnxValue ReadValue(string path, OnnxType? type) => type switch
    {
        SequenceType s => OnnxValue.Sequence(TensorProtoFile.ReadSequence(path).Select(OnnxValue.FromTensor), s.ElementType),
        OptionalType o => ReadOptional(path, o),
        _ => OnnxValue.FromTensor(TensorProtoFile.Read(path)),
    };

    private static OnnxValue ReadOptional(string path, OptionalType type)
    {
        var tensor = TensorProtoFile.ReadOptional(path, out bool isSequence, out var sequence);
        OnnxValue? content = isSequence
            ? OnnxValue.Sequence(sequence!.Select(OnnxValue.FromTensor), (type.ElementType as SequenceType)?.ElementType)
            : tensor is null ? null : OnnxValue.FromTensor(tensor);
        return OnnxValue.Optional(content, type.ElementType);
    }
}
