using OnnxKit.Ir;

namespace OnnxKit.Execution;

/// <summary>Conveniences over <see cref="IBackend"/> that every caller would otherwise write.</summary>
public static class BackendExtensions
{
    /// <summary>
    /// Prepares <paramref name="model"/>, or says why the backend cannot run it: false, with the
    /// <see cref="UnsupportedFeatureException"/>'s message in <paramref name="reason"/>. Other
    /// failures (a malformed model) still throw.
    /// </summary>
    public static bool TryPrepare(this IBackend backend, Model model, out IModelBackend? prepared, out string? reason)
    {
        try
        {
            prepared = backend.Prepare(model);
            reason = null;
            return true;
        }
        catch (UnsupportedFeatureException e)
        {
            prepared = null;
            reason = e.Message;
            return false;
        }
    }

    /// <summary>Prepares <paramref name="model"/> once, runs it on each input set in turn, and disposes it; returns every output of each run.</summary>
    /// <exception cref="OnnxKitException">The model cannot be prepared or a run fails.</exception>
    public static IReadOnlyList<IReadOnlyDictionary<string, ITensor>> RunEach(this IBackend backend, Model model,
        IReadOnlyList<IReadOnlyDictionary<string, ITensor>> inputSets, CancellationToken cancellationToken = default)
    {
        using var prepared = backend.Prepare(model);
        return inputSets.Select(set => prepared.Run(set, cancellationToken)).ToList();
    }
}
