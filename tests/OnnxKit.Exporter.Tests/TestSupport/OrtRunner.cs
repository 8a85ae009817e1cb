using Microsoft.ML.OnnxRuntime;
using OnnxKit.Ir;
using OnnxKit.Serialization;

namespace OnnxKit.Exporter.Tests.TestSupport;

/// <summary>Runs an in-memory ONNX model in ONNX Runtime (CPU) on float inputs and returns float outputs.</summary>
internal static class OrtRunner
{
    public static float[][] Run(Model model, params (float[] Data, long[] Shape)[] inputs)
    {
        byte[] bytes = OnnxFile.ToBytes(model);
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(bytes, options);
        var realInputs = model.Graph.Inputs.Where(i => i.ConstValue is null).ToArray();
        Assert.Equal(realInputs.Length, inputs.Length);
        var inputValues = inputs.Select(i => OrtValue.CreateTensorValueFromMemory(i.Data, i.Shape)).ToArray();
        try
        {
            using var runOptions = new RunOptions();
            var outputNames = model.Graph.Outputs.Select(o => o.Name).ToArray();
            using var results = session.Run(runOptions, realInputs.Select(i => i.Name).ToArray(), inputValues, outputNames);
            return results.Select(r => r.GetTensorDataAsSpan<float>().ToArray()).ToArray();
        }
        finally
        {
            foreach (var value in inputValues) value.Dispose();
        }
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
