using System.Globalization;
using OnnxKit.Exporter.Export;
using OnnxKit.Serialization.NumPy;

namespace OnnxKit.Training.Callbacks;

/// <summary>
/// Saves the model after epochs (Keras's ModelCheckpoint): an ONNX export when the path ends in
/// <c>.onnx</c>, else the weights as a <c>.npz</c> archive keyed <c>layer/weight</c> (the
/// exporter's <c>--weights</c> layout). <c>{epoch}</c> in the path is replaced by the epoch
/// number. With <see cref="SaveBestOnly"/>, only epochs that improve the monitored figure are
/// saved. Files are written atomically.
/// </summary>
public sealed class ModelCheckpoint(string path, string monitor = "val_loss", bool saveBestOnly = false, ExportOptions? exportOptions = null) : Callback
{
    private readonly MonitoredFigure figure = new(monitor, 0);

    /// <summary>The path pattern.</summary>
    public string Path { get; } = path;

    /// <summary>Whether only improving epochs are saved.</summary>
    public bool SaveBestOnly { get; } = saveBestOnly;

    /// <summary>The files written, in order.</summary>
    public List<string> Saved { get; } = [];

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochLogs logs)
    {
        if (SaveBestOnly && !figure.Improved(logs)) return;
        string file = Path.Replace("{epoch}", logs.Epoch.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        if (file.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            context.WriteWeightsToModel();
            context.Model.Export(file, exportOptions);
        }
        else NpzFile.Write(file, context.ReadWeights());
        Saved.Add(file);
    }
}
