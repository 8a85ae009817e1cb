using Microsoft.ML.OnnxRuntime;
using OnnxKit.Serialization;

namespace OnnxKit.OpsetTests;

/// <summary>Runs a model once on ONNX Runtime's CPU provider and returns every float output.</summary>
internal static class OrtRunner
{
    public static float[][] Run(OnnxKit.Ir.Model model, SeededInput[] inputs, GraphOptimizationLevel level)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = level, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(OnnxFile.ToBytes(model), options);
        var values = inputs.Select(i => OrtValue.CreateTensorValueFromMemory(i.Data, i.Shape)).ToArray();
        try
        {
            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, inputs.Select(i => i.Name).ToArray(), values, model.Graph.Outputs.Select(o => o.Name).ToArray());
            return results.Select(r => r.GetTensorDataAsSpan<float>().ToArray()).ToArray();
        }
        finally
        {
            foreach (var value in values) value.Dispose();
        }
    }
}
