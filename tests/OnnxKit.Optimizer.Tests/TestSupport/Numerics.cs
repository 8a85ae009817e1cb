using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Runtime;
using OnnxKit.Serialization;

namespace OnnxKit.Optimizer.Tests.TestSupport;

/// <summary>Seeded random inputs, runs through the execution contract, and output comparison between an original and an optimized model.</summary>
public static class Numerics
{
    /// <summary>The independent judge of the optimizer's numerics: ONNX Runtime on the CPU with its own graph optimizations off.</summary>
    public static IBackend OnnxRuntime => OnnxRuntimeBackend.AsWritten;

    /// <summary>Runs <paramref name="model"/> once on <see cref="OnnxRuntime"/>; returns every graph output in order.</summary>
    public static IReadOnlyList<ITensor> Run(Model model, IReadOnlyList<(string Name, ITensor Tensor)> inputs)
    {
        using var prepared = OnnxRuntime.Prepare(model);
        return Run(prepared, inputs);
    }

    /// <summary>Runs a prepared model once; returns every output in graph order.</summary>
    public static IReadOnlyList<ITensor> Run(IModelBackend prepared, IReadOnlyList<(string Name, ITensor Tensor)> inputs)
    {
        var outputs = prepared.Run(inputs.ToDictionary(i => i.Name, i => i.Tensor));
        return prepared.Outputs.Select(o => outputs[o.Name]).ToList();
    }

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
    /// Asserts every output of <paramref name="actual"/> matches <paramref name="expected"/> within
    /// <c>Tolerance(rtol, atol)</c> by the one comparison rule (<see cref="OutputComparer"/>): same
    /// types and shapes, floats within |a − e| ≤ atol + rtol·|e|, NaN only where NaN, infinities
    /// equal, integers exact.
    /// </summary>
    public static void AssertClose(IReadOnlyList<ITensor> expected, IReadOnlyList<ITensor> actual, double rtol, double atol)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int k = 0; k < expected.Count; k++)
        {
            var comparison = OutputComparer.Compare($"output {k}", expected[k], actual[k], new Tolerance(rtol, atol));
            Assert.True(comparison.Passed, $"output {k}: {comparison.Problem}");
        }
    }

    /// <summary>Runs both models in ONNX Runtime on the same seeded inputs and asserts their outputs agree.</summary>
    public static void AssertSameOutputs(Model original, Model optimized, double rtol = 1e-4, double atol = 1e-5, int seed = 7)
    {
        var inputs = RandomInputs(original, seed);
        AssertClose(Run(original, inputs), Run(optimized, inputs), rtol, atol);
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
