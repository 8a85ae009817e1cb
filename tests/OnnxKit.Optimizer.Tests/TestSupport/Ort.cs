using Microsoft.ML.OnnxRuntime;
using OnnxKit.Ir;
using OnnxKit.Serialization;
using OrtElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace OnnxKit.Optimizer.Tests.TestSupport;

/// <summary>Runs models in ONNX Runtime (CPU, its own graph optimizations off) for independent numeric checks.</summary>
public static class Ort
{
    /// <summary>Runs <paramref name="model"/> on named inputs; returns every graph output in order (NotSupportedException for sequences, maps and strings).</summary>
    public static IReadOnlyList<ITensor> Run(Model model, IReadOnlyList<(string Name, ITensor Tensor)> inputs) =>
        Run(OnnxFile.ToBytes(model), inputs);

    /// <summary>Runs a serialized model on named inputs; returns every graph output in order.</summary>
    public static IReadOnlyList<ITensor> Run(byte[] model, IReadOnlyList<(string Name, ITensor Tensor)> inputs)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
        using var session = new InferenceSession(model, options);
        var values = inputs.Select(i => ToOrtValue(i.Tensor)).ToList();
        try
        {
            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, inputs.Select(i => i.Name).ToList(), values, session.OutputNames);
            return results.Select((r, i) => FromOrtValue(r, session.OutputNames[i])).ToList();
        }
        finally
        {
            foreach (var v in values) v.Dispose();
        }
    }

    /// <summary>An ONNX Runtime tensor holding a copy of <paramref name="tensor"/>.</summary>
    public static OrtValue ToOrtValue(ITensor tensor)
    {
        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, (OrtElementType)(int)tensor.DataType, tensor.Dims.ToArray());
        tensor.GetRawData().Span.CopyTo(value.GetTensorMutableDataAsSpan<byte>());
        return value;
    }

    private static ITensor FromOrtValue(OrtValue value, string name)
    {
        if (!value.IsTensor) throw new NotSupportedException($"Output '{name}' is not a tensor.");
        var info = value.GetTensorTypeAndShape();
        if (info.ElementDataType == OrtElementType.String) throw new NotSupportedException($"Output '{name}' holds strings.");
        return new DenseTensor((DataType)(int)info.ElementDataType, info.Shape, value.GetTensorDataAsSpan<byte>().ToArray(), name);
    }
}
