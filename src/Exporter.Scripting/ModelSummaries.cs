using OnnxKit.Exporter.Networks;
using OnnxKit.Models;
using OnnxKit.Serialization;

namespace OnnxKit.Exporter.Scripting;

/// <summary>Keras-style summaries of an .onnx file, a .csx script or a zoo model.</summary>
public static class ModelSummaries
{
    /// <summary>
    /// Summarizes <paramref name="modelOrName"/>: a <c>.csx</c> script, an existing ONNX file
    /// (its nodes grouped into layers by name scope), or the name of a zoo model.
    /// </summary>
    public static SummaryReport For(string modelOrName, ZooOptions? zooOptions = null)
    {
        if (modelOrName.EndsWith(".csx", StringComparison.OrdinalIgnoreCase)) return ScriptModelLoader.Load(modelOrName).SummaryReport();
        if (File.Exists(modelOrName)) return OnnxSummary.Build(OnnxFile.Load(modelOrName));
        if (modelOrName.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) throw new OnnxKitException($"Model file '{modelOrName}' does not exist.");
        return ModelZoo.Create(modelOrName, zooOptions).SummaryReport();
    }
}
