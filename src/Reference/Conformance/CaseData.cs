using OnnxKit.Ir;
using OnnxKit.Serialization;

namespace OnnxKit.Reference.Conformance;

/// <summary>Reads the inputs and expected outputs of one <c>test_data_set_N</c> folder, each file by the type the graph declares for it.</summary>
internal static class CaseData
{
    /// <summary>The values of <c>{prefix}_0.pb</c>, <c>{prefix}_1.pb</c>, ... read as the types of <paramref name="declared"/>.</summary>
    public static List<RuntimeValue> Read(string dataSetDirectory, string prefix, IReadOnlyList<Value> declared)
    {
        var values = new List<RuntimeValue>();
        for (int k = 0; ; k++)
        {
            string path = Path.Combine(dataSetDirectory, $"{prefix}_{k}.pb");
            if (!File.Exists(path)) break;
            values.Add(ReadValue(path, k < declared.Count ? declared[k].Type : null));
        }
        return values;
    }

    private static RuntimeValue ReadValue(string path, OnnxType? type) => type switch
    {
        SequenceType s => new SequenceValue(TensorProtoFile.ReadSequence(path).Select(TensorValue.FromTensor), s.ElementType),
        OptionalType o => ReadOptional(path, o),
        _ => TensorValue.FromTensor(TensorProtoFile.Read(path)),
    };

    private static OptionalValue ReadOptional(string path, OptionalType type)
    {
        var tensor = TensorProtoFile.ReadOptional(path, out bool isSequence, out var sequence);
        RuntimeValue? content = isSequence
            ? new SequenceValue(sequence!.Select(TensorValue.FromTensor), (type.ElementType as SequenceType)?.ElementType)
            : tensor is null ? null : TensorValue.FromTensor(tensor);
        return new OptionalValue(content, type.ElementType);
    }
}
