using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.OpsetTests;

/// <summary>Runs a matrix cell's model on a backend of the execution contract, and compares outputs by OnnxKit's one rule.</summary>
internal static class MatrixRuns
{
    /// <summary>Runs <paramref name="model"/> once on <paramref name="backend"/>; every output, in the graph's order.</summary>
    public static IReadOnlyList<ITensor> Run(IBackend backend, Model model, SeededInput[] inputs)
    {
        using var prepared = backend.Prepare(model);
        return Run(prepared, model, inputs);
    }

    /// <summary>Runs a prepared <paramref name="model"/> once; every output, in the graph's order.</summary>
    public static IReadOnlyList<ITensor> Run(IModelBackend prepared, Model model, SeededInput[] inputs)
    {
        var outputs = prepared.Run(inputs.ToDictionary(i => i.Name, i => (ITensor)DenseTensor.FromFloats(i.Data, i.Shape)));
        return model.Graph.Outputs.Select(o => outputs[o.Name]).ToList();
    }

    /// <summary>Null when every output of <paramref name="actual"/> is within <paramref name="tolerance"/> of <paramref name="expected"/>; otherwise the first difference.</summary>
    public static string? Disagreement(IReadOnlyList<ITensor> expected, IReadOnlyList<ITensor> actual, Tolerance tolerance)
    {
        for (int o = 0; o < expected.Count; o++)
        {
            var comparison = OutputComparer.Compare($"output {o}", expected[o], actual[o], tolerance);
            if (!comparison.Passed) return $"output {o}: {comparison.Problem}";
        }
        return null;
    }
}
