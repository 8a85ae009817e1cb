namespace OnnxKit.Serialization;

/// <summary>Where tensor data goes when a model is saved.</summary>
public enum ExternalDataMode
{
    /// <summary>
    /// Tensors keep their form: inline ones stay inline, external ones are written to
    /// the new model's data file. A model that would exceed protobuf's 2 GiB limit
    /// switches to <see cref="External"/> for tensors above the size threshold.
    /// </summary>
    Auto,

    /// <summary>Every tensor inline; fails when the file would exceed 2 GiB.</summary>
    Embed,

    /// <summary>Every tensor of at least <see cref="SaveOptions.SizeThreshold"/> bytes goes to the data file.</summary>
    External,
}

/// <summary>How <see cref="OnnxFile.Save"/> writes a model.</summary>
public sealed record SaveOptions
{
    /// <summary>Where tensor data goes.</summary>
    public ExternalDataMode ExternalData { get; init; } = ExternalDataMode.Auto;

    /// <summary>The data file's name, relative to the model's folder; default <c>&lt;model file name&gt;.data</c>.</summary>
    public string? ExternalDataLocation { get; init; }

    /// <summary>Tensors smaller than this many bytes stay inline in <see cref="ExternalDataMode.External"/> mode.</summary>
    public long SizeThreshold { get; init; } = 1024;

    /// <summary>Each external tensor starts at a multiple of this many bytes (memory-mapping friendly).</summary>
    public int Alignment { get; init; } = 4096;

    /// <summary>
    /// Once cancelled (Ctrl+C), a save that is still writing commits nothing: its temporary files are removed and it
    /// throws <see cref="OperationCanceledException"/>, so an interrupted command leaves no output rather than a late one.
    /// </summary>
    public CancellationToken Cancellation { get; init; }
}
