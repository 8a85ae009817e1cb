using OnnxKit.Exporter.Export;
using OnnxKit.Exporter.Networks;
using OnnxKit.Serialization;
using OnnxKit.Serialization.NumPy;

namespace OnnxKit.Training.Jobs;

/// <summary>Writes a trained model: its ONNX export and, optionally, its weights as a <c>.npz</c> archive in the exporter's layout.</summary>
internal static class ModelFiles
{
    /// <summary>
    /// Exports <paramref name="network"/> to <paramref name="output"/> at <paramref name="opset"/>
    /// and its weights to <paramref name="weightsOutput"/> (keyed <c>layer/weight</c>, what
    /// <c>onnxkit export --weights</c> reads). Either both files appear or neither does.
    /// </summary>
    public static void Write(Network network, string output, string? weightsOutput, int opset)
    {
        string? weightsTemp = null;
        if (weightsOutput is not null)
        {
            weightsTemp = AtomicFile.TempPathFor(Path.GetFullPath(weightsOutput));
            NpzFile.Write(weightsTemp, network.Weights.Select(w => new KeyValuePair<string, Ir.ITensor>(w.FullName, w.GetValue(0))));
        }
        try
        {
            network.Export(output, new ExportOptions { Opset = opset });
            if (weightsTemp is not null) AtomicFile.Commit(weightsTemp, Path.GetFullPath(weightsOutput!));
        }
        catch
        {
            if (weightsTemp is not null) AtomicFile.Discard(weightsTemp);
            throw;
        }
    }

    /// <summary>Fails before any training when an output's folder does not exist.</summary>
    public static void CheckWritable(params string?[] paths)
    {
        foreach (var path in paths.OfType<string>())
        {
            string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (!Directory.Exists(folder)) throw new OnnxKitException($"Cannot write '{path}': folder '{folder}' does not exist.");
        }
    }
}
