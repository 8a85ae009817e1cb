using OnnxKit.Ir;
using OnnxKit.Serialization;

namespace OnnxKit.Optimizer;

/// <summary>
/// Writes a candidate model to temporary files beside the output on another thread while the optimizer verifies it
/// (<see cref="OptimizeOptions.BeforeFinalVerification"/>), so the write and its flush to disk overlap the check. The
/// files are renamed into place only by <see cref="TryCommit"/> with that same model; anything else, or disposal,
/// removes them, so nothing appears at the output path unless the model is the one to be written.
/// </summary>
internal sealed class SaveWhileVerifying(string outputPath, CancellationToken cancellation) : IDisposable
{
    private Model? candidate;
    private Task<StagedSave>? write;

    /// <summary>Starts writing <paramref name="model"/>, removing any earlier candidate's files.</summary>
    public void Start(Model model)
    {
        Discard();
        candidate = model;
        write = Task.Run(() => OnnxFile.Stage(model, outputPath, new SaveOptions { Cancellation = cancellation }), cancellation);
    }

    /// <summary>
    /// When <paramref name="model"/> is the model being written, waits for the write and renames it into place: true.
    /// Otherwise removes the candidate's files and returns false (the caller saves <paramref name="model"/> itself).
    /// </summary>
    /// <exception cref="OnnxKitException">The write or the rename failed (nothing is left at the output path).</exception>
    public bool TryCommit(Model model)
    {
        if (write is null || !ReferenceEquals(model, candidate))
        {
            Discard();
            return false;
        }
        var staged = write.GetAwaiter().GetResult();
        write = null;
        using (staged) staged.Commit();
        return true;
    }

    /// <summary>Removes the candidate's files unless committed (waiting for a write still under way).</summary>
    public void Dispose() => Discard();

    private void Discard()
    {
        var pending = write;
        write = null;
        candidate = null;
        if (pending is null) return;
        try
        {
            pending.GetAwaiter().GetResult().Dispose();
        }
        catch (Exception e) when (e is OnnxKitException or OperationCanceledException)
        {
            // The write failed or was cancelled and removed its own files; only a write that is committed may report a failure.
        }
    }
}
