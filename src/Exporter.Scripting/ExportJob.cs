using System.Diagnostics;
using OnnxKit.Exporter.Export;
using OnnxKit.Schemas;

namespace OnnxKit.Exporter.Scripting;

/// <summary>One export from start to end: build the model, load trained weights, write the file.</summary>
public static class ExportJob
{
    /// <summary>
    /// Builds the model from <paramref name="source"/>, assigns weights from
    /// <paramref name="weightsPath"/> (a .npz archive or a folder of .npy files) when given,
    /// and exports it to <paramref name="output"/>.
    /// </summary>
    public static ExportReport Run(ModelSource source, string output, ExportOptions options, string? weightsPath = null, WeightLayout layout = WeightLayout.Onnx)
    {
        var clock = Stopwatch.StartNew();
        var network = source.Create();
        options.Cancellation.ThrowIfCancellationRequested();
        var loaded = weightsPath is null ? null : network.LoadWeights(weightsPath, layout);
        string directory = Path.GetDirectoryName(Path.GetFullPath(output))!;
        if (!Directory.Exists(directory)) throw new OnnxKitException($"Cannot write '{output}': folder '{directory}' does not exist.");
        var files = network.Export(output, options);
        long bytes = new FileInfo(files.Model).Length + (files.ExternalData is { } data ? new FileInfo(data).Length : 0);
        return new ExportReport(network.Name, files.Model, files.ExternalData, options.Opset, OpsetSupport.MinIrVersionForOpset(options.Opset),
            network.ParameterCount, network.TrainableParameterCount, bytes, clock.Elapsed.TotalSeconds,
            loaded?.Loaded ?? [], loaded?.NotLoaded ?? []);
    }
}
