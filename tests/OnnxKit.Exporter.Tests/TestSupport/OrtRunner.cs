using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Runtime;

namespace OnnxKit.Exporter.Tests.TestSupport;

/// <summary>
/// Runs an in-memory ONNX model on ONNX Runtime (CPU, its own graph optimizations off) through the
/// execution contract, on float inputs, and returns float outputs: the independent result exported
/// models are checked against.
/// </summary>
internal static class OrtRunner
{
    /// <summary>Feeds <paramref name="inputs"/> to the graph inputs that are not initializers, in order; returns every output in graph order.</summary>
    public static float[][] Run(Model model, params (float[] Data, long[] Shape)[] inputs)
    {
        var realInputs = model.Graph.Inputs.Where(i => i.ConstValue is null).ToArray();
        Assert.Equal(realInputs.Length, inputs.Length);
        using var prepared = OnnxRuntimeBackend.AsWritten.Prepare(model);
        var outputs = prepared.Run(realInputs.Zip(inputs).ToDictionary(p => p.First.Name, p => (ITensor)DenseTensor.FromFloats(p.Second.Data, p.Second.Shape)));
        return model.Graph.Outputs.Select(o => outputs[o.Name].ToArray<float>()).ToArray();
    }

    /// <summary>Seeded uniform values in [-1, 1).</summary>
    public static float[] RandomData(long count, int seed)
    {
        var random = new Random(seed);
        var data = new float[count];
        for (long i = 0; i < count; i++) data[i] = (float)(random.NextDouble() * 2 - 1);
        return data;
    }
}
