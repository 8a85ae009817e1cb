using OnnxKit.Exporter.Networks;
using OnnxKit.Models;
using OnnxKit.Serialization;

namespace OnnxKit.Exporter.Scripting;

/// <summary>Keras-style summaries of an .onnx file, a .csx script or a zoo model.</summary>
public static class ModelSummaries
{
    /// <summary>
    /// Summarizes <paramref name="modelOrName"/>: an existing <c>.onnx</c> file (grouping its
    /// nodes into layers), a <c>.csx</c> script, or the name of a zoo model.
    /// </summary>
    public static SummaryReport For(string modelOrName, ZooOptions? zooOptions = null)
    {
        if (modelOrName.EndsWith(".csx", StringComparison.OrdinalIgnoreCase)) return ScriptModelLoader.Load(modelOrName).SummaryReport();
        if (File.Exists(modelOrName)) return OnnxSummary.Build(OnnxFile.Load(modelOrName));
        if (modelOrName.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) throw new OnnxKitException($"Model file '{modelOrName}' does not exist.");
        return ModelZoo.Create(modelOrName, zooOptions).SummaryReport();
    }
}
