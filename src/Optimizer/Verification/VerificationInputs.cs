using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Runtime.Tensors;

namespace OnnxKit.Optimizer.Verification;

/// <summary>Input sets for verification: the inputs the user gave, and seeded random tensors for the rest.</summary>
public static class VerificationInputs
{
    /// <summary>
    /// <paramref name="count"/> input sets for <paramref name="model"/>'s inputs (one when every input is
    /// given). Random floats are centred on zero (uniform in [−1, 1)) so sign-dependent paths are exercised;
    /// other types follow OnnxKit.Runtime's random tensors. Symbolic dims come from <paramref name="shapes"/>
    /// or are 1, which <paramref name="notes"/> records.
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, ITensor>> Create(Model model, int count, int seed,
        IReadOnlyDictionary<string, ITensor> given, ShapeOverrides shapes, ICollection<string> notes)
    {
        var specs = model.Graph.Inputs.Where(v => !model.Graph.Initializers.Contains(v.Name))
            .Select(v => v.TensorType is { } t ? new TensorSpec(v.Name, t.ElementType, t.Shape)
                : throw new OnnxKitException($"Input '{v.Name}' is not a tensor ({v.Type?.ToString() ?? "untyped"}); give it with --input or skip verification."))
            .ToList();
        foreach (var name in given.Keys.Where(n => specs.All(s => s.Name != n)))
            throw new OnnxKitException($"The model has no input named '{name}' (inputs: {string.Join(", ", specs.Select(s => s.Name))}).");
        var missing = specs.Where(s => !given.ContainsKey(s.Name)).ToList();
        int sets = missing.Count == 0 ? 1 : Math.Max(1, count);
        var result = new List<IReadOnlyDictionary<string, ITensor>>();
        for (int k = 0; k < sets; k++)
        {
            var set = new Dictionary<string, ITensor>(given, StringComparer.Ordinal);
            var setNotes = k == 0 ? notes : new List<string>();
            foreach (var (name, tensor) in RandomTensors.ForInputs(missing, shapes, seed + k, setNotes)) set[name] = CentreFloats(tensor);
            result.Add(set);
        }
        return result;
    }

    private static ITensor CentreFloats(ITensor tensor)
    {
        if (tensor.DataType is not (DataType.Float or DataType.Double or DataType.Float16)) return tensor;
        double[] values = tensor.ToDoubleArray();
        var dims = tensor.Dims.ToArray();
        return tensor.DataType switch
        {
            DataType.Float => DenseTensor.FromFloats(values.Select(v => (float)(2 * v - 1)).ToArray(), dims, tensor.Name),
            DataType.Double => DenseTensor.FromArray(DataType.Double, values.Select(v => 2 * v - 1).ToArray(), dims, tensor.Name),
            _ => DenseTensor.FromArray(DataType.Float16, values.Select(v => (Half)(2 * v - 1)).ToArray(), dims, tensor.Name),
        };
    }
}
