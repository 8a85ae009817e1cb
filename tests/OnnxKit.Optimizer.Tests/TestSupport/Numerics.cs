using OnnxKit.Ir;
using OnnxKit.Serialization;

namespace OnnxKit.Optimizer.Tests.TestSupport;

/// <summary>Seeded random inputs and output comparison between an original and an optimized model.</summary>
public static class Numerics
{
    /// <summary>Random inputs for every graph input that is not an initializer; symbolic dims become <paramref name="symbolSize"/>.</summary>
    public static List<(string Name, ITensor Tensor)> RandomInputs(Model model, int seed = 7, int symbolSize = 2)
    {
        var random = new Random(seed);
        var inputs = new List<(string, ITensor)>();
        foreach (var input in model.Graph.Inputs.Where(v => !model.Graph.Initializers.Contains(v.Name)))
        {
            var type = input.TensorType ?? throw new InvalidOperationException($"Input '{input.Name}' is not a tensor.");
            long[] dims = type.Shape!.Select(d => d.Value ?? symbolSize).ToArray();
            long n = dims.Aggregate(1L, (p, d) => p * d);
            ITensor tensor = type.ElementType switch
            {
                DataType.Float => DenseTensor.FromFloats(Enumerable.Range(0, (int)n).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray(), dims),
                DataType.Float16 => DenseTensor.FromArray(DataType.Float16, Enumerable.Range(0, (int)n).Select(_ => (Half)(random.NextDouble() * 4 - 2)).ToArray(), dims),
                DataType.Int64 => DenseTensor.FromInt64s(Enumerable.Range(0, (int)n).Select(_ => (long)random.Next(0, 3)).ToArray(), dims),
                _ => throw new NotSupportedException($"No random inputs for {type.ElementType.OnnxName()}."),
            };
            inputs.Add((input.Name, tensor));
        }
        return inputs;
    }

    /// <summary>
    /// Asserts every output of <paramref name="actual"/> is within |a − e| ≤ atol + rtol·|e| of
    /// <paramref name="expected"/> (NaNs must match NaNs), with equal shapes and types.
    /// </summary>
    public static void AssertClose(IReadOnlyList<ITensor> expected, IReadOnlyList<ITensor> actual, double rtol, double atol)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int k = 0; k < expected.Count; k++)
        {
            Assert.Equal(expected[k].DataType, actual[k].DataType);
            Assert.Equal(expected[k].Dims, actual[k].Dims);
            double[] e = expected[k].ToDoubleArray(), a = actual[k].ToDoubleArray();
            for (int i = 0; i < e.Length; i++)
            {
                if (double.IsNaN(e[i]) && double.IsNaN(a[i])) continue;
                if (e[i] == a[i]) continue;
                Assert.True(Math.Abs(a[i] - e[i]) <= atol + rtol * Math.Abs(e[i]),
                    $"output {k} element {i}: expected {e[i]}, got {a[i]} (rtol {rtol}, atol {atol})");
            }
        }
    }

    /// <summary>Runs both models in ONNX Runtime on the same seeded inputs and asserts their outputs agree.</summary>
    public static void AssertSameOutputs(Model original, Model optimized, double rtol = 1e-4, double atol = 1e-5, int seed = 7)
    {
        var inputs = RandomInputs(original, seed);
        AssertClose(Ort.Run(original, inputs), Ort.Run(optimized, inputs), rtol, atol);
    }

    /// <summary>The case's test inputs for the graph inputs that are not initializers; null when some are not plain tensors.</summary>
    public static List<(string Name, ITensor Tensor)>? CaseInputs(string caseDir, Model model)
    {
        var inputs = model.Graph.Inputs.Where(v => !model.Graph.Initializers.Contains(v.Name)).ToList();
        var result = new List<(string, ITensor)>();
        for (int i = 0; i < inputs.Count; i++)
        {
            string file = Path.Combine(caseDir, "test_data_set_0", $"input_{i}.pb");
            if (inputs[i].Type is not TensorType || !File.Exists(file)) return null;
            var tensor = TensorProtoFile.Read(file);
            if (tensor.DataType == DataType.String) return null;
            result.Add((inputs[i].Name, tensor));
        }
        return result;
    }
}
