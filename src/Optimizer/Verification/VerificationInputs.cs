using System.Runtime.InteropServices;
using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Verification;

/// <summary>Input sets for verification: the inputs the user gave, and seeded random tensors for the rest.</summary>
public static class VerificationInputs
{
    /// <summary>
    /// <paramref name="count"/> input sets for <paramref name="model"/>'s inputs (one when every input is
    /// given). Random floats are centred on zero (uniform in [−1, 1)) so sign-dependent paths are exercised;
    /// other types follow <see cref="RandomTensors"/>. Symbolic dims come from <paramref name="shapes"/>
    /// or are 1, which <paramref name="notes"/> records. Returns null, with <paramref name="unavailable"/>
    /// saying why, when an input that was not given cannot be generated (a sequence, an untyped input, an
    /// element type random tensors do not cover).
    /// </summary>
    /// <exception cref="OnnxKitException">A given input names no input of the model.</exception>
    public static IReadOnlyList<IReadOnlyDictionary<string, ITensor>>? Create(Model model, int count, int seed,
        IReadOnlyDictionary<string, ITensor> given, ShapeOverrides shapes, ICollection<string> notes, out string? unavailable)
    {
        unavailable = null;
        var inputs = model.Graph.Inputs.Where(v => !model.Graph.Initializers.Contains(v.Name)).ToList();
        foreach (var name in given.Keys.Where(n => inputs.All(v => v.Name != n)))
            throw new OnnxKitException($"The model has no input named '{name}' (inputs: {string.Join(", ", inputs.Select(v => v.Name))}).");
        var missing = new List<TensorSpec>();
        foreach (var input in inputs.Where(v => !given.ContainsKey(v.Name)))
        {
            if (input.TensorType is not { } t)
            {
                unavailable = $"input '{input.Name}' is not a tensor ({input.Type?.ToString() ?? "untyped"}); give it with --input";
                return null;
            }
            missing.Add(new TensorSpec(input.Name, t.ElementType, t.Shape));
        }
        int sets = missing.Count == 0 ? 1 : Math.Max(1, count);
        var result = new List<IReadOnlyDictionary<string, ITensor>>();
        for (int k = 0; k < sets; k++)
        {
            var set = new Dictionary<string, ITensor>(given, StringComparer.Ordinal);
            var setNotes = k == 0 ? notes : new List<string>();
            try
            {
                foreach (var (name, tensor) in RandomTensors.ForInputs(missing, shapes, seed + k, setNotes)) set[name] = CentreFloats(tensor);
            }
            catch (OnnxKitException e) when (e.Message.StartsWith("Random inputs", StringComparison.Ordinal))
            {
                unavailable = e.Message;
                return null;
            }
            result.Add(set);
        }
        return result;
    }

    /// <summary>Maps uniform [0, 1) floats to [−1, 1) as 2v − 1, computed in double and rounded once to the element type.</summary>
    private static ITensor CentreFloats(ITensor tensor)
    {
        if (tensor.DataType is not (DataType.Float or DataType.Double or DataType.Float16)) return tensor;
        var dims = tensor.Dims.ToArray();
        if (tensor.DataType == DataType.Float) // the usual case, an image batch: straight from the bytes, no double array
        {
            var source = MemoryMarshal.Cast<byte, float>(tensor.GetRawData().Span);
            var centred = new float[source.Length];
            for (int i = 0; i < centred.Length; i++) centred[i] = (float)(2 * (double)source[i] - 1);
            return DenseTensor.FromFloats(centred, dims, tensor.Name);
        }
        double[] values = tensor.ToDoubleArray();
        return tensor.DataType switch
        {
            DataType.Double => DenseTensor.FromArray(DataType.Double, values.Select(v => 2 * v - 1).ToArray(), dims, tensor.Name),
            _ => DenseTensor.FromArray(DataType.Float16, values.Select(v => (Half)(2 * v - 1)).ToArray(), dims, tensor.Name),
        };
    }
}
