using System.Globalization;
using System.Text;
using OnnxKit.Serialization;

namespace OnnxKit.Training.Callbacks;

/// <summary>
/// Writes one CSV row per epoch (Keras's CSVLogger): <c>epoch</c>, then every figure of the
/// logs, then <c>seconds</c>. The whole file is rewritten atomically after each epoch, so it is
/// complete whenever it is read.
/// </summary>
public sealed class CsvLogger(string path) : Callback
{
    private readonly StringBuilder text = new();

    /// <summary>The file written.</summary>
    public string Path { get; } = path;

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochLogs logs)
    {
        if (text.Length == 0) text.Append("epoch,").AppendJoin(',', logs.Values.Select(v => v.Key)).Append(",seconds\n");
        text.Append(logs.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',')
            .AppendJoin(',', logs.Values.Select(v => v.Value.ToString("R", CultureInfo.InvariantCulture)))
            .Append(',').Append(logs.Duration.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture)).Append('\n');
        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        AtomicFile.Write(Path, stream => stream.Write(bytes));
    }
}
