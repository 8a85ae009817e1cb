namespace OnnxKit.Serialization;

/// <summary>
/// A model written by <see cref="OnnxFile.Stage"/> under temporary names beside its target, flushed to disk and not
/// yet visible: <see cref="Commit"/> renames it into place (the external data file first, then the model file), and
/// <see cref="Dispose"/> removes whatever was not committed. The temporary files are registered with
/// <see cref="AtomicFile"/>, so they are also removed when the process is asked to stop.
/// </summary>
public sealed class StagedSave : IDisposable
{
    private readonly string path, fullPath, dataPath;
    private readonly CancellationToken cancellation;
    private bool committed;

    internal StagedSave(string path, string fullPath, string dataPath, CancellationToken cancellation)
    {
        this.path = path;
        this.fullPath = fullPath;
        this.dataPath = dataPath;
        this.cancellation = cancellation;
        DataTemp = AtomicFile.TempPathFor(dataPath);
        ModelTemp = AtomicFile.TempPathFor(fullPath);
    }

    /// <summary>The temporary file the external data goes to (removed at commit when no tensor went there).</summary>
    internal string DataTemp { get; }

    /// <summary>The temporary file the model goes to.</summary>
    internal string ModelTemp { get; }

    /// <summary>True when some tensor was written to the external data file.</summary>
    internal bool WroteData { get; set; }

    /// <summary>
    /// Renames the written files over the target: they appear complete or not at all. A save that was
    /// cancelled (its <see cref="SaveOptions.Cancellation"/>) commits nothing and removes its files.
    /// </summary>
    /// <exception cref="OnnxKitException">A file could not be renamed into place.</exception>
    /// <exception cref="InvalidOperationException">Already committed.</exception>
    public void Commit()
    {
        if (committed) throw new InvalidOperationException($"The save of '{path}' is already committed.");
        try
        {
            cancellation.ThrowIfCancellationRequested(); // interrupted: nothing is committed
            if (WroteData) AtomicFile.Commit(DataTemp, dataPath);
            else AtomicFile.Discard(DataTemp);
            AtomicFile.Commit(ModelTemp, fullPath);
            committed = true;
        }
        finally
        {
            if (!committed) Dispose();
        }
    }

    /// <summary>Removes the temporary files unless they were committed; never throws.</summary>
    public void Dispose()
    {
        if (committed) return;
        AtomicFile.Discard(DataTemp);
        AtomicFile.Discard(ModelTemp);
    }
}
